import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Each rule of the pre-commit hook fires on a staged file, and not on the same content
/// left in the work tree only.
@Suite struct HookRuleTests: HookScenario {
    static let processCases: [(String, String, String)] = [
        ("processes/p/a.json", #"{"password": "fake-plain-1"}"#, "plaintext-credential"),
        (
            "processes/p/b.json", #"{"headers": {"h": "Bearer fake.tok3n.value"}}"#,
            "literal-auth-header"
        ),
        ("processes/p/c.json", #"{"user": "{{secrets.FTP_PASSWORD}}"}"#, "near-miss"),
        ("processes/p/d.json", #"{"user": "{{secret:NO_SUCH_SECRET}}"}"#, "unknown-secret"),
        ("processes/c.bpmn", BPMN.userTask, "unsupported-place"),
        ("processes/e.bpmn", BPMN.plainPassword, "plaintext-credential"),
    ]

    @Test(arguments: processCases)
    func processRuleFiresOnlyWhenStaged(_ path: String, _ text: String, _ rule: String) throws {
        let workspace = try repository()
        let run = try stagedRun(workspace, path, text)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):"), "\(run.stderr)")
        #expect(run.stderr.contains(": \(rule): "), "\(run.stderr)")
        #expect(!run.stderr.contains("fake-plain-1") && !run.stderr.contains("fake.tok3n"))
    }

    /// A staged symbolic link in the process folder is skipped with `validate`'s warning,
    /// never read as a process file (found by a fresh tester: its target's path was
    /// parsed as XML and blocked the commit).
    @Test func aStagedLinkIsSkippedAsValidateSkipsIt() throws {
        let workspace = try repository()
        try workspace.write("elsewhere.txt", "<a></b>")
        try workspace.link("processes/link.bpmn", to: "../elsewhere.txt")
        try workspace.link("processes/p/link.json", to: "{not json")
        try workspace.git(["add", "--", "processes"])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["processes/link.bpmn", "processes/p/link.json"] {
            #expect(run.stderr.contains("\(path):1:1: unread-file: warning: symbolic link skipped"))
        }
        #expect(!run.stderr.contains(": xml:") && !run.stderr.contains(": json:"), "\(run.stderr)")
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("processes/link.bpmn"))
    }

    /// A process folder that is a symbolic link to another folder of the repository is
    /// followed, as `validate` follows it: the files staged under its target are checked
    /// (found by a fresh tester: they were not).
    @Test func aLinkedProcessFolderIsFollowed() throws {
        let workspace = try repository()
        try workspace.git(["rm", "-rq", "--cached", "processes"])
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("processes"))
        try workspace.write("flows/p/t.json", #"{"password": "{{secret:FTP_PASSWORD}}"}"#)
        try workspace.link("processes", to: "flows")
        try workspace.git(["add", "-A"])
        try workspace.git(["commit", "-qm", "linked", "--no-verify"])
        try workspace.write("flows/p/u.json", #"{"password": "fake-plain-9"}"#)
        try workspace.git(["add", "--", "flows"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("flows/p/u.json:"), "\(run.stderr)")
        #expect(run.stderr.contains(": plaintext-credential: "), "\(run.stderr)")
        #expect(!run.stderr.contains("fake-plain-9"))
        try workspace.git(["commit", "-qm", "plain", "--no-verify"])
        let verify = try workspace.run(["verify", "HEAD~1..HEAD"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.output.contains("plaintext-credential"), "\(verify.output)")
    }

    /// A hidden file or folder staged in the process folder is skipped with `validate`'s
    /// warning, once for each (found by a fresh tester: the hook skipped it silently).
    @Test func aStagedHiddenFileIsSkippedWithValidatesWarning() throws {
        let workspace = try repository()
        try workspace.write("processes/.draft.bpmn", "<a></b>")
        try workspace.write("processes/.old/a.json", "{")
        try workspace.write("processes/.old/b.json", "{")
        try workspace.git(["add", "--", "processes"])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["processes/.draft.bpmn", "processes/.old"] {
            #expect(
                run.stderr.components(separatedBy: "\(path):1:1: unread-file: warning: hidden")
                    .count == 2, "\(run.stderr)")
        }
    }

    /// A process file whose name is not UTF-8 is blocked, named with its bytes escaped:
    /// every command over the process folder stops on it (found by a sixteenth fresh
    /// tester: the hook passed it, and validate, render, deploy and usage then failed).
    @Test func aProcessFileNamedInAnotherEncodingIsBlocked() throws {
        let workspace = try repository()
        let path =
            Array((workspace.root.path + "/processes/bad").utf8) + [0xFF]
            + Array("name.json".utf8) + [0]
        let descriptor = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) {
                open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644)
            }
        }
        #expect(descriptor >= 0)
        #expect(Glibc.write(descriptor, "{}", 2) == 2)
        close(descriptor)
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                #"unread-file: the name is not valid UTF-8 (processes/bad\xffname.json)"#),
            "\(run.stderr)")
        // Where the finding names its file too (it showed U+FFFD; found by a twenty-fifth
        // fresh tester).
        #expect(run.stderr.contains(#""processes/bad\xffname.json":1:1: unread-file"#))
        #expect(!run.stderr.contains("\u{FFFD}"), "\(run.stderr)")
        let json = try workspace.hook(["--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [[String: Any]]
        let findings = reports?.first?["findings"] as? [[String: Any]] ?? []
        let escaped = findings.first { $0["path"] as? String == #"processes/bad\xffname.json"# }
        #expect(escaped?["path_escaped"] as? Bool == true, "\(json.stdout)")
        #expect(try workspace.run(["validate"]).stderr.contains("not valid UTF-8"))
        // A submodule so named too, where a clone makes a folder every command stops on
        // (found by a seventeenth fresh tester); not a name in a hidden folder, which
        // commands skip with a warning.
        let shell = { (command: String) throws -> Workspace.Run in
            try workspace.run(["-c", command], executable: "/bin/sh")
        }
        _ = try shell("git rm -q --cached processes/bad*name.json && rm processes/bad*name.json")
        #expect(
            try shell(
                #"git update-index --add --cacheinfo "160000,$(git rev-parse HEAD),"#
                    + #"$(printf 'processes/sub\377')""#
            ).status == 0)
        let submodule = try workspace.hook()
        #expect(submodule.status == 1, "\(submodule.stderr)")
        #expect(submodule.stderr.contains(#"(processes/sub\xff)"#), "\(submodule.stderr)")
        _ = try shell(#"git rm -q --cached "$(printf 'processes/sub\377')""#)
        #expect(
            try shell(
                #"mkdir -p processes/.h && echo '{}' > "$(printf 'processes/.h/x\377.json')" "#
                    + "&& git add -A processes"
            ).status == 0)
        let hidden = try workspace.hook()
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(hidden.stderr.contains("processes/.h:1:1: unread-file: warning: hidden"))
    }

    /// A submodule staged in the vault is blocked: it has no blob to check, and a clone
    /// gets a folder where a secret file should be (found by a fresh tester: it passed).
    @Test func aSubmoduleInTheVaultIsBlocked() throws {
        let workspace = try repository()
        let head = try workspace.git(["rev-parse", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try workspace.git(["update-index", "--add", "--cacheinfo", "160000,\(head),vault/SUB.yaml"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("vault/SUB.yaml:1:1: vault-file: a submodule"), "\(run.stderr)")
    }

    /// mapping of fields"; found by a fresh tester).
    @Test func aSecretFileStagedAsALinkIsNamedAsOne() throws {
        let workspace = try repository()
        let link = workspace.root.appendingPathComponent("vault/LINKED_TOKEN.yaml").path
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: "FTP_PASSWORD.yaml")
        try workspace.git(["add", "--", "vault/LINKED_TOKEN.yaml"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("vault/LINKED_TOKEN.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("is a symbolic link"), "\(run.stderr)")
        #expect(!run.stderr.contains("YAML mapping"), "\(run.stderr)")
        // vault.yaml and the allow-list likewise (found by a second fresh tester).
        try workspace.git(["rm", "-q", "--cached", "--", "vault/LINKED_TOKEN.yaml"])
        for path in ["vault/vault.yaml", ".tresor-allow.yaml"] {
            let full = workspace.root.appendingPathComponent(path).path
            try? FileManager.default.removeItem(atPath: full)
            try FileManager.default.createSymbolicLink(
                atPath: full, withDestinationPath: "/etc/hostname")
            try workspace.git(["add", "--", path])
            let linked = try workspace.hook()
            #expect(linked.status == 1, "\(linked.stderr)")
            #expect(linked.stderr.contains("symbolic link"), "\(path): \(linked.stderr)")
            #expect(!linked.stderr.contains("YAML mapping"), "\(path): \(linked.stderr)")
            try workspace.git(["reset", "-q", "--", path])
        }
    }

    /// The vault writes' temporary name staged (forced past vault/.gitignore) is an error:
    /// committed as a folder, it stopped every write in each clone (found by a second fresh
    /// tester).
    @Test func theWriteTemporaryIsNeverCommitted() throws {
        let workspace = try repository()
        try workspace.write("vault/.tresor.tmp-locked/keep", "x")
        try workspace.git(["add", "-f", "--", "vault/.tresor.tmp-locked/keep"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("vault/.tresor.tmp-locked/keep"), "\(run.stderr)")
        #expect(run.stderr.contains("must never be committed"), "\(run.stderr)")
    }

    @Test func documentationPlaceholderIsANoteThatDoesNotBlock() throws {
        let workspace = try repository()
        let run = try stagedRun(workspace, "processes/doc.bpmn", BPMN.documented)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("documentation: note:"))
    }

    @Test func vaultFileRules() throws {
        let workspace = try repository()
        let good = String(decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let cases: [(String, String)] = [
            (good + "# hunter2\n", "vault-comment"),
            (good.replacingOccurrences(of: "type: password", with: "type: pin"), "secret-type"),
            (good.replacingOccurrences(of: "value: ", with: "value: plain-"), "envelope"),
            ("<<<<<<< ours\n" + good + "=======\n" + good + ">>>>>>> theirs\n", "conflict-marker"),
        ]
        for (text, rule) in cases {
            let run = try stagedRun(workspace, "vault/FTP_PASSWORD.yaml", text)
            #expect(run.status == 1, "\(rule)")
            #expect(run.stderr.contains("vault/FTP_PASSWORD.yaml:"), "\(run.stderr)")
            #expect(run.stderr.contains(": \(rule): "), "\(rule): \(run.stderr)")
            #expect(!run.stderr.contains("hunter2"))
            try workspace.git(["checkout", "HEAD", "--", "vault/FTP_PASSWORD.yaml"])
        }
    }

    /// A secret file under a name no command reads (`.yml`, `.YAML`) is blocked, as
    /// `validate` reports it (found by a fresh tester: the hook passed both).
    @Test func aSecretFileNamedWithAnotherExtensionIsBlocked() throws {
        let workspace = try repository()
        let good = String(decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        for path in ["vault/FTP_PASSWORD.yml", "vault/X2.YAML"] {
            let run = try stagedRun(workspace, path, good)
            #expect(run.status == 1, "\(path): \(run.stderr)")
            #expect(run.stderr.contains("\(path):1:1: secret-name: "), "\(run.stderr)")
            #expect(run.stderr.contains("does not end in .yaml"), "\(run.stderr)")
            try workspace.git(["rm", "-q", "--cached", path])
            try FileManager.default.removeItem(at: workspace.root.appendingPathComponent(path))
        }
    }

    /// A change that only deletes says so in its summary (it read "0 files checked";
    /// found by a sixth fresh tester).
    @Test func aDeletionOnlyCommitSaysWhatWasDeleted() throws {
        let workspace = try repository()
        try workspace.git(["rm", "-q", "processes/p/t.json"])
        let run = try workspace.hook(["--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("(1 file deleted, 0 checked)"), "\(run.stderr)")
    }

    @Test func valueSealedToAnotherKeyIsBlockedWithTheFix() throws {
        let workspace = try repository()
        let other = try Workspace()
        try other.initVault(secrets: [("FTP_PASSWORD", "password", "fake-other")])
        let foreign = String(decoding: try other.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let run = try stagedRun(workspace, "vault/FTP_PASSWORD.yaml", foreign)
        #expect(run.status == 1)
        #expect(run.stderr.contains("is sealed to key"), "\(run.stderr)")
        #expect(run.stderr.contains("tresor edit FTP_PASSWORD --new-value"))
    }

    /// A secret file copied under another name holds a value sealed for the first name:
    /// the hook blocks it, naming both, as validate does; and so does verify on the commit.
    /// A value of 100 KB passes the hook and `verify`, and its copy is still found: the
    /// copy check searched for whole boxes, and git refused a pattern that long (found by
    /// an eighth fresh tester).
    @Test func aLargeValueIsCommittedAndItsCopyFound() throws {
        let workspace = try repository()
        let big = String(repeating: "fake-large-value ", count: 6_000)
        let created = try workspace.run(
            ["create", "BIG_BLOB", "--display-name", "Big", "--type", "other"],
            input: Data(big.utf8))
        #expect(created.status == 0, "\(created.stderr)")
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.stderr)")
        let copy = String(decoding: try workspace.read("vault/BIG_BLOB.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "name: BIG_BLOB", with: "name: BIG_COPY")
        let copied = try stagedRun(workspace, "vault/BIG_COPY.yaml", copy)
        #expect(copied.status == 1, "\(copied.stderr)")
        #expect(copied.stderr.contains("BIG_BLOB and BIG_COPY hold the same"), "\(copied.stderr)")
    }

    @Test func aCopiedSealedValueIsBlockedNamingBoth() throws {
        let workspace = try repository()
        let original = String(
            decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let copy = original.replacingOccurrences(
            of: "name: FTP_PASSWORD", with: "name: SFTP_PASSWORD")
        let run = try stagedRun(workspace, "vault/SFTP_PASSWORD.yaml", copy)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "vault/SFTP_PASSWORD.yaml:1:1: envelope: FTP_PASSWORD and SFTP_PASSWORD hold the "
                    + "same sealed value"), "\(run.stderr)")
        try workspace.git(["tag", "base"])
        try workspace.git(["commit", "-q", "--no-verify", "-m", "copy"])
        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("FTP_PASSWORD and SFTP_PASSWORD hold the same"))
    }

    /// Ways round a whole-value comparison, found by a fresh user: a recipient added to the
    /// copy, the original re-sealed in the same commit, a rename. Each is blocked.
    @Test func copiesThatChangeTheValueLineAreBlockedToo() throws {
        let workspace = try repository()
        let original = String(
            decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let line = try #require(original.split(separator: "\n").first { $0.hasPrefix("value: ") })
        let box = try #require(line.split(separator: ":").last)
        let extra = original.replacingOccurrences(
            of: "name: FTP_PASSWORD", with: "name: EU_PASSWORD"
        )
        .replacingOccurrences(of: String(line), with: String(line) + ";0123456789abcdef:" + box)
        let added = try stagedRun(workspace, "vault/EU_PASSWORD.yaml", extra)
        #expect(
            added.stderr.contains("FTP_PASSWORD and EU_PASSWORD hold the same"), "\(added.stderr)")
        let validate = try workspace.run(["validate"])
        #expect(validate.stderr.contains("EU_PASSWORD and FTP_PASSWORD hold the same"))
        try workspace.git(["rm", "-q", "--cached", "vault/EU_PASSWORD.yaml"])
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/EU_PASSWORD.yaml"))

        // The copy, and the original given a new value in the same commit.
        let copy = original.replacingOccurrences(
            of: "name: FTP_PASSWORD", with: "name: SFTP_PASSWORD")
        try workspace.write("vault/SFTP_PASSWORD.yaml", copy)
        try workspace.run(["edit", "FTP_PASSWORD", "--new-value"], value: "fake-new-ftp")
        try workspace.git(["add", "vault"])
        let moved = try workspace.hook()
        #expect(moved.status == 1)
        #expect(
            moved.stderr.contains("SFTP_PASSWORD holds the sealed value FTP_PASSWORD held before"),
            "\(moved.stderr)")
        try workspace.git(["reset", "-q", "--hard"])
        try? FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/SFTP_PASSWORD.yaml"))

        // A rename: the file moved and its name changed.
        try workspace.git(["mv", "vault/FTP_PASSWORD.yaml", "vault/FTP_LOGIN.yaml"])
        try workspace.write(
            "vault/FTP_LOGIN.yaml",
            original.replacingOccurrences(of: "name: FTP_PASSWORD", with: "name: FTP_LOGIN"))
        try workspace.git(["add", "vault"])
        let renamed = try workspace.hook()
        #expect(
            renamed.stderr.contains("FTP_LOGIN holds the sealed value FTP_PASSWORD held"),
            "\(renamed.stderr)")
    }

    /// The copy check reads `git grep`'s output: the user's grep settings must not change it.
    @Test func theCopyCheckIgnoresTheUsersGrepSettings() throws {
        let workspace = try repository()
        for (key, value) in [
            ("grep.lineNumber", "true"), ("grep.column", "true"), ("color.grep", "always"),
        ] {
            try workspace.git(["config", key, value])
        }
        let original = String(
            decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let copy = original.replacingOccurrences(of: "name: FTP_PASSWORD", with: "name: COPY")
        let run = try stagedRun(workspace, "vault/COPY.yaml", copy)
        #expect(run.stderr.contains("FTP_PASSWORD and COPY hold the same"), "\(run.stderr)")
    }

    @Test func cleanStagedChangesPassQuietly() throws {
        let workspace = try repository()
        try workspace.run(
            ["create", "API_TOKEN", "--display-name", "API", "--type", "token"], value: "fake-t")
        try workspace.write("processes/p/u.json", #"{"token": "{{secret:API_TOKEN}}"}"#)
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.isEmpty)
    }
}
