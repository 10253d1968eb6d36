import Testing

/// The hook blocks a master key wherever it is staged: in any file, in a file's name, in
/// YAML escapes or another encoding, and never prints it.
@Suite struct HookMasterKeyTests: HookScenario {
    @Test func masterKeyAnywhereIsBlockedWhateverTheFileIsCalled() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText()
        let run = try stagedRun(workspace, "docs/notes.txt", "deploy with " + key)
        #expect(run.status == 1)
        // At the key, after "deploy with ".
        #expect(run.stderr.contains("docs/notes.txt:1:13: master-key:"))
        #expect(!run.stderr.contains(key.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// A key pasted into a file's name is blocked, and no finding prints it, not even one
    /// about that file's contents (found by a sixth fresh tester: the commit went through).
    @Test func masterKeyInAFileNameIsBlockedAndNotPrinted() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText().trimmingCharacters(in: .whitespacesAndNewlines)
        for path in ["docs/\(key).txt", "processes/p/\(key).json"] {
            let run = try stagedRun(workspace, path, #"{"password": "fake-plain-2"}"#)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("[master key]"), "\(run.stderr)")
            #expect(run.stderr.contains("master-key: the file's name holds"), "\(run.stderr)")
            #expect(!run.stderr.contains(key), "\(run.stderr)")
            try workspace.git(["rm", "-q", "--cached", path])
        }
    }

    /// A submodule's path is committed as a file's name is: one holding a key passed
    /// (found by a twenty-fifth fresh tester), at the top and in the process folder.
    @Test func masterKeyInASubmodulePathIsBlockedAndNotPrinted() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText().trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try workspace.git(["rev-parse", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for path in ["sm\(key)", "processes/sm\(key)"] {
            try workspace.git(["update-index", "--add", "--cacheinfo", "160000,\(commit),\(path)"])
            let run = try workspace.hook()
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("master-key: the file's name holds"), "\(run.stderr)")
            #expect(!run.stderr.contains(key), "\(run.stderr)")
            try workspace.git(["rm", "-q", "--cached", path])
        }
    }

    /// A key in a vault file's name or a process path is printed by no command: not in the
    /// hook's other findings, nor by `validate`, `list`, `doctor`, `usage` (text and JSON)
    /// or the report page (found by a seventh fresh tester).
    @Test func aKeyInANameIsPrintedByNoCommand() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText().trimmingCharacters(in: .whitespacesAndNewlines)
        let good = String(decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        try workspace.write("vault/\(key).yaml", good)
        try workspace.write(
            "processes/\(key)/t.json", #"{"password": "{{secret:FTP_PASSWORD}}"}"#)
        // And in a display name, which `diff-text` shows to `git diff` (found by an eighth
        // fresh tester).
        let keyed = good.split(separator: "\n").map {
            $0.hasPrefix("display_name: ") ? "display_name: \"dn \(key)\"" : String($0)
        }
        try workspace.write("keyed.yaml", keyed.joined(separator: "\n") + "\n")
        try workspace.git(["add", "-A"])
        var outputs = [try workspace.hook(), try workspace.hook(["--format", "json"])]
        outputs.append(try workspace.run(["diff-text", "keyed.yaml"]))
        #expect(outputs[2].stdout.contains("dn [master key]"), "\(outputs[2].stdout)")
        for arguments in [
            ["validate"], ["list"], ["doctor"], ["usage"], ["usage", "--json"],
            ["report", "--out", "report.html"],
        ] {
            outputs.append(try workspace.run(arguments))
        }
        for run in outputs {
            #expect(!run.output.contains(key), "\(run.output)")
        }
        #expect(outputs[0].stderr.contains("[master key]"), "\(outputs[0].stderr)")
        #expect(outputs[6].stdout.contains("[master key]"), "\(outputs[6].stdout)")
        let page = String(decoding: try workspace.read("report.html"), as: UTF8.self)
        #expect(!page.contains(key))
    }

    /// A key in a display name written with a YAML escape is found by the hook and
    /// `validate` (found by a ninth fresh tester: only its bytes were searched).
    @Test func aKeyWrittenWithYAMLEscapesIsFound() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText().trimmingCharacters(in: .whitespacesAndNewlines)
        let good = String(decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let escaped =
            good.split(separator: "\n").map {
                $0.hasPrefix("display_name: ")
                    ? "display_name: \"\\x54\(key.dropFirst())\"" : String($0)
            }.joined(separator: "\n") + "\n"
        let run = try stagedRun(workspace, "vault/FTP_PASSWORD.yaml", escaped)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("master-key:"), "\(run.stderr)")
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1, "\(validate.output)")
        #expect(validate.output.contains("master-key:"), "\(validate.output)")
        #expect(!validate.output.contains(String(key.dropFirst())), "\(validate.output)")
        // In vault.yaml's editors and in the allow-list too (found by a tenth fresh tester).
        try workspace.git(["checkout", "HEAD", "--", "vault/FTP_PASSWORD.yaml"])
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let editors = try stagedRun(
            workspace, "vault/vault.yaml",
            config + "editors:\n  - \"\\x54\(key.dropFirst())\"\n")
        #expect(editors.status == 1, "\(editors.stderr)")
        #expect(editors.stderr.contains("vault/vault.yaml:1:1: master-key:"), "\(editors.stderr)")
        try workspace.git(["checkout", "HEAD", "--", "vault/vault.yaml"])
        let allowed = try stagedRun(
            workspace, ".tresor-allow.yaml",
            "allow:\n  - file: processes/x.json\n    rule: literal-auth-header\n    reason: "
                + "\"\\x54\(key.dropFirst())\"\n")
        #expect(allowed.status == 1, "\(allowed.stderr)")
        #expect(allowed.stderr.contains(".tresor-allow.yaml:1:1: master-key:"), "\(allowed.stderr)")
    }

    /// A key saved as UTF-16 (Windows PowerShell 5's `>`) or UTF-32, either byte order, is
    /// found too (it passed the hook; found by fresh testers).
    @Test func masterKeyInUTF16OrUTF32IsBlocked() throws {
        let workspace = try repository()
        let key = try workspace.masterKeyText()
        for (path, encoding) in [
            ("docs/le.txt", String.Encoding.utf16LittleEndian), ("docs/be.txt", .utf16BigEndian),
            ("docs/bom.txt", .utf16), ("docs/wide.txt", .utf32LittleEndian),
            ("docs/wide-be.txt", .utf32BigEndian),
        ] {
            let data = try #require(("line one\nkey " + key).data(using: encoding))
            try workspace.write(path, data)
            try workspace.git(["add", "--", path])
            let run = try workspace.hook()
            #expect(run.status == 1, "\(path): \(run.stderr)")
            #expect(run.stderr.contains("\(path):2:5: master-key:"), "\(run.stderr)")
            try workspace.git(["rm", "--cached", "-q", "--", path])
        }
    }
}
