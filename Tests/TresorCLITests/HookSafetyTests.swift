import Foundation
import Testing

/// No command of the git features prints a stored value or a plaintext credential: a canary
/// in a secret and in a literal credential of a process file appears in no output.
@Suite struct HookSafetyTests {
    @Test func canariesNeverAppearInHookVerifyLogFixOrDiffOutput() throws {
        let secretCanary = "fake-CANARY-secret-51d2"
        let plainCanary = "fake-CANARY-plain-8e0c"
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("CANARY_TOKEN", "token", secretCanary)])
        try workspace.commitAll("vault")
        try workspace.git(["tag", "base"])
        try workspace.write(
            "processes/p/t.json",
            """
            {"password": "\(plainCanary)", "h": "Bearer \(plainCanary)9",
             "t": "{{secrets.CANARY_TOKEN}}"}
            """)
        try workspace.run(["edit", "CANARY_TOKEN", "--new-value"], value: secretCanary + "2")
        try workspace.git(["add", "-A"])
        var runs = try [
            workspace.hook(["--verbose"]), workspace.hook(["--format", "json"]),
        ]
        try workspace.commitAll("plain")
        runs += try [
            ["verify", "base..HEAD", "--verbose"], ["verify", "base..HEAD", "--format", "json"],
            ["log", "CANARY_TOKEN"], ["log", "CANARY_TOKEN", "--json"],
            ["diff-text", "vault/CANARY_TOKEN.yaml"], ["fix", "--dry-run"], ["fix"],
        ].map { try workspace.run($0) }
        #expect(runs[0].status == 1 && runs[2].status == 1)
        for run in runs {
            #expect(!run.output.contains("fake-CANARY"), "\(run.output)")
        }
    }

    /// A commit that points vault.yaml at another key without re-sealing the values is
    /// blocked, by the hook and by `verify`; `tresor rekey`'s commit passes (found by a
    /// fresh tester: the new key's holder would have opened every value created after it).
    @Test func aKeySwappedInVaultYamlIsBlockedButARekeyPasses() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("DB_USER", "username", "fake-user")])
        try workspace.commitAll("vault")
        try workspace.git(["tag", "base"])
        let other = try Workspace()
        try other.initVault()
        let theirs = String(decoding: try other.read("vault/vault.yaml"), as: UTF8.self)
        let ours = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let keyLines = { (text: String) in
            text.split(separator: "\n").filter {
                $0.hasPrefix("public_key:") || $0.hasPrefix("key_id:")
            }
        }
        var swapped = ours
        for (mine, foreign) in zip(keyLines(ours), keyLines(theirs)) {
            swapped = swapped.replacingOccurrences(of: String(mine), with: String(foreign))
        }
        #expect(swapped != ours)
        try workspace.write("vault/vault.yaml", swapped)
        try workspace.git(["add", "-A"])
        let blocked = try workspace.hook()
        #expect(blocked.status == 1, "\(blocked.output)")
        // Not signed by the team's key: the vault has a signing key (KeySwapTests has
        // vaults without one, where the files not re-sealed block it).
        #expect(blocked.output.contains("but key_change is not"), "\(blocked.output)")
        try workspace.commitAll("swap")
        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1 && verify.output.contains("only `tresor rekey`, run with"))
        try workspace.git(["reset", "-q", "--hard", "base"])
        #expect(try workspace.run(["rekey"]).status == 0)
        try workspace.git(["add", "-A"])
        let rekeyed = try workspace.hook()
        #expect(rekeyed.status == 0, "\(rekeyed.output)")
    }

    /// The same swap dressed as an unfinished rekey from the team's key (`rekey_from`) got
    /// past the hook and `verify`; then `create` sealed new values to the committer's key,
    /// and `rekey` "finished" by re-sealing every value to it (found by a twenty-fifth
    /// fresh tester). The commit is blocked; `rekey` refuses without the new key, writing
    /// nothing; `create` warns before it asks for the value.
    @Test func aKeySwapPosingAsAnUnfinishedRekeyIsBlockedAndNotFinished() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("DB_USER", "username", "fake-user")])
        try workspace.commitAll("vault")
        try workspace.git(["tag", "base"])
        let ours = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let other = try Workspace()
        try other.initVault()
        let theirs = String(decoding: try other.read("vault/vault.yaml"), as: UTF8.self)
        func line(_ text: String, _ key: String) -> String {
            String(text.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? "")
        }
        let oldID = line(ours, "key_id").dropFirst("key_id: ".count)
        let swapped =
            ours
            .replacingOccurrences(of: line(ours, "public_key"), with: line(theirs, "public_key"))
            .replacingOccurrences(
                of: line(ours, "key_id"), with: line(theirs, "key_id") + "\nrekey_from: \(oldID)")
        try workspace.write("vault/vault.yaml", swapped)
        #expect(try workspace.run(["validate"]).status == 0)
        try workspace.git(["add", "-A"])
        let blocked = try workspace.hook()
        #expect(blocked.status == 1, "\(blocked.output)")
        #expect(blocked.output.contains("records an unfinished rekey"), "\(blocked.output)")
        try workspace.commitAll("swap")
        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1 && verify.output.contains("unfinished rekey"))
        let created = try workspace.run(
            ["create", "NEW_ONE", "--type", "password", "--display-name", "n"],
            input: Data("fake-new-value".utf8))
        #expect(created.stderr.contains("records an unfinished rekey"), "\(created.stderr)")
        let before = try workspace.read("vault/DB_USER.yaml")
        let rekey = try workspace.run(["rekey"])
        #expect(rekey.status == 4, "\(rekey.output)")
        #expect(rekey.stderr.contains("the key to finish it with is not at hand"))
        #expect(try workspace.read("vault/DB_USER.yaml") == before)
        #expect(!rekey.output.contains("fake-user"))
    }
}

