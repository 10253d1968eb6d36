import Foundation
import Testing

/// A committer points the vault at a key of their own and keeps the secret files passing
/// the key check (found by a twenty-sixth fresh tester): by a second box beside the team's
/// in each file, or by a merge that takes vault.yaml from one side and the files from the
/// other. Both are blocked; a merge of a branch that ran `tresor rekey` passes; `create`
/// warns when the user's key folder holds none of the key vault.yaml names.
///
/// The team's vault here has no `signing_key`, as releases before it wrote it: these are
/// the checks such a vault still relies on (`SignedKeyChangeTests` has the signed ones).
@Suite struct KeySwapTests {
    /// A committed team vault of two secrets, and another vault whose key is "theirs".
    func repositories() throws -> (team: Workspace, theirs: Workspace) {
        let team = try Workspace.repository()
        try team.initVault(secrets: [
            ("DB_USER", "username", "fake-db-user"), ("API_TOKEN", "token", "fake-api-token"),
        ])
        let config = try text(team, "vault/vault.yaml").split(separator: "\n")
            .filter { !$0.hasPrefix("signing_key:") }
        try team.write("vault/vault.yaml", config.joined(separator: "\n") + "\n")
        try team.commitAll("vault")
        try team.git(["tag", "base"])
        let theirs = try Workspace()
        try theirs.initVault(secrets: [
            ("DB_USER", "username", "fake-theirs-1"), ("API_TOKEN", "token", "fake-theirs-2"),
        ])
        return (team, theirs)
    }

    func text(_ workspace: Workspace, _ path: String) throws -> String {
        String(decoding: try workspace.read(path), as: UTF8.self)
    }

    func valueLine(_ text: String) -> String {
        String(text.split(separator: "\n").first { $0.hasPrefix("value: ") } ?? "")
    }

