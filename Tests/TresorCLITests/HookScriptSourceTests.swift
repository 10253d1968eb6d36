import Foundation
import Testing
import TresorKit

/// Where `Hooks/pre-commit` and `Hooks/deploy.sh` take `tresor` from: `TRESOR`, else an
/// absolute folder of `PATH`, never the repository. They fell back to the repository's
/// `.build/`, where anyone who can commit, or hand over a copy of the files, could put a
/// `tresor` of theirs: it ran in every clone's hook, and got the master key in a deploy
/// (found by two fresh testers). A hook an earlier release installed is updated, and
/// reported until it is.
@Suite struct HookScriptSourceTests {
    /// A stand-in `tresor` that leaves a mark and lets everything through.
    static let impostor = "#!/bin/sh\ntouch \"$HOME/impostor-ran\"\nexit 0\n"

    /// A repository with Tresor's hook and one commit, no `TRESOR`, a `PATH` without
    /// `tresor`, and a `tresor` of the repository's own in `.build/release`, in `.build/debug`
    /// (ignored, as a copy of the files would bring it) and at the top.
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        #expect(try workspace.run(["hook", "install"]).status == 0)
        try workspace.write(".gitignore", ".config-home/\n.build/debug/\n")
        for path in [".build/release/tresor", ".build/debug/tresor", "tresor"] {
            try workspace.write(path, Self.impostor)
            try makeExecutable(workspace, path)
        }
        try workspace.commitAll("binaries that came with the repository")
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

