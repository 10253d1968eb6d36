import Foundation
import Testing

/// The pre-merge-commit hook: a merge git makes without conflicts runs no pre-commit hook,
/// and a plaintext credential committed on a branch with `--no-verify` got into `main`
/// through a clean `git merge` unchecked. The hook checks what differs from both sides, so
/// a colleague's own secret edit merges as it did.
@Suite struct MergeHookTests {
    /// A repository with a vault, both hooks installed, and branch `other` made from it.
    func repository() throws -> Workspace {
        let workspace = try Workspace.repositoryWithHooks()
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-merge-commit"))
        #expect(try workspace.read(".git/hooks/pre-merge-commit") == shipped)
        try workspace.git(["checkout", "-q", "-b", "other"])
        return workspace
    }

    /// `main` moves on with a commit of its own, so that the merge is a real one.
    func divergeOnMain(_ workspace: Workspace) throws {
        try workspace.git(["checkout", "-q", "main"])
        try workspace.write("notes.txt", "main moves on\n")
        try workspace.commitAll("notes")
    }

    @Test func cleanMergeBringingAPlaintextCredentialIsBlocked() throws {
        let workspace = try repository()
        try workspace.write("processes/e.bpmn", BPMN.plainPassword)
        try workspace.commitAll("credential, hook skipped")
        try divergeOnMain(workspace)
        let merge = try workspace.git(["merge", "--no-edit", "other"], allowFailure: true)
        #expect(merge.status != 0)
        #expect(merge.stderr.contains("processes/e.bpmn:"), "\(merge.output)")
        #expect(merge.stderr.contains(": plaintext-credential: "), "\(merge.output)")
        #expect(!merge.output.contains("fake-ftp"))
        // No merge commit was made: main is where it was.
        let head = try workspace.git(["log", "-1", "--format=%s"]).stdout
        #expect(head == "notes\n")
        // Without the pre-merge-commit hook, git made the merge.
        try workspace.git(["merge", "--abort"], allowFailure: true)
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent(".git/hooks/pre-merge-commit"))
        let unchecked = try workspace.git(["merge", "--no-edit", "other"], allowFailure: true)
        #expect(unchecked.status == 0, "\(unchecked.output)")
    }

    @Test func cleanMergeOfAColleaguesSecretEditPasses() throws {
        let workspace = try repository()
        try workspace.commitEdit(by: "Bob", email: "bob@example.com", value: "fake-bob")
        try divergeOnMain(workspace)
        // Alice merges: Bob's stamp is his own commit's, not hers, and it passes.
        let merge = try workspace.git(["merge", "--no-edit", "other"], allowFailure: true)
        #expect(merge.status == 0, "\(merge.output)")
        let parents = try workspace.git(["log", "-1", "--format=%P"]).stdout
        #expect(parents.split(separator: " ").count == 2)
    }

    /// A merge that stops on a conflict is concluded by `git commit`, which runs the
    /// pre-commit hook: the commits the merge brings in are checked there too.
    @Test func conflictedMergeConcludedByCommitChecksTheCommitsItBringsIn() throws {
        let workspace = try repository()
        try workspace.write("processes/e.bpmn", BPMN.plainPassword)
        try workspace.write("notes.txt", "theirs\n")
        try workspace.commitAll("credential and notes, hook skipped")
        try divergeOnMain(workspace)
        let merge = try workspace.git(["merge", "--no-edit", "other"], allowFailure: true)
        #expect(merge.output.contains("CONFLICT"), "\(merge.output)")
        try workspace.write("notes.txt", "both\n")
        try workspace.git(["add", "notes.txt"])
        let commit = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        #expect(commit.status != 0)
        let label = try workspace.git(["rev-parse", "--short=12", "other"]).stdout
        #expect(
            commit.stderr.contains("commit \(label.dropLast()): 1 error"), "\(commit.stderr)")
        #expect(commit.stderr.contains("merge blocked: commits it brings in have errors"))
        #expect(!commit.stderr.contains("commit blocked"), "the merge's own files are clean")
    }

    /// A foreign pre-merge-commit hook is kept, as a foreign pre-commit hook is: install
    /// says so and installs the other; `--append` calls Tresor's script from it.
    @Test func aForeignPreMergeCommitHookIsKeptAndAppendCallsTresor() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let own = "#!/bin/sh\necho own-merge-hook-ran >&2\nexit 0\n"
        let path = workspace.root.appendingPathComponent(".git/hooks/pre-merge-commit").path
        try workspace.write(".git/hooks/pre-merge-commit", own)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        let refused = try workspace.run(["hook", "install"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("pre-merge-commit exists and is not Tresor's hook"))
        #expect(refused.stderr.contains("installed the pre-commit hook"), "\(refused.stderr)")
        let appended = try workspace.run(["hook", "install", "--append"])
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(workspace.exists(".git/hooks/tresor-pre-merge-commit"))
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("ok    pre-merge-commit hook"), "\(doctor.stdout)")
    }

    /// An octopus merge that stops on a conflict lists every head in `MERGE_HEAD`; the
    /// name alone meant the first, and the second head's commits went unchecked (found by
    /// a fortieth fresh tester).
    @Test func aConflictedOctopusMergeChecksEveryHeadsCommits() throws {
        let workspace = try repository()
        try workspace.write("a.txt", "clean side\n")
        try workspace.commitAll("a")
        try workspace.git(["checkout", "-q", "-b", "b", "main"])
        try workspace.write("processes/e.bpmn", BPMN.plainPassword)
        try workspace.commitAll("credential, hook skipped")
        try workspace.write("notes.txt", "theirs\n")
        try workspace.commitAll("conflicting notes")
        try divergeOnMain(workspace)
        let merge = try workspace.git(["merge", "--no-edit", "other", "b"], allowFailure: true)
        #expect(merge.status != 0)
        try workspace.write("notes.txt", "both\n")
        try workspace.git(["add", "notes.txt"])
        let commit = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        #expect(commit.status != 0, "\(commit.output)")
        #expect(commit.stderr.contains(": plaintext-credential: "), "\(commit.stderr)")
    }

    /// A merge that takes a side's older version of a file undoes what the first parent
    /// changed: that is the merge's own change, checked with the merger as author, by the
    /// hook and by `verify` (found by a fortieth fresh tester: a credential `main` had
    /// removed came back, and both passed it).
    @Test func aMergeTakingASidesOlderVersionIsItsOwnChange() throws {
        let workspace = try repository()
        try workspace.write("processes/e.bpmn", BPMN.plainPassword)
        try workspace.commitAll("credential before the hook")
        try workspace.git(["checkout", "-q", "-b", "old"])
        try workspace.write("notes.txt", "unrelated\n")
        try workspace.commitAll("unrelated")
        try workspace.git(["checkout", "-q", "main"])
        try workspace.git(["merge", "-q", "other"])
        try workspace.write(
            "processes/e.bpmn",
            BPMN.plainPassword.replacingOccurrences(
                of: ">fake-plain-1<", with: ">{{secret:FTP_PASSWORD}}<"))
        try workspace.commitAll("credential moved into the vault")
        let fixed = try workspace.git(["rev-parse", "HEAD"]).stdout.dropLast()
        try workspace.git(["merge", "-q", "--no-commit", "old"])
        try workspace.git(["checkout", "old", "--", "processes/e.bpmn"])
        let commit = try workspace.git(["commit", "-q", "--no-edit"], allowFailure: true)
        #expect(commit.status != 0, "\(commit.output)")
        #expect(commit.stderr.contains("processes/e.bpmn:"), "\(commit.stderr)")
        #expect(commit.stderr.contains(": plaintext-credential: "), "\(commit.stderr)")
        try workspace.git(["commit", "-q", "--no-edit", "--no-verify"])
        let verify = try workspace.run(["verify", "\(fixed)..HEAD"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.stderr.contains(": plaintext-credential: "), "\(verify.stderr)")
    }

    /// A branch made before the editors list brings in a secret change by someone the list
    /// does not name: the list of the branch merged into is in force (found by a fortieth
    /// fresh tester: each commit was judged by its own parent, which had no list).
    @Test func anEditorsListHoldsForTheChangesAMergeBringsIn() throws {
        let workspace = try repository()
        let before = try workspace.git(["rev-parse", "main"]).stdout.dropLast()
        try workspace.git(["checkout", "-q", "main"])
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write("vault/vault.yaml", config + "editors:\n  - alice@example.com\n")
        try workspace.commitAll("editors")
        try workspace.git(["checkout", "-q", "-b", "stale", String(before)])
        try workspace.commitEdit(by: "Bob", email: "bob@example.com", value: "fake-bob")
        try workspace.git(["checkout", "-q", "main"])
        let merge = try workspace.git(["merge", "--no-edit", "stale"], allowFailure: true)
        #expect(merge.status != 0, "\(merge.output)")
        #expect(merge.stderr.contains(": editors: "), "\(merge.stderr)")
        #expect(merge.stderr.contains("\"bob@example.com\""), "\(merge.stderr)")
        #expect(!merge.output.contains("fake-bob"))
    }
}
