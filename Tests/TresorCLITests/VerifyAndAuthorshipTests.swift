import Foundation
import Testing

/// `verify` over a range, authorship stamps and the editors list.
@Suite struct VerifyAndAuthorshipTests {
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp")])
        try workspace.commitAll("vault")
        return workspace
    }

    @Test func verifyCatchesACommitMadeWithNoVerify() throws {
        let workspace = try repository()
        try workspace.git(["tag", "base"])
        try workspace.write("processes/p/t.json", #"{"apiKey": "fake-literal-key"}"#)
        try workspace.commitAll("skip the hook")
        try workspace.write("README", "fine\n")
        try workspace.commitAll("fine")
        let run = try workspace.run(["verify", "base..HEAD"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("processes/p/t.json:1:13: plaintext-credential:"), "\(run.stderr)")
        #expect(run.stderr.contains("2 commits checked, 1 with errors"))
        #expect(!run.output.contains("fake-literal-key"))
        let json = try workspace.run(["verify", "base..HEAD", "--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [[String: Any]]
        #expect(reports?.count == 1)
        #expect(
            (reports?.first?["findings"] as? [[String: Any]])?.first?["field"] as? String
                == "apiKey")
        let clean = try workspace.run(["verify", "HEAD~1..HEAD"])
        #expect(clean.status == 0, "\(clean.stderr)")
        // JSON says how many commits it checked on standard error, as text does (`[]`
        // alone did not; found by a twenty-fifth fresh tester).
        let cleanJSON = try workspace.run(["verify", "HEAD~1..HEAD", "--format", "json"])
        let none = try JSONSerialization.jsonObject(with: cleanJSON.stdoutBytes) as? [Any]
        #expect(none?.isEmpty == true, "\(cleanJSON.stdout)")
        #expect(cleanJSON.stderr.contains("1 commit checked, 0 with errors"))
    }

    @Test func verifyWithoutUpstreamAsksForARange() throws {
        let workspace = try repository()
        let run = try workspace.run(["verify"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("origin/main..HEAD"))
        // A vault not at vault/ is named as unchecked (a swap there passed in silence).
        let elsewhere = try workspace.run(["verify", "HEAD..HEAD"], in: "vault")
        #expect(!elsewhere.stderr.contains("no vault.yaml"), "\(elsewhere.stderr)")
        try FileManager.default.moveItem(
            at: workspace.root.appendingPathComponent("vault"),
            to: workspace.root.appendingPathComponent("sec"))
        let moved = try workspace.run(["verify", "HEAD..HEAD"])
        #expect(moved.stderr.contains("no vault.yaml at vault/ of the work tree"))
        // A bad format is named before the range is looked for.
        let format = try workspace.run(["verify", "--format", "xml"])
        #expect(format.status == 2 && format.stderr.contains("--format is text or json"))
        #expect(!format.stderr.contains("upstream"), "\(format.stderr)")
    }

    @Test func updatedStampMustNameTheCommitAuthor() throws {
        let workspace = try repository()
        try workspace.run(["edit", "FTP_PASSWORD", "--display-name", "Changed by Alice"])
        try workspace.git(["add", "-A"])
        let asBob = try workspace.hook(environment: [
            "GIT_AUTHOR_NAME": "Bob", "GIT_AUTHOR_EMAIL": "bob@example.com",
        ])
        #expect(asBob.status == 1)
        #expect(asBob.stderr.contains("audit-author"), "\(asBob.stderr)")
        #expect(try workspace.hook().status == 0)
    }

    /// `create` and `edit` stamp the author git will record, as the hook checks it: with
    /// GIT_AUTHOR_EMAIL set over user.email, both follow the variable (found by a fresh user).
    @Test func stampsFollowTheAuthorGitWillRecord() throws {
        let workspace = try repository()
        let bob = ["GIT_AUTHOR_NAME": "Bob", "GIT_AUTHOR_EMAIL": "bob@example.com"]
        let created = try workspace.run(
            ["create", "API_TOKEN", "--display-name", "API", "--type", "token"],
            input: Data("fake-bob".utf8), environment: bob)
        #expect(created.status == 0, "\(created.stderr)")
        let file = String(decoding: try workspace.read("vault/API_TOKEN.yaml"), as: UTF8.self)
        #expect(file.contains("by: bob@example.com"), "\(file)")
        try workspace.git(["add", "-A"])
        let hook = try workspace.hook(environment: bob)
        #expect(hook.status == 0, "\(hook.stderr)")
    }

    @Test func handEditBySomeoneElseAndChangedCreatedStampAreBlocked() throws {
        let workspace = try repository()
        try workspace.git(["config", "user.email", "bob@example.com"])
        let path = "vault/FTP_PASSWORD.yaml"
        let text = String(decoding: try workspace.read(path), as: UTF8.self)
        try workspace.write(path, text.replacingOccurrences(of: "Test FTP", with: "Hand FTP"))
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1)
        #expect(run.stderr.contains("audit-author"), "\(run.stderr)")
        #expect(run.stderr.contains("bob@example.com"))
        let moved = text.replacingOccurrences(of: "  at: \"20", with: "  at: \"19")
        try workspace.write(path, moved)
        try workspace.git(["add", "-A"])
        let stamp = try workspace.hook().stderr
        #expect(stamp.contains("audit-stamp"), "\(stamp)")
        // The hint says how to get out: a restore, or the delete-then-create case.
        #expect(stamp.contains("commit its `tresor delete`"), "\(stamp)")
        #expect(stamp.contains("git checkout HEAD -- \(path)"), "\(stamp)")
    }

    /// `created` never changes: a secret deleted and created again in one commit is
    /// blocked (two fresh testers took over `created` through an exemption for it), and
    /// passes as two commits; stamps rewritten to the author with an old box are blocked.
    @Test func createdNeverChangesButDeleteThenCreateInTwoCommitsPasses() throws {
        let workspace = try repository()
        let path = "vault/FTP_PASSWORD.yaml"
        let first = try workspace.read(path)
        #expect(try workspace.run(["delete", "FTP_PASSWORD", "--yes"]).status == 0)
        // Made by Bob, so that the new created stamp differs whatever the clock says.
        let bob = ["GIT_AUTHOR_NAME": "Bob", "GIT_AUTHOR_EMAIL": "bob@example.com"]
        let created = try workspace.run(
            ["create", "FTP_PASSWORD", "--display-name", "New FTP", "--type", "password"],
            input: Data("fake-new".utf8), environment: bob)
        #expect(created.status == 0, "\(created.stderr)")
        try workspace.git(["add", "-A"])
        let oneCommit = try workspace.hook(environment: bob)
        #expect(oneCommit.status == 1, "\(oneCommit.stderr)")
        #expect(oneCommit.stderr.contains("commit its `tresor delete`"), "\(oneCommit.stderr)")
        let made = try workspace.read(path)
        try workspace.git(["rm", "-q", "-f", path])
        try workspace.commitAll("delete")
        try workspace.write(path, made)
        try workspace.git(["add", "-A"])
        let twoCommits = try workspace.hook(environment: bob)
        #expect(twoCommits.status == 0, "\(twoCommits.stderr)")
        try workspace.commitAll("create again", author: "Bob <bob@example.com>")
        // The first version's box back, both stamps the author's and later: blocked.
        let box = String(decoding: first, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("value: ") }!
        let taken = String(decoding: made, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasPrefix("  at: ")
                    ? "  at: \"2099-01-01T00:00:00Z\""
                    : $0.hasPrefix("value: ") ? String(box) : String($0)
            }
        try workspace.write(path, taken.joined(separator: "\n"))
        try workspace.git(["add", "-A"])
        let takenOver = try workspace.hook(environment: bob)
        #expect(takenOver.status == 1, "\(takenOver.stderr)")
        #expect(takenOver.stderr.contains("audit-stamp"), "\(takenOver.stderr)")
    }

    @Test func editorsListBlocksOthersAndAllowsPatterns() throws {
        let workspace = try repository()
        let config = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write("vault/vault.yaml", config + "editors:\n  - \"*@ops.example.com\"\n")
        try workspace.commitAll("editors")
        try workspace.run(["edit", "FTP_PASSWORD", "--display-name", "By Alice"])
        try workspace.git(["add", "-A"])
        let alice = try workspace.hook()
        #expect(alice.status == 1)
        #expect(alice.stderr.contains("editors:"), "\(alice.stderr)")
        #expect(alice.stderr.contains("*@ops.example.com"))
        try workspace.git(["config", "user.email", "carol@ops.example.com"])
        try workspace.run(["edit", "FTP_PASSWORD", "--display-name", "By Carol"])
        try workspace.git(["add", "-A"])
        let carol = try workspace.hook()
        #expect(carol.status == 0, "\(carol.stderr)")
        #expect(try workspace.run(["validate"]).status == 0)
    }
}