/// Before `vault/vault.yaml` is committed or staged, the hook checked no process file: a
/// plaintext password passed (found by a fresh tester). The default process folder is
/// checked then, and no placeholder is reported unknown, since there is no vault yet.
@Suite struct HookBeforeTheVaultTests {
    @Test func processFilesAreCheckedBeforeTheVaultIsCommitted() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write("processes/t.json", #"{"password": "fake-literal-123"}"#)
        try workspace.write("processes/u.json", #"{"password": "{{secret:NOT_YET}}"}"#)
        try workspace.git(["add", "processes"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("processes/t.json:"), "\(run.stderr)")
        #expect(run.stderr.contains(": plaintext-credential: "), "\(run.stderr)")
        #expect(!run.stderr.contains("unknown-secret"), "\(run.stderr)")
        #expect(!run.stderr.contains("fake-literal-123"))
        try workspace.git(["rm", "-q", "--cached", "processes/t.json"])
        #expect(try workspace.hook().status == 0)
    }

    /// The work tree's vault.yaml names the process folder then (found by a third tester:
    /// `processes: bpmn/` went unchecked).
    @Test func theWorkTreesSettingNamesTheFolderBeforeTheVaultIsCommitted() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            config.replacingOccurrences(of: "processes: processes/", with: "processes: bpmn/"))
        try workspace.write("bpmn/t.json", #"{"password": "fake-literal-456"}"#)
        try workspace.git(["add", "bpmn"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("bpmn/t.json:"), "\(run.stderr)")
        #expect(run.stderr.contains(": plaintext-credential: "), "\(run.stderr)")
    }

    /// A commit pointing the setting at a folder it holds no file of is refused, as
    /// `validate` refuses it in CI (a forty-eighth fresh tester found the hook and `verify`
    /// passing it).
    @Test func aSettingNamingAFolderWithoutFilesIsRefused() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write("processes/p/t.json", #"{"v": 1}"#)
        try workspace.commitAll("vault and processes")
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            config.replacingOccurrences(of: "processes: processes/", with: "processes: bpmn/"))
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("settings.processes names bpmn/"), "\(run.stderr)")
        // With the folder's files in the same commit, it passes.
        try workspace.write("bpmn/p/t.json", #"{"v": 1}"#)
        try workspace.git(["add", "-A"])
        let moved = try workspace.hook()
        #expect(!moved.stderr.contains("settings.processes names"), "\(moved.stderr)")
        try workspace.git(["commit", "-q", "--no-verify", "-m", "moved"])
        // A later commit removing the folder's last file, the setting unchanged (a
        // forty-ninth fresh tester).
        try workspace.git(["rm", "-rq", "bpmn"])
        let emptied = try workspace.hook()
        #expect(emptied.status == 1, "\(emptied.stderr)")
        #expect(emptied.stderr.contains("settings.processes names bpmn/"), "\(emptied.stderr)")
        let verify = try workspace.run(["verify", "HEAD~1..HEAD"])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    /// The default folder, however spelt, may be missing; a folder inside a submodule holds
    /// no file of this repository and is no error (a forty-ninth fresh tester).
    @Test func theDefaultFolderAndASubmodulesFolderAreNotMissing() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            config.replacingOccurrences(
                of: "processes: processes/", with: "processes: ./processes//"))
        try workspace.git(["add", "-A"])
        let spelt = try workspace.hook()
        #expect(!spelt.stderr.contains("settings.processes names"), "\(spelt.stderr)")
        #expect(try workspace.run(["validate"]).status == 0)
        let inner = try Workspace.repository()
        try inner.write("camunda7/t.json", #"{"v": 1}"#)
        try inner.commitAll("models")
        try workspace.git([
            "-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.root.path, "bpmn",
        ])
        try workspace.write(
            "vault/vault.yaml",
            config.replacingOccurrences(
                of: "processes: processes/", with: "processes: bpmn/camunda7/"))
        try workspace.git(["add", "-A"])
        let submodule = try workspace.hook()
        #expect(!submodule.stderr.contains("holds no file"), "\(submodule.stderr)")
        try workspace.git(["commit", "-q", "--no-verify", "-m", "submodule"])
        // Removing the submodule leaves the folder missing (a fiftieth fresh tester), also
        // when the setting names the submodule itself (a fifty-first).
        try workspace.git(["rm", "-q", "bpmn"])
        let removed = try workspace.hook()
        #expect(removed.stderr.contains("holds no file"), "\(removed.stderr)")
        try workspace.write(
            "vault/vault.yaml",
            config.replacingOccurrences(of: "processes: processes/", with: "processes: bpmn/"))
        try workspace.git(["add", "vault/vault.yaml"])
        let itself = try workspace.hook()
        #expect(itself.stderr.contains("holds no file"), "\(itself.stderr)")
    }

    /// A committed `.gitattributes` gave vault files a working-tree-encoding, and every
    /// clone's commands refused the vault, past the hook and `verify` (found by a thirtieth
    /// fresh tester). Attributes that change nothing on checkout still pass.
    @Test(arguments: [
        ("vault/vault.yaml working-tree-encoding=UTF-16LE", true),
        ("*.yaml filter=fake-filter", true), ("/vault/** filter=fake-filter", true),
        ("vault/*.yaml diff=tresor", false), ("*.bpmn working-tree-encoding=UTF-16LE", false),
        ("# vault/*.yaml filter=fake-filter", false),
        // Quoted, escaped, after a byte order mark, through a macro, or naming a secret file
        // that does not exist yet (a thirty-second fresh tester's).
        (#""vault/vault.yaml" working-tree-encoding=UTF-16LE"#, true),
        (#""vault/vault\056yaml" working-tree-encoding=UTF-16LE"#, true),
        ("\u{FEFF}vault/vault.yaml working-tree-encoding=UTF-16LE", true),
        ("[attr]enc working-tree-encoding=UTF-16LE\nvault/vault.yaml enc", true),
        ("vault/LATER_TOKEN.yaml filter=fake-filter", true),
        // CRLF lines, and `ident`, which expands a `$Id$` in a vault file (a
        // thirty-third fresh tester's).
        ("vault/*.yaml working-tree-encoding=UTF-16LE\r\n# end", true),
        ("vault/*.yaml diff=tresor ident", true),
    ])
    func attributesThatChangeVaultFilesOnCheckoutAreBlocked(_ line: String, _ blocked: Bool)
        throws
    {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("DB_USER", "username", "fake-user")])
        try workspace.commitAll("vault")
        try workspace.write(".gitattributes", line + "\n")
        try workspace.git(["add", ".gitattributes"])
        let hook = try workspace.hook()
        #expect(hook.status == (blocked ? 1 : 0), "\(line): \(hook.stderr)")
        #expect(hook.stderr.contains(".gitattributes:1:1: vault-file") == blocked)
    }
}
