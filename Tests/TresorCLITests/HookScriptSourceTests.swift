import Foundation
import Testing
import TresorKit

/// Where `Hooks/pre-commit` and `Hooks/deploy.sh` take `tresor` from when neither `TRESOR`
/// nor `PATH` names one: the repository's `.build/`, Tresor's own build, but never a
/// `tresor` that came with the repository (one git tracks), which would have run in every
/// clone's hook and got the master key in a deploy (found by a fresh tester). And a hook
/// an earlier release installed, which still trusts it, is updated and reported.
@Suite struct HookScriptSourceTests {
    /// A stand-in `tresor` that leaves a mark and lets everything through.
    static let impostor = "#!/bin/sh\ntouch \"$HOME/impostor-ran\"\nexit 0\n"

    /// A repository with Tresor's hook, no `TRESOR`, and a `PATH` without `tresor`.
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        #expect(try workspace.run(["hook", "install"]).status == 0)
        workspace.environment["TRESOR"] = nil
        for folder in ["/usr/bin", "/bin"] {
            try #require(!FileManager.default.fileExists(atPath: folder + "/tresor"))
        }
        return workspace
    }

    func makeExecutable(_ workspace: Workspace, _ path: String) throws {
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755],
            ofItemAtPath: workspace.root.appendingPathComponent(path).path)
    }

    @Test func aTresorCommittedUnderBuildNeverRunsInTheHook() throws {
        let workspace = try repository()
        try workspace.write(".build/release/tresor", Self.impostor)
        try makeExecutable(workspace, ".build/release/tresor")
        try workspace.commitAll("a binary that came with the repository")
        try workspace.write("notes.txt", "nothing secret")
        try workspace.git(["add", "notes.txt"])
        let commit = try workspace.git(["commit", "-q", "-m", "notes"], allowFailure: true)
        #expect(commit.status != 0)
        #expect(
            commit.stderr.contains("not running \(workspace.root.path)/.build/release/tresor"),
            "\(commit.stderr)")
        #expect(commit.stderr.contains("git tracks files under .build/"))
        #expect(!workspace.exists("impostor-ran"))
    }

    @Test func anUntrackedBuildOfTresorRunsInTheHook() throws {
        let workspace = try repository()
        try workspace.write(".gitignore", ".config-home/\n.build/\n")
        try workspace.write(".build/debug/tresor", "#!/bin/sh\nexec \(Workspace.binary) \"$@\"\n")
        try makeExecutable(workspace, ".build/debug/tresor")
        try workspace.commitAll("vault")
        try workspace.write("key.txt", try workspace.masterKeyText())
        try workspace.git(["add", "key.txt"])
        let blocked = try workspace.git(["commit", "-q", "-m", "leak"], allowFailure: true)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("master-key"), "\(blocked.stderr)")
    }

    @Test func deployNeverRunsATresorThatCameWithTheRepository() throws {
        let workspace = try repository()
        try workspace.write(".build/release/tresor", Self.impostor)
        try makeExecutable(workspace, ".build/release/tresor")
        try workspace.commitAll("a binary that came with the repository")
        let script = Workspace.packageRoot.appendingPathComponent("Hooks/deploy.sh").path
        let run = try workspace.run([script, "true"], executable: "/bin/bash")
        #expect(run.status == 2)
        #expect(run.stderr.contains("git tracks files under .build/"), "\(run.stderr)")
        #expect(!workspace.exists("impostor-ran"))
        // Outside a git work tree, a .build/ there is not Tresor's own either.
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent(".git"))
        let outside = try workspace.run([script, "true"], executable: "/bin/bash")
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("tresor not found"), "\(outside.stderr)")
        #expect(!workspace.exists("impostor-ran"))
    }

    @Test func anEarlierReleasesHookIsReportedAndUpdated() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let earlier = try #require(HookInstaller.earlierScripts.first)
        try workspace.write(".git/hooks/pre-commit", earlier)
        try makeExecutable(workspace, ".git/hooks/pre-commit")
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("an earlier release's script"), "\(doctor.stdout)")
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("held an earlier release's script; updated it"))
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
        #expect(try workspace.read(".git/hooks/pre-commit") == shipped)
        #expect(try workspace.run(["hook", "install"]).stderr.contains("already runs tresor"))
    }
}
