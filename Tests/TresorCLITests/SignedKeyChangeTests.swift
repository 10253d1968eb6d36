import Foundation
import Testing

/// `signing_key` and `key_change` in vault.yaml: a committer who points the vault at a key
/// of their own and re-seals every file with boxes of their own (destroying the values) no
/// longer passes the hook and `verify`, since the change is not signed by the old key; a
/// real `tresor rekey` is. The signing key itself changes only with the key.
@Suite struct SignedKeyChangeTests {
    /// A committed team vault of one secret, made by this release (with a signing key).
    func team() throws -> Workspace {
        let team = try Workspace.repository()
        try team.initVault(secrets: [("DB_PASS", "password", "fake-db-pass")])
        try team.commitAll("vault")
        try team.git(["tag", "base"])
        return team
    }

    func text(_ workspace: Workspace, _ path: String) throws -> String {
        String(decoding: try workspace.read(path), as: UTF8.self)
    }

    /// `text` without its `signing_key` and `key_change` lines: a vault.yaml as releases
    /// before them wrote it.
    func unsigned(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("signing_key:") && !$0.hasPrefix("key_change:") }
            .joined(separator: "\n")
    }

    /// Stages another vault's vault.yaml and secret file in `team`: a key swap with boxes
    /// of the committer's own.
    func stageFullSwap(in team: Workspace) throws {
        let theirs = try Workspace()
        try theirs.initVault(secrets: [("DB_PASS", "password", "fake-theirs")])
        for file in ["vault/vault.yaml", "vault/DB_PASS.yaml"] {
            try team.write(file, try text(theirs, file))
        }
        try team.git(["add", "-A"])
    }

    @Test func aFullSwapWithTheCommittersOwnBoxesIsBlocked() throws {
        let team = try team()
        try stageFullSwap(in: team)
        let hook = try team.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("but key_change is not"), "\(hook.stderr)")
        try team.git(["commit", "-q", "--no-verify", "-m", "swap"])
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.stderr)")
        #expect(verify.stderr.contains("only `tresor rekey`, run with the old master key"))
        #expect(!verify.output.contains("fake-"))
    }

    @Test func aRekeySignsTheChangeAndPasses() throws {
        let team = try team()
        let before = try team.keyID()
        let rekey = try team.run(["rekey"])
        #expect(rekey.status == 0, "\(rekey.stderr)")
        let config = try text(team, "vault/vault.yaml")
        #expect(config.contains("\nsigning_key: ") && config.contains("\nkey_change: "))
        #expect(try team.keyID() != before)
        try team.git(["add", "-A"])
        let hook = try team.hook()
        #expect(hook.status == 0, "\(hook.stderr)")
        try team.commitAll("rekey")
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let doctor = try team.run(["doctor"])
        #expect(doctor.stdout.contains("vault.yaml names this key's signing key"))
    }

    @Test func theSigningKeyDoesNotChangeAlone() throws {
        let team = try team()
        let original = try text(team, "vault/vault.yaml")
        // Removed, then replaced by another vault's.
        try team.write("vault/vault.yaml", unsigned(original))
        try team.git(["add", "-A"])
        let removed = try team.hook()
        #expect(removed.status == 1, "\(removed.stderr)")
        #expect(removed.stderr.contains("changes or removes signing_key"), "\(removed.stderr)")
        let theirs = try Workspace()
        try theirs.initVault()
        let line = try text(theirs, "vault/vault.yaml").split(separator: "\n")
            .first { $0.hasPrefix("signing_key:") }!
        let ours = original.split(separator: "\n").first { $0.hasPrefix("signing_key:") }!
        try team.write(
            "vault/vault.yaml", original.replacingOccurrences(of: ours, with: line))
        try team.git(["add", "-A"])
        let replaced = try team.hook()
        #expect(replaced.status == 1, "\(replaced.stderr)")
        #expect(replaced.stderr.contains("changes or removes signing_key"))
        // The doctor tells the key's holder the signing key is not theirs.
        let doctor = try team.run(["doctor"])
        #expect(doctor.stdout.contains("signing_key in vault.yaml is not this master key's"))
    }

    /// A merge whose result has no vault changed no file against every parent and passed,
    /// and the next commit brought in a vault of another key as a first `init` (found by a
    /// twenty-ninth fresh tester).
    @Test func aMergeThatDropsTheVaultIsRefused() throws {
        let team = try team()
        try team.git(["checkout", "-q", "--orphan", "docs"])
        try team.git(["rm", "-rq", "--cached", "."])
        try team.write("NOTES.md", "notes\n")
        try team.git(["add", "NOTES.md"])
        try team.git(["commit", "-q", "--no-verify", "-m", "notes"])
        try team.git(["checkout", "-q", "-f", "main"])
        try team.git(
            ["merge", "-q", "--no-ff", "--no-commit", "--allow-unrelated-histories", "docs"])
        try team.git(["rm", "-rq", "vault"])
        let hook = try team.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("vault.yaml is removed (a parent commit has it)"))
        try team.git(["commit", "-q", "--no-verify", "-m", "merge notes"])
        let verify = try team.run(["verify", "base..HEAD"])
        #expect(verify.status == 1 && verify.stderr.contains("vault.yaml is removed"))
    }

    /// A vault planted in a subfolder took the values of commands run below it, and the
    /// hook checked the repository's vault only (found by a twenty-ninth fresh tester).
    @Test func aSecondVaultInsideTheRepositoryIsRefused() throws {
        let team = try team()
        let theirs = try Workspace()
        try theirs.initVault()
        try team.write("processes/c8/vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        try team.git(["add", "-A"])
        let hook = try team.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("a second vault (its vault.yaml) inside the repository"))
        let create = try team.run(
            ["create", "API_TOKEN", "--type", "token", "--display-name", "t"],
            input: Data("fake-planted".utf8), in: "processes/c8")
        #expect(create.status == 3, "\(create.stderr)")
        #expect(create.stderr.contains("lies inside the folder of another vault"))
        #expect(!team.exists("processes/c8/vault/API_TOKEN.yaml"))
        // A vault in a repository of its own inside this one (a submodule's checkout, whose
        // .git is a file) is refused the same (found by a thirtieth fresh tester).
        try team.write("tools/.git", "gitdir: ../.git/modules/tools\n")
        try team.write("tools/vault/vault.yaml", try text(theirs, "vault/vault.yaml"))
        let inSubmodule = try team.run(
            ["create", "API_TOKEN", "--type", "token", "--display-name", "t"],
            input: Data("fake-planted".utf8), in: "tools")
        #expect(inSubmodule.status == 3, "\(inSubmodule.stderr)")
        // Named, either vault is used.
        let named = try team.run(
            ["list", "--vault", team.root.appendingPathComponent("vault").path],
            in: "processes/c8")
        #expect(named.status == 0 && named.stdout.contains("DB_PASS"), "\(named.stderr)")
    }

    /// A second rekey before a commit signed only its own step, and the hook refused the
    /// vault it left (found by a twenty-ninth fresh tester): it is refused before it starts.
    @Test func aSecondRekeyBeforeACommitIsRefused() throws {
        let team = try team()
        #expect(try team.run(["rekey"]).status == 0)
        let second = try team.run(["rekey"])
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("an earlier rekey is done but not committed"))
        try team.commitAll("rekey")
        #expect(try team.run(["rekey"]).status == 0)
        try team.git(["add", "-A"])
        #expect(try team.hook().status == 0)
    }

    /// A vault made before signing keys gets one from its next rekey, not from an edit:
    /// one added alone may be anybody's, and would vouch for their later swap.
    @Test func aVaultWithoutASigningKeyGetsOneFromRekeyOnly() throws {
        let team = try team()
        let signed = try text(team, "vault/vault.yaml")
        try team.write("vault/vault.yaml", unsigned(signed))
        try team.git(["commit", "-q", "--no-verify", "-am", "as an older release wrote it"])
        let doctor = try team.run(["doctor"])
        #expect(doctor.stdout.contains("none (the vault predates signing keys)"))
        try team.write("vault/vault.yaml", signed)
        try team.git(["add", "-A"])
        let added = try team.hook()
        #expect(added.status == 1, "\(added.stderr)")
        #expect(added.stderr.contains("adds signing_key while its key stays"))
        try team.git(["checkout", "HEAD", "--", "vault/vault.yaml"])
        #expect(try team.run(["rekey"]).status == 0)
        try team.git(["add", "-A"])
        let rekeyed = try team.hook()
        #expect(rekeyed.status == 0, "\(rekeyed.stderr)")
        #expect(try text(team, "vault/vault.yaml").contains("\nsigning_key: "))
    }

    /// A commit at the edge of a shallow clone looked like a first commit, whose vault.yaml
    /// may name any key: a swap passed `verify` in CI's default depth-1 checkout (found by
    /// a thirty-first fresh tester). A range inside what was fetched is checked as before.
    @Test func aShallowHistoryIsRefusedWhereTheRangeReachesItsEdge() throws {
        let team = try team()
        try stageFullSwap(in: team)
        try team.git(["commit", "-q", "--no-verify", "-m", "swap"])
        try team.write("NOTES.md", "notes\n")
        try team.commitAll("notes")
        let clone = team.root.appendingPathComponent("shallow").path
        try team.git(["clone", "-q", "--depth", "2", "file://" + team.root.path, clone])
        let edge = try team.run(["verify", "HEAD~1..HEAD"], in: "shallow")
        #expect(edge.status == 0, "\(edge.stderr)")
        let reaching = try team.run(["verify", "HEAD"], in: "shallow")
        #expect(reaching.status == 6, "\(reaching.stderr)")
        #expect(reaching.stderr.contains("the history is shallow"), "\(reaching.stderr)")
        #expect(reaching.stderr.contains("fetch-depth: 0"), "\(reaching.stderr)")
    }

    /// A replacement ref (`git replace --graft`) made the swap commit look like a first
    /// commit, and `verify` passed it where CI fetched `refs/replace/*`; grafts did the
    /// same (found by a thirty-second fresh tester).
    @Test func replacementRefsAndGraftsDoNotHideAParent() throws {
        let team = try team()
        try stageFullSwap(in: team)
        try team.git(["commit", "-q", "--no-verify", "-m", "swap"])
        try team.git(["replace", "--graft", "HEAD"])
        let replaced = try team.run(["verify", "base..HEAD"])
        #expect(replaced.status == 1, "\(replaced.stderr)")
        #expect(replaced.stderr.contains("but key_change is not"), "\(replaced.stderr)")
        try team.git(["replace", "-d", "HEAD"])
        try team.write(".git/info/grafts", try team.git(["rev-parse", "HEAD"]).stdout)
        let grafted = try team.run(["verify", "base..HEAD"])
        #expect(grafted.status == 6 && grafted.stderr.contains("has grafts"), "\(grafted.stderr)")
    }
}