    @Test func aSecondBoxForTheCommittersKeyIsBlocked() throws {
        let (team, theirs) = try repositories()
        try team.write("vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        for name in ["DB_USER", "API_TOKEN"] {
            let ours = try text(team, "vault/\(name).yaml")
            let added = valueLine(try text(theirs, "vault/\(name).yaml"))
                .dropFirst("value: tresor:v1:".count)
            let line = valueLine(ours)
            try team.write(
                "vault/\(name).yaml", ours.replacingOccurrences(of: line, with: line + ";" + added))
        }
        try team.git(["add", "-A"])
        let hook = try team.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("is sealed to 2 keys"), "\(hook.stderr)")
        let validate = try team.run(["validate"])
        #expect(validate.stderr.contains("warning: the value of DB_USER is sealed to 2 keys"))
        try team.commitAll("swap")
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 1 && verify.stderr.contains("sealed to 2 keys"))
        // Whoever then creates a secret is warned: their key folder holds the team's key,
        // not the one vault.yaml names; a committed `-diff` for vault.yaml silenced that
        // (found by a twenty-seventh fresh tester).
        try team.write(".gitattributes", "vault/vault.yaml -diff\n")
        try team.commitAll("attributes")
        let created = try team.run(
            ["create", "NEW_ONE", "--type", "password", "--display-name", "n"],
            input: Data("fake-new-value".utf8))
        #expect(created.stderr.contains("your key folder holds only earlier keys of this vault"))
        #expect(!created.output.contains("fake-new-value"))
    }

    @Test func aMergeTakingVaultYamlFromOneSideAndTheFilesFromTheOtherIsBlocked() throws {
        let (team, theirs) = try repositories()
        try team.git(["checkout", "-q", "-b", "evil"])
        try team.git(["rm", "-q", "vault/DB_USER.yaml", "vault/API_TOKEN.yaml"])
        try team.commitAll("drop")
        try team.write("vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        try team.commitAll("swap")
        try team.git(["checkout", "-q", "main"])
        try team.write("README", "unrelated\n")
        try team.commitAll("other")
        try team.git(["merge", "-q", "--no-ff", "--no-commit", "evil"], allowFailure: true)
        try team.git(["checkout", "main", "--", "vault/DB_USER.yaml", "vault/API_TOKEN.yaml"])
        try team.git(["commit", "-q", "--no-verify", "-m", "merge evil"])
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.stderr)")
        #expect(verify.stderr.contains("another key than"), "\(verify.stderr)")
    }

    /// The new key's header written into display names first made every file look
    /// re-sealed (found by a twenty-seventh fresh tester): only a whole `value:` line
    /// counts.
    @Test func aHeaderPlantedInDisplayNamesDoesNotPassForAResealing() throws {
        let (team, theirs) = try repositories()
        let config = try text(theirs, "vault/vault.yaml")
        let id = config.split(separator: "\n").first { $0.hasPrefix("key_id:") }!
            .dropFirst("key_id: ".count).filter { $0 != "\"" }
        for name in ["DB_USER", "API_TOKEN"] {
            let edit = try team.run(["edit", name, "--display-name", "x tresor:v1:\(id): y"])
            #expect(edit.status == 0, "\(edit.stderr)")
        }
        try team.commitAll("names")
        try team.write("vault/vault.yaml", config)
        try team.commitAll("settings")
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.stderr)")
        #expect(verify.stderr.contains("another key than"), "\(verify.stderr)")
    }

    /// A root commit of vault.yaml alone, with the team's history merged into it: the
    /// first parent names the new key, and the files match the second (found by a
    /// twenty-seventh fresh tester).
    @Test func aMergeWhoseFirstParentIsTheSwappedSideIsBlocked() throws {
        let (team, theirs) = try repositories()
        try team.git(["checkout", "-q", "--orphan", "att"])
        try team.git(["rm", "-rq", "--cached", "."])
        for file in [
            ".gitignore", "vault/.gitignore", "vault/DB_USER.yaml", "vault/API_TOKEN.yaml",
        ] {
            try FileManager.default.removeItem(at: team.root.appendingPathComponent(file))
        }
        try team.write("vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        try team.git(["add", "vault/vault.yaml"])
        try team.git(["commit", "-q", "--no-verify", "-m", "settings"])
        let merge = try team.git(
            ["merge", "-q", "--allow-unrelated-histories", "main"], allowFailure: true)
        #expect(merge.output.contains("CONFLICT"), "\(merge.output)")
        try team.write("vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        try team.git(["add", "-A", "vault"])
        try team.git(["commit", "-q", "--no-verify", "--no-edit"])
        let verify = try team.run(["verify", "main..att"])
        #expect(verify.status == 1, "\(verify.stderr)")
        #expect(verify.stderr.contains("another key than"), "\(verify.stderr)")
    }

    @Test func aMergeOfABranchThatRanRekeyPasses() throws {
        let (team, _) = try repositories()
        try team.git(["checkout", "-q", "-b", "rekeyed"])
        #expect(try team.run(["rekey"]).status == 0)
        try team.commitAll("rekey")
        try team.git(["checkout", "-q", "main"])
        try team.write("README", "unrelated\n")
        try team.commitAll("other")
        try team.git(["merge", "-q", "--no-ff", "--no-edit", "rekeyed"])
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 0, "\(verify.stderr)")
        // Merged the other way, with a secret created meanwhile on the old key, the tree
        // holds a value the new key does not open: blocked whichever parent is first.
        try team.git(["checkout", "-q", "-b", "late", "base"])
        try team.run(
            ["create", "LATE_ONE", "--type", "token", "--display-name", "l"], value: "fake-late")
        try team.commitAll("late secret")
        try team.git(["checkout", "-q", "rekeyed"])
        try team.git(["merge", "-q", "--no-ff", "--no-edit", "late"])
        let other = try team.run(["verify", "base..HEAD"])
        #expect(other.status == 1, "\(other.stderr)")
        #expect(other.stderr.contains("vault/LATE_ONE.yaml among them"), "\(other.stderr)")
    }

    /// Keys of other vaults in the key folder say nothing about this one: no warning for
    /// someone who adds secrets to a vault whose key they do not hold.
    @Test func keysOfOtherVaultsAloneAreNoReasonToWarn() throws {
        let (team, theirs) = try repositories()
        let folder = team.config.appendingPathComponent("tresor/keys")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let other = theirs.config.appendingPathComponent("tresor/keys")
        for name in try FileManager.default.contentsOfDirectory(atPath: other.path) {
            try FileManager.default.copyItem(
                at: other.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let created = try team.run(
            ["create", "NEW_ONE", "--type", "password", "--display-name", "n"],
            input: Data("fake-new-value".utf8))
        #expect(created.status == 0, "\(created.stderr)")
        #expect(!created.stderr.contains("warning"), "\(created.stderr)")
    }
}
