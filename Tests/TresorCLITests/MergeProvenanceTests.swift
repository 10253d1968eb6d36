import Foundation
import Testing

/// Which changes a merge brings in and which are its own (`MergeProvenance`): a file the
/// merge leaves as no commit it brings in made it is its own, however many heads or merge
/// bases the merge has; the editors list holds for deletions it brings in, and lets in an
/// editor listed by name (found by a forty-first fresh tester).
@Suite struct MergeProvenanceTests {
    func repository() throws -> Workspace { try Workspace.repositoryWithHooks() }

    func commit(_ workspace: Workspace, _ path: String, _ text: String, _ message: String)
        throws
    {
        try workspace.write(path, text)
        try workspace.commitAll(message)
    }

    /// Commits vault.yaml with an editors list of `entries`; returns vault.yaml as it was.
    @discardableResult
    func commitEditors(_ workspace: Workspace, _ entries: [String]) throws -> String {
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let list = entries.map { "  - \($0)\n" }.joined()
        try commit(workspace, "vault/vault.yaml", config + "editors:\n" + list, "editors")
        return config
    }

    func expectBlocked(_ run: Workspace.Run, _ words: String) {
        #expect(run.status != 0, "\(run.output)")
        #expect(run.stderr.contains(words), "\(run.stderr)")
    }

    /// An octopus merge takes back a credential the first parent removed, from a head
    /// that still has it: one merge base for all heads called it brought in.
    @Test func anOctopusMergeTakingAnOlderVersionBack() throws {
        let workspace = try repository()
        try workspace.git(["checkout", "-q", "-b", "b2"])
        try commit(workspace, "b2.txt", "b2\n", "b2")
        try workspace.git(["checkout", "-q", "main"])
        try commit(workspace, "processes/p.bpmn", BPMN.plainPassword, "credential, hook skipped")
        try workspace.git(["branch", "b1"])
        try workspace.git(["rm", "-q", "processes/p.bpmn"])
        try workspace.commitAll("credential removed")
        try workspace.git(["checkout", "-q", "b1"])
        try commit(workspace, "b1.txt", "b1\n", "b1")
        try workspace.git(["checkout", "-q", "main"])
        try workspace.git(["merge", "-q", "--no-commit", "--no-edit", "b1", "b2"])
        try workspace.git(["checkout", "b1", "--", "processes/p.bpmn"])
        let merge = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        expectBlocked(merge, ": plaintext-credential: ")
    }

    /// A criss-cross merge: the branch merged the credential commit in, `main` removed
    /// it, and the final merge takes the branch's version back.
    @Test func aCrissCrossMergeTakingAnOlderVersionBack() throws {
        let workspace = try repository()
        try workspace.git(["checkout", "-q", "-b", "feature"])
        try commit(workspace, "f.txt", "f1\n", "F1")
        try workspace.git(["checkout", "-q", "main"])
        try commit(workspace, "processes/p.bpmn", BPMN.plainPassword, "M1, hook skipped")
        try workspace.git(["merge", "-q", "--no-verify", "--no-edit", "feature"])
        try workspace.git(["checkout", "-q", "feature"])
        try workspace.git(["merge", "-q", "--no-verify", "--no-edit", "main~1"])
        try workspace.git(["checkout", "-q", "main"])
        try workspace.git(["rm", "-q", "processes/p.bpmn"])
        try workspace.commitAll("M3: credential removed")
        let removed = try workspace.git(["rev-parse", "HEAD"]).stdout.dropLast()
        try workspace.git(["checkout", "-q", "feature"])
        try commit(workspace, "f.txt", "f1\nf3\n", "F3")
        try workspace.git(["checkout", "-q", "main"])
        try workspace.git(["merge", "-q", "--no-commit", "--no-edit", "feature"])
        try workspace.git(["checkout", "feature", "--", "processes/p.bpmn"])
        let merge = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        expectBlocked(merge, ": plaintext-credential: ")
        // verify of the merge made past the hook finds it too.
        try workspace.git(["commit", "-q", "--no-edit", "--no-verify"])
        let verify = try workspace.run(["verify", "\(removed)..HEAD"])
        expectBlocked(verify, ": plaintext-credential: ")
    }

    /// A deletion by someone the list does not name, brought in by a merge.
    @Test func aDeletionBroughtInIsHeldToTheEditorsList() throws {
        let workspace = try repository()
        let base = try workspace.git(["rev-parse", "HEAD"]).stdout.dropLast()
        try commitEditors(workspace, ["alice@example.com"])
        try workspace.git(["checkout", "-q", "-b", "mallory", String(base)])
        let mallory = ["GIT_AUTHOR_NAME": "Mallory", "GIT_AUTHOR_EMAIL": "mallory@example.com"]
        let delete = try workspace.run(["delete", "FTP_PASSWORD", "--yes"], environment: mallory)
        #expect(delete.status == 0, "\(delete.stderr)")
        try workspace.commitAll("deleted", author: "Mallory <mallory@example.com>")
        try workspace.git(["checkout", "-q", "main"])
        let merge = try workspace.git(["merge", "--no-edit", "mallory"], allowFailure: true)
        expectBlocked(merge, "brings in the deletion of FTP_PASSWORD by Mallory")
    }