    @Test func theHookNeverRunsATresorOfTheRepository() throws {
        let workspace = try repository()
        try workspace.write("notes.txt", "nothing secret")
        try workspace.git(["add", "notes.txt"])
        let commit = try workspace.git(["commit", "-q", "-m", "notes"], allowFailure: true)
        #expect(commit.status != 0)
        #expect(commit.stderr.contains("tresor not found; install it"), "\(commit.stderr)")
        // An empty entry of PATH is the current folder: the repository's top, for a hook.
        let relative = try workspace.git(
            ["commit", "-q", "-m", "notes"], allowFailure: true,
            environment: ["PATH": "/usr/bin:/bin:"])
        #expect(relative.status != 0)
        #expect(
            relative.stderr.contains("PATH finds it in a relative folder"), "\(relative.stderr)")
        #expect(!workspace.exists("impostor-ran"))
        // TRESOR names the one to run.
        try workspace.write("key.txt", try workspace.masterKeyText())
        try workspace.git(["add", "key.txt"])
        let blocked = try workspace.git(
            ["commit", "-q", "-m", "leak"], allowFailure: true,
            environment: ["TRESOR": Workspace.binary])
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("master-key"), "\(blocked.stderr)")
    }

    @Test func deployNeverRunsATresorOfTheRepository() throws {
        let workspace = try repository()
        let script = Workspace.packageRoot.appendingPathComponent("Hooks/deploy.sh").path
        let run = try workspace.run([script, "true"], executable: "/bin/bash")
        #expect(run.status == 2)
        #expect(run.stderr.contains("tresor not found"), "\(run.stderr)")
        let found = try workspace.run(
            [script, "true"], environment: ["PATH": ".:/usr/bin:/bin"], executable: "/bin/bash")
        #expect(found.status == 2)
        #expect(found.stderr.contains("tresor not found"), "\(found.stderr)")
        // Relative entries of PATH are dropped: every command the script runs has the key
        // (a `mktemp` of the repository ran; found by a fresh tester).
        try workspace.write("mktemp", Self.impostor)
        try makeExecutable(workspace, "mktemp")
        try workspace.write("processes/p/t.json", #"{"a": "plain"}"#)
        let relative = try workspace.run(
            [script, "true"],
            environment: ["PATH": ".::/usr/bin:/bin", "TRESOR": Workspace.binary],
            executable: "/bin/bash")
        #expect(relative.status == 0, "\(relative.stderr)")
        #expect(!workspace.exists("impostor-ran"))
        // Started as a program, it names bash by its path: `env bash` found the
        // repository's (found by a fresh tester).
        try workspace.write("bash", Self.impostor)
        try makeExecutable(workspace, "bash")
        let direct = try workspace.run(
            ["true"], environment: ["PATH": ":/usr/bin:/bin", "TRESOR": Workspace.binary],
            executable: script)
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(!workspace.exists("impostor-ran"))
    }

    /// tresor starts git from an absolute folder of PATH only: in a hook, an empty entry is
    /// the repository's top, where a committed `git` ran with the hook's trust (found by a
    /// fresh tester).
    @Test func tresorNeverRunsAGitOfTheRepository() throws {
        let workspace = try repository()
        try workspace.write("git", Self.impostor)
        try makeExecutable(workspace, "git")
        try workspace.write("key.txt", try workspace.masterKeyText())
        try workspace.git(["add", "key.txt"])
        let hook = try workspace.run(
            ["hook", "pre-commit"], environment: ["PATH": ":.:/usr/bin:/bin"])
        #expect(hook.status == 1, "\(hook.output)")
        #expect(hook.stderr.contains("master-key"), "\(hook.stderr)")
        #expect(!workspace.exists("impostor-ran"))
    }

    /// The key command gets only PATH's absolute folders: a `gpg` of the repository ran as
    /// the key command through an empty entry (found by a fresh tester).
    @Test func theKeyCommandSeesOnlyTheAbsoluteFoldersOfPath() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("PATH_TOKEN", "token", "fake-path-token")])
        let run = try workspace.run(
            ["render", "-"], input: Data(#"{"a": "{{secret:PATH_TOKEN}}"}"#.utf8),
            environment: [
                "PATH": ".::/usr/bin:relative:/bin",
                "TRESOR_KEY_COMMAND": #"printf %s "$PATH" > "$HOME/path-seen"; exit 1"#,
            ])
        #expect(run.status != 0)
        #expect(try workspace.read("path-seen") == Data("/usr/bin:/bin".utf8))
    }

    @Test(arguments: HookInstaller.earlierScripts.indices)
    func anEarlierReleasesHookIsReportedAndUpdated(_ index: Int) throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write(".git/hooks/pre-commit", HookInstaller.earlierScripts[index])
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

    /// The first release's script with `--append`'s call added ran on after the call, and
    /// ran a `tresor` from the repository: it is an earlier script too (found by a fresh
    /// tester).
    @Test func anEarlierScriptWithTheAppendedCallIsUpdated() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let first = try #require(HookInstaller.earlierScripts.last)
        let call =
            "# Added by `tresor hook install --append`:\n"
            + "sh \"$(git rev-parse --git-path hooks)/tresor-pre-commit\" || exit 1\n"
        let lines = first.split(separator: "\n", maxSplits: 1)
        try workspace.write(".git/hooks/pre-commit", lines[0] + "\n" + call + lines[1])
        try makeExecutable(workspace, ".git/hooks/pre-commit")
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
        try workspace.write(".git/hooks/tresor-pre-commit", shipped)
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("an earlier release's script"), "\(doctor.stdout)")
        let install = try workspace.run(["hook", "install"])
        #expect(install.stderr.contains("held an earlier release's script; updated it"))
        #expect(try workspace.read(".git/hooks/pre-commit") == shipped)
    }

    /// The earlier scripts are byte for byte those of git's history of `Hooks/pre-commit`.
    @Test func earlierScriptsAreTheOnesReleased() throws {
        let commits = ["cc7f25b", "2a16525", "0f3f58c"]
        #expect(HookInstaller.earlierScripts.count == commits.count)
        for (commit, script) in zip(commits, HookInstaller.earlierScripts) {
            let shown = try Workspace().run(
                ["-C", Workspace.packageRoot.path, "show", commit + ":Hooks/pre-commit"],
                executable: "/usr/bin/git")
            try #require(shown.status == 0, "git history is needed: \(shown.stderr)")
            #expect(shown.stdoutBytes == Data(script.utf8), "\(commit)")
        }
    }

    /// A link to an earlier script is left alone, as its target may be shared, and named.
    @Test func aLinkToAnEarlierScriptIsNamedAndLeftAlone() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write("old-hook", HookInstaller.earlierScripts[0])
        try makeExecutable(workspace, "old-hook")
        let hook = workspace.root.appendingPathComponent(".git/hooks/pre-commit").path
        try FileManager.default.createSymbolicLink(
            atPath: hook,
            withDestinationPath: workspace.root.appendingPathComponent("old-hook").path)
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 1)
        #expect(
            install.stderr.contains("is a symbolic link to an earlier release's script"),
            "\(install.stderr)")
        #expect(install.stderr.contains("rm \(hook)"))
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: hook).hasSuffix("old-hook"))
    }
}
