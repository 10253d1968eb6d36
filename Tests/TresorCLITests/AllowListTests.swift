import Foundation
import Testing

/// A false positive is silenced only by a checked-in allow-list entry naming file, field and
/// rule with a reason; the summary counts it, and rules about keys cannot be silenced.
@Suite struct AllowListTests {
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.commitAll("vault")
        try workspace.write("processes/p/t.json", #"{"sortKey": "customer_name"}"#)
        try workspace.git(["add", "-A"])
        return workspace
    }

    @Test func entrySilencesExactlyItsFileFieldAndRule() throws {
        let workspace = try repository()
        #expect(try workspace.hook().stderr.contains("plaintext-credential") == false)
        try workspace.write("processes/p/u.json", #"{"key": "customer_id"}"#)
        try workspace.git(["add", "-A"])
        let blocked = try workspace.hook()
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("field \"key\""))
        try workspace.write(
            ".tresor-allow.yaml",
            """
            allow:
              - file: processes/p/u.json
                field: key
                rule: plaintext-credential
                reason: a column name, not a key
            """)
        try workspace.git(["add", "-A"])
        let allowed = try workspace.hook()
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("1 allowed by .tresor-allow.yaml"))
        try workspace.write("processes/p/u.json", #"{"password": "fake-pw-1"}"#)
        try workspace.git(["add", "-A"])
        let other = try workspace.hook()
        #expect(other.status == 1, "a different field is not silenced")
        #expect(other.stderr.contains("silences nothing"))
    }

    @Test func keysAndVaultRulesCannotBeSilenced() throws {
        let workspace = try repository()
        try workspace.write(
            ".tresor-allow.yaml",
            """
            allow:
              - file: notes.txt
                rule: master-key
                reason: trust me
            """)
        try workspace.write("notes.txt", try workspace.masterKeyText())
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1)
        #expect(run.stderr.contains("notes.txt:1:1: master-key:"))
        #expect(run.stderr.contains("rule master-key cannot be silenced"))
    }

    /// A near-miss, a placeholder where no engine reads it or in an unsafe context fails
    /// `validate` and `deploy`: silenced in the hook, it passed the commit and then failed
    /// CI (found by a twenty-fifth fresh tester). Such an entry is an error that says so.
    @Test func placeholderErrorsThatValidateReportsCannotBeSilenced() throws {
        let workspace = try repository()
        for rule in ["near-miss", "unsupported-place", "unsafe-context"] {
            try workspace.write(
                ".tresor-allow.yaml",
                "allow:\n  - file: processes/p/t.json\n    rule: \(rule)\n    reason: ours\n")
            try workspace.git(["add", "-A"])
            let run = try workspace.hook()
            #expect(run.status == 1, "\(run.stderr)")
            #expect(
                run.stderr.contains(
                    "rule \(rule) cannot be silenced: `tresor validate` and `deploy` refuse"),
                "\(run.stderr)")
            #expect(run.stderr.contains("no entry of the allow-list applies until it is fixed"))
        }
    }

    /// An entry whose file can match nothing (`./`, a glob, a file not in the repository)
    /// silenced nothing without a word (found by a twenty-fifth fresh tester); a staged
    /// allow-list is checked for them, and each is a warning that does not block.
    @Test func entriesNamingNoFileAreWarnedAbout() throws {
        let workspace = try repository()
        let entries = ["./processes/p/t.json", "processes/p/*.json", "processes/none.json"]
            .map { "  - file: \"\($0)\"\n    rule: plaintext-credential\n    reason: ours\n" }
        try workspace.write(".tresor-allow.yaml", "allow:\n" + entries.joined())
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.stderr)")
        for (line, problem) in [
            (2, "is not written as git writes paths"), (5, "holds a glob character"),
            (8, "names no file in the repository"),
        ] {
            #expect(
                run.stderr.contains(
                    ".tresor-allow.yaml:\(line):1: allow-list: warning: the entry's file"),
                "\(run.stderr)")
            #expect(run.stderr.contains(problem), "\(run.stderr)")
        }
    }

    @Test func entryWithoutReasonIsRefused() throws {
        let workspace = try repository()
        try workspace.write(
            ".tresor-allow.yaml",
            "allow:\n  - file: processes/p/t.json\n    rule: literal-auth-header\n    reason: \"\"\n"
        )
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1)
        #expect(run.stderr.contains(".tresor-allow.yaml:"), "\(run.stderr)")
        #expect(run.stderr.contains("the reason is empty"))
        // Its rule and advice are the allow-list's (they were a secret file's; found by a
        // fresh tester), for a YAML error too.
        #expect(run.stderr.contains("allow-list: the reason is empty"), "\(run.stderr)")
        #expect(!run.stderr.contains("secret files are written by tresor"), "\(run.stderr)")
        try workspace.write(".tresor-allow.yaml", "allow: [\n")
        try workspace.git(["add", "-A"])
        let broken = try workspace.hook()
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(".tresor-allow.yaml:"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("vault-file"), "\(broken.stderr)")
    }
}
