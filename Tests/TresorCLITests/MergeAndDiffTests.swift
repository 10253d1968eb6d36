import Foundation
import Testing

/// One file per secret: different secrets merge cleanly, the same secret conflicts and the
/// hook blocks the conflicted file; the textconv driver turns base64 into metadata.
@Suite struct MergeAndDiffTests {
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [
            ("FTP_PASSWORD", "password", "fake-ftp"), ("API_TOKEN", "token", "fake-api"),
        ])
        try workspace.commitAll("vault")
        return workspace
    }

    func setValue(_ workspace: Workspace, _ name: String, _ value: String) throws {
        let run = try workspace.run(["edit", name, "--new-value"], value: value)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Branch `other` sets `theirs` (name, value), `main` sets `ours`, each in a commit.
    func diverge(
        _ workspace: Workspace, theirs: (String, String), ours: (String, String)
    ) throws {
        try workspace.git(["checkout", "-q", "-b", "other"])
        try setValue(workspace, theirs.0, theirs.1)
        try workspace.commitAll("theirs")
        try workspace.git(["checkout", "-q", "main"])
        try setValue(workspace, ours.0, ours.1)
        try workspace.commitAll("ours")
    }

    @Test func branchesChangingDifferentSecretsMergeWithoutConflict() throws {
        let workspace = try repository()
        try diverge(
            workspace, theirs: ("API_TOKEN", "fake-api-2"), ours: ("FTP_PASSWORD", "fake-ftp-2"))
        let merge = try workspace.git(["merge", "-q", "--no-edit", "other"], allowFailure: true)
        #expect(merge.status == 0, "\(merge.output)")
        #expect(try workspace.run(["validate"]).status == 0)
        let verify = try workspace.run(["verify", "HEAD~2..HEAD"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("3 commits checked, 0 with errors"))
    }

    @Test func branchesChangingTheSameSecretConflictAndTheHookBlocksIt() throws {
        let workspace = try repository()
        try workspace.run(["hook", "install"])
        try diverge(
            workspace, theirs: ("FTP_PASSWORD", "fake-theirs"), ours: ("FTP_PASSWORD", "fake-ours"))
        let merge = try workspace.git(["merge", "-q", "other"], allowFailure: true)
        #expect(merge.status != 0)
        #expect(merge.output.contains("CONFLICT"))
        try workspace.git(["add", "vault/FTP_PASSWORD.yaml"])
        let commit = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        #expect(commit.status != 0)
        #expect(commit.stderr.contains("vault/FTP_PASSWORD.yaml:"), "\(commit.stderr)")
        #expect(commit.stderr.contains("conflict-marker"))
        #expect(!commit.stderr.contains("fake-"))
        // The hint works on the staged file: `--ours` did nothing there (found by a
        // twenty-fifth fresh tester). Taking the merged branch's side commits.
        #expect(commit.stderr.contains("git checkout MERGE_HEAD -- vault/FTP_PASSWORD.yaml"))
        try workspace.git(["checkout", "MERGE_HEAD", "--", "vault/FTP_PASSWORD.yaml"])
        try workspace.git(["add", "vault/FTP_PASSWORD.yaml"])
        let resolved = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        #expect(resolved.status == 0, "\(resolved.output)")
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func textconvDriverShowsMetadataAndAChangedFingerprint() throws {
        let workspace = try repository()
        try workspace.write(".gitattributes", "vault/*.yaml diff=tresor\n")
        try workspace.git(["config", "diff.tresor.textconv", Workspace.binary + " diff-text"])
        try workspace.commitAll("attributes")
        try setValue(workspace, "FTP_PASSWORD", "fake-new")
        try workspace.run(["edit", "FTP_PASSWORD", "--display-name", "Partner FTP"])
        let diff = try workspace.git(["diff", "--", "vault/FTP_PASSWORD.yaml"])
        let changed = diff.stdout.split(separator: "\n").filter {
            ($0.hasPrefix("-") || $0.hasPrefix("+")) && !$0.hasPrefix("---")
                && !$0.hasPrefix("+++")
        }
        let keyID = try workspace.keyID()
        #expect(changed.contains { $0.hasPrefix("-value: sealed to \(keyID), fingerprint ") })
        #expect(changed.contains { $0.hasPrefix("+value: sealed to \(keyID), fingerprint ") })
        #expect(changed.contains("+display_name: Partner FTP"))
        #expect(!diff.stdout.contains("tresor:v1:"), "\(diff.stdout)")
        let unchangedValue = try workspace.git(["diff", "HEAD", "--stat"])
        #expect(unchangedValue.status == 0)
    }

    /// A file that does not read as a secret file is shown line by line, but for lines
    /// that are no field of a secret file: a value typed in by hand never reaches `git
    /// diff`, whatever its key spelling or YAML form (found by two fresh testers).
    @Test func textconvDriverMasksAValueTypedIntoABrokenFile() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let forms = [
            "  value: 'fake-plain-LEAK42'", "value : fake-plain-LEAK42",
            "\"value\": fake-plain-LEAK42", "{value: fake-plain-LEAK42}",
            "- value: fake-plain-LEAK42", "? value", ": fake-plain-LEAK42",
            "\u{FEFF}value: fake-plain-LEAK42", "value: |", "  fake-plain-LEAK42",
            "value: tresor:vfake-plain-LEAK42", "# fake-plain-LEAK42",
            // Found by a third tester: field-like lines in a block scalar, a flow mapping
            // under a stamp, a CR or NEL inside a line.
            "value: >-", "  name: fake-plain-LEAK42", "  by: fake-plain-LEAK42",
            "created: {at: x, by: fake-plain-LEAK42}", "name: |", "  fake-plain-LEAK42",
            "display_name: x\rvalue: fake-plain-LEAK42", "type: x\u{85}value: fake-plain-LEAK42",
        ]
        let broken = (["name: HAND_TYPED"] + forms + ["type: token", "======="]).joined(
            separator: "\n")
        try workspace.write("vault/HAND_TYPED.yaml", broken + "\n")
        let run = try workspace.run(["diff-text", "vault/HAND_TYPED.yaml"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("LEAK42"), "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "name: HAND_TYPED")
        #expect(lines.contains("type: token"))
        #expect(lines.contains("======="))
        #expect(lines.filter { $0.contains("(line not shown") }.count == forms.count)
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        #expect(try workspace.run(["diff-text", "vault/vault.yaml"]).stdout == config)
        // A conflict between two sealed values shows both envelopes' lines.
        let create = try workspace.run(
            ["create", "SEALED_TOKEN", "--display-name", "S", "--type", "token"],
            value: "fake-sealed")
        #expect(create.status == 0)
        let file = String(decoding: try workspace.read("vault/SEALED_TOKEN.yaml"), as: UTF8.self)
        let value = try #require(file.split(separator: "\n").first { $0.hasPrefix("value: ") })
        let conflicted = file.replacingOccurrences(
            of: String(value),
            with: "<<<<<<< ours\n\(value)\n=======\n\(value)\n>>>>>>> theirs")
        try workspace.write("vault/SEALED_TOKEN.yaml", conflicted)
        let shown = try workspace.run(["diff-text", "vault/SEALED_TOKEN.yaml"]).stdout
        #expect(shown.components(separatedBy: String(value)).count == 3, "\(shown)")
        #expect(!shown.contains("(line not shown"), "\(shown)")
    }

    /// A display name holding a line separator or a bidirectional override is shown
    /// escaped, as every command shows it (found by a thirty-eighth fresh tester: `git
    /// diff` showed both raw).
    @Test func textconvDriverEscapesWhatADisplayNameHolds() throws {
        let workspace = try repository()
        let edit = try workspace.run([
            "edit", "FTP_PASSWORD", "--display-name", "line one\u{2028}two \u{202E} rtl",
        ])
        #expect(edit.status == 0, "\(edit.stderr)")
        let text = try workspace.run(["diff-text", "vault/FTP_PASSWORD.yaml"])
        #expect(
            text.stdout.contains(#"display_name: line one\u2028two \u202e rtl"#), "\(text.stdout)")
        #expect(!text.stdout.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{202E}" })
    }
}