    /// An editor listed by name stamps an email: the commit that made the change names
    /// them, and the merge passes, also when `main` is merged into a branch later.
    @Test func anEditorListedByNameMergesTheirOwnChange() throws {
        let workspace = try repository()
        try commitEditors(workspace, ["alice@example.com", "Bob"])
        try workspace.git(["checkout", "-q", "-b", "bob"])
        try workspace.commitEdit(by: "Bob", email: "bob@example.com", value: "fake-bob")
        try workspace.git(["checkout", "-q", "main"])
        try commit(workspace, "notes.txt", "main moves on\n", "notes")
        let merge = try workspace.git(["merge", "--no-edit", "bob"], allowFailure: true)
        #expect(merge.status == 0, "\(merge.output)")
    }

    /// A version a side had and replaced, taken into the merge: no side has it now, so it
    /// is the merge's own, by the merger (found by a forty-second fresh tester: a
    /// brought-in commit had made it once, and it passed).
    @Test func aSidesEarlierVersionIsTheMergesOwn() throws {
        let workspace = try repository()
        try commitEditors(workspace, ["alice@example.com", "bob@example.com"])
        try workspace.git(["checkout", "-q", "-b", "feature"])
        try workspace.commitEdit(by: "Bob", email: "bob@example.com", value: "fake-bob-old")
        let old = try workspace.git(["rev-parse", "HEAD"]).stdout.dropLast()
        try workspace.commitEdit(by: "Bob", email: "bob@example.com", value: "fake-bob-new")
        try workspace.git(["checkout", "-q", "main"])
        try commit(workspace, "notes.txt", "main moves on\n", "notes")
        try workspace.git(["config", "user.email", "carol@example.com"])
        try workspace.git(["merge", "-q", "--no-ff", "--no-commit", "feature"])
        try workspace.git(["checkout", String(old), "--", "vault/FTP_PASSWORD.yaml"])
        let merge = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        expectBlocked(merge, ": editors: ")
        #expect(merge.stderr.contains(": audit-author: "), "\(merge.stderr)")
    }

    /// A deletion no side has (the branch deleted the secret, then made it again) is the
    /// merger's own, held to the editors list (found by a forty-second fresh tester).
    @Test func aDeletionNoSideHasIsTheMergesOwn() throws {
        let workspace = try repository()
        try commitEditors(workspace, ["alice@example.com"])
        try workspace.git(["checkout", "-q", "-b", "feature"])
        #expect(try workspace.run(["delete", "FTP_PASSWORD", "--yes"]).status == 0)
        try workspace.commitAll("deleted")
        let create = try workspace.run(
            ["create", "FTP_PASSWORD", "--type", "password", "--display-name", "FTP"],
            value: "fake-again")
        #expect(create.status == 0, "\(create.stderr)")
        try workspace.commitAll("created again")
        try workspace.git(["checkout", "-q", "main"])
        try commit(workspace, "notes.txt", "main moves on\n", "notes")
        try workspace.git(["config", "user.email", "carol@example.com"])
        try workspace.git(["merge", "-q", "--no-ff", "--no-commit", "feature"])
        try workspace.git(["rm", "-q", "-f", "vault/FTP_PASSWORD.yaml"])
        let merge = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        expectBlocked(merge, ": editors: ")
    }

    /// vault.yaml brought in by a merge is held to the editors list of the branch merged
    /// into: someone taken off the list put themselves back (found by a forty-third fresh
    /// tester).
    @Test func aVaultConfigBroughtInIsHeldToTheEditorsList() throws {
        let workspace = try repository()
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let both = config + "editors:\n  - alice@example.com\n  - nick@example.com\n"
        try commit(workspace, "vault/vault.yaml", both, "editors")
        try workspace.git(["checkout", "-q", "-b", "feat"])
        try workspace.write("vault/vault.yaml", both + "  - mallory@example.com\n")
        try workspace.commitAll("mallory added", author: "Nick <nick@example.com>")
        try workspace.git(["checkout", "-q", "main"])
        try commit(
            workspace, "vault/vault.yaml", config + "editors:\n  - alice@example.com\n",
            "nick removed")
        try workspace.git(["config", "user.email", "nick@example.com"])
        _ = try workspace.git(["merge", "-q", "feat"], allowFailure: true)
        try workspace.git(["checkout", "--theirs", "vault/vault.yaml"])
        try workspace.git(["add", "vault/vault.yaml"])
        let merge = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        expectBlocked(merge, "brings in a change of vault/vault.yaml by Nick")
    }
}
