import Foundation
import Testing

/// `tresor hook install`: a fresh repository, an existing foreign hook, `core.hooksPath`;
/// and the installed hook blocking a real `git commit`.
@Suite struct HookInstallTests {
    @Test func installedHookBlocksARealCommitAndLetsACleanOneThrough() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        let hook = try workspace.read(".git/hooks/pre-commit")
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
        #expect(hook == shipped)
        // The finding points at the key itself: line 3, after "key: ".
        try workspace.write("key.txt", "notes\n\nkey: " + (try workspace.masterKeyText()))
        try workspace.git(["add", "-A"])
        let blocked = try workspace.git(["commit", "-q", "-m", "leak"], allowFailure: true)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("key.txt:3:6: master-key:"), "\(blocked.stderr)")
        try workspace.git(["rm", "-q", "--cached", "key.txt"])
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("key.txt"))
        let clean = try workspace.git(["commit", "-q", "-m", "vault"], allowFailure: true)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try workspace.run(["hook", "install"]).stderr.contains("already runs tresor"))
    }

    @Test func existingHookIsNeverReplacedAndAppendCallsTresorFromIt() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        // The foreign hook ends with `exit 0`: a call appended at its end would never run.
        let own = "#!/bin/sh\necho own-hook-ran >&2\nexit 0\n"
        try workspace.write(".git/hooks/pre-commit", own)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755],
            ofItemAtPath: workspace.root.appendingPathComponent(".git/hooks/pre-commit").path)
        let refused = try workspace.run(["hook", "install"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not Tresor's hook"))
        #expect(String(decoding: try workspace.read(".git/hooks/pre-commit"), as: UTF8.self) == own)
        let appended = try workspace.run(["hook", "install", "--append"])
        #expect(appended.status == 0, "\(appended.stderr)")
        let text = String(decoding: try workspace.read(".git/hooks/pre-commit"), as: UTF8.self)
        #expect(text.hasPrefix("#!/bin/sh\n# Added by `tresor hook install --append`"))
        #expect(text.hasSuffix("echo own-hook-ran >&2\nexit 0\n"))
        #expect(workspace.exists(".git/hooks/tresor-pre-commit"))
        try workspace.write("clean.txt", "nothing secret")
        try workspace.git(["add", "-A"])
        let clean = try workspace.git(["commit", "-q", "-m", "clean"], allowFailure: true)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("own-hook-ran"))
        try workspace.write("key.txt", try workspace.masterKeyText())
        try workspace.git(["add", "-A"])
        let blocked = try workspace.git(["commit", "-q", "-m", "leak"], allowFailure: true)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("master-key"))
    }

    @Test func hooksPathIsRespected() throws {
        let workspace = try Workspace.repository()
        try workspace.git(["config", "core.hooksPath", "githooks"])
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(workspace.exists("githooks/pre-commit"))
        #expect(!workspace.exists(".git/hooks/pre-commit"))
        // A folder of the work tree: any commit can change what the hook runs (found by a
        // fresh tester).
        #expect(install.stderr.contains("a file of the work tree"), "\(install.stderr)")
    }

    /// `core.hooksPath` empty or `/dev/null` turns hooks off: install refuses, once, and
    /// writes nothing (an empty one had the hooks written to the work tree's top, where git
    /// never looks), and doctor names the setting (a forty-fourth fresh tester).
    @Test(arguments: ["", "/dev/null"])
    func hooksTurnedOffByHooksPathAreSaidSo(_ setting: String) throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.git(["config", "core.hooksPath", setting])
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 1, "\(install.stderr)")
        #expect(install.stderr.contains("git runs no hooks"), "\(install.stderr)")
        #expect(install.stderr.components(separatedBy: "error:").count == 2, "\(install.stderr)")
        #expect(!workspace.exists("pre-commit") && !workspace.exists("pre-merge-commit"))
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("git runs no hooks here"), "\(doctor.stdout)")
    }

    /// The only vault of a repository, in a subfolder, goes unchecked by the hook: doctor
    /// says so instead of "ok", and the hook's refusal does not name a vault "beside" it
    /// that is not there (a forty-fourth fresh tester).
    @Test func aVaultInASubfolderIsNamedAsUnchecked() throws {
        let workspace = try Workspace.repository()
        try workspace.write("team/.keep", "")
        #expect(try workspace.run(["init"], in: "team").status == 0)
        #expect(try workspace.run(["hook", "install"], in: "team").status == 0)
        let doctor = try workspace.run(["doctor"], in: "team")
        #expect(doctor.stdout.contains("commits to this vault are not checked"), "\(doctor.stdout)")
        try workspace.git(["add", "-A"])
        let hook = try workspace.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("a vault in a subfolder"), "\(hook.stderr)")
        #expect(!hook.stderr.contains("beside"), "\(hook.stderr)")
    }

    /// Hooks that cannot find `tresor` fail every commit: install warns and doctor fails the
    /// check, where both said all was well (a forty-eighth fresh tester).
    @Test func hooksThatCannotFindTresorAreSaidSo() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        workspace.environment["TRESOR"] = "/nonexistent/tresor"
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("names no executable file"), "\(install.stderr)")
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("names no executable file"), "\(doctor.stdout)")
        // A folder is no program; a relative PATH folder is refused by the hooks; a tresor
        // inside the repository can be changed by a commit (a forty-ninth fresh tester).
        workspace.environment["TRESOR"] = "/tmp"
        #expect(try workspace.run(["doctor"]).stdout.contains("names no executable file"))
        workspace.environment["TRESOR"] = nil
        let bin = workspace.root.appendingPathComponent(".bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("tresor").path, withDestinationPath: Workspace.binary
        )
        workspace.environment["PATH"] = ".bin:/usr/bin:/bin"
        #expect(try workspace.run(["doctor"]).stdout.contains("relative folder .bin"))
        workspace.environment["PATH"] = bin.path + ":/usr/bin:/bin"
        let inside = try workspace.run(["doctor"])
        #expect(inside.stdout.contains("in the repository"), "\(inside.stdout)")
        // Reached through a link, and a bare name in TRESOR (a fiftieth fresh tester).
        let link = workspace.root.deletingLastPathComponent()
            .appendingPathComponent(workspace.root.lastPathComponent + "-link").path
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: workspace.root.path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        workspace.environment["PATH"] = link + "/.bin:/usr/bin:/bin"
        #expect(try workspace.run(["doctor"]).stdout.contains("in the repository"))
        // A link outside the repository to a file inside it (a fifty-first fresh tester).
        let outside = workspace.root.deletingLastPathComponent()
            .appendingPathComponent(workspace.root.lastPathComponent + "-bin")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(
            atPath: outside.appendingPathComponent("tresor").path,
            withDestinationPath: bin.appendingPathComponent("tresor").path)
        workspace.environment["PATH"] = outside.path + ":/usr/bin:/bin"
        #expect(try workspace.run(["doctor"]).stdout.contains("in the repository"))
        workspace.environment["PATH"] = ".bin:/usr/bin:/bin"
        workspace.environment["TRESOR"] = "tresor"
        let bare = try workspace.run(["doctor"]).stdout
        #expect(bare.contains("$TRESOR (tresor) in the relative folder .bin"), "\(bare)")
    }

    /// From a linked worktree, a hook in the main work tree is one a commit can change too
    /// (found by a fresh tester).
    @Test func aHookInTheMainWorkTreeIsReportedFromALinkedWorktree() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.commitAll("vault")
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
        try workspace.write("githooks/pre-commit", shipped)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755],
            ofItemAtPath: workspace.root.appendingPathComponent("githooks/pre-commit").path)
        let hooks = workspace.root.appendingPathComponent("githooks").path
        try workspace.git(["config", "core.hooksPath", hooks])
        let linked = workspace.root.appendingPathComponent(".linked").path
        try workspace.git(["worktree", "add", "-q", "--detach", linked])
        let doctor = try workspace.run(["doctor"], in: ".linked")
        #expect(doctor.stdout.contains("a file of the work tree"), "\(doctor.stdout)")
    }

    /// A hook that is a link into the work tree is Tresor's script today, and tomorrow
    /// whatever a commit makes it: doctor says so (found by a fresh tester).
    @Test func aHookLinkedIntoTheWorkTreeIsReported() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let shipped = try Data(
            contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
        try workspace.write("Hooks/pre-commit", shipped)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.root.appendingPathComponent(".git/hooks/pre-commit").path,
            withDestinationPath: "../../Hooks/pre-commit")
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("a file of the work tree"), "\(doctor.stdout)")
        #expect(doctor.status != 0)
    }

    /// The hook checks vault/ at the top of the repository: installing it from a folder
    /// whose vault is elsewhere says so, rather than leaving that vault unchecked quietly.
    @Test func installingBesideAVaultTheHookDoesNotCheckSaysSo() throws {
        let workspace = try Workspace.repository()
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("svc"), withIntermediateDirectories: true)
        #expect(try workspace.run(["init"], in: "svc").status == 0)
        let install = try workspace.run(["hook", "install"], in: "svc")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("the hook checks the vault at"), "\(install.stderr)")
        #expect(install.stderr.contains("svc/vault"))
        let top = try workspace.run(["hook", "install"])
        #expect(!top.stderr.contains("the hook checks the vault at"), "\(top.stderr)")
    }

    /// A hook that is a symbolic link to nothing is named as such and left alone, with or
    /// without `--append` (found by a fresh tester: it said nothing was there).
    @Test func aHookLinkedToNothingIsNamedAsSuch() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let hook = workspace.root.appendingPathComponent(".git/hooks/pre-commit").path
        #expect(symlink("/nonexistent/shared-hook", hook) == 0)
        for arguments in [["hook", "install"], ["hook", "install", "--append"]] {
            let run = try workspace.run(arguments)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("is a symbolic link to a file that does not exist"))
            #expect(run.stderr.contains("rm "), "\(run.stderr)")
            #expect(isLink(hook))
        }
    }

    private func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// A hook that only mentions Tresor (after an `exit`, in a comment) is not taken for
    /// Tresor's: `install` refuses it, `--append` adds the call, and a master key is then
    /// blocked. A Tresor hook that is not executable is made so. Both found by a fresh
    /// tester (the key was committed; git skipped the hook).
    @Test func aHookThatOnlyMentionsTresorIsNotTakenForItsHook() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let hook = workspace.root.appendingPathComponent(".git/hooks/pre-commit").path
        for text in [
            "#!/bin/sh\nexit 0\ntresor hook pre-commit\n",
            "#!/bin/sh\n# tresor hook pre-commit\nexit 0\n",
        ] {
            try workspace.write(".git/hooks/pre-commit", text)
            #expect(chmod(hook, 0o755) == 0)
            let refused = try workspace.run(["hook", "install"])
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("is not Tresor's hook"), "\(refused.stderr)")
            let doctor = try workspace.run(["doctor"])
            #expect(doctor.output.contains("does not run tresor"), "\(doctor.output)")
        }
        let appended = try workspace.run(["hook", "install", "--append"])
        #expect(appended.status == 0, "\(appended.stderr)")
        try workspace.write("key.txt", try workspace.masterKeyText())
        try workspace.git(["add", "-A"])
        let blocked = try workspace.git(["commit", "-q", "-m", "leak"], allowFailure: true)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("master-key"), "\(blocked.stderr)")
        // Tresor's own hook, not executable.
        try FileManager.default.removeItem(atPath: hook)
        #expect(try workspace.run(["hook", "install"]).status == 0)
        #expect(chmod(hook, 0o644) == 0)
        let fixed = try workspace.run(["hook", "install"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stderr.contains("made it executable"), "\(fixed.stderr)")
        #expect(access(hook, X_OK) == 0)
    }

    /// The script `--append` calls must be Tresor's: missing or changed, `doctor` says the
    /// hook does not run tresor and `install` writes it again. A linked hook gets no call;
    /// an edited copy of Tresor's hook is not overwritten (all found by a seventh fresh
    /// tester).
    @Test func theAppendedCallsScriptIsCheckedAndLinksAndEditsAreLeftAlone() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let hooks = workspace.root.appendingPathComponent(".git/hooks").path
        try workspace.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n")
        #expect(chmod(hooks + "/pre-commit", 0o755) == 0)
        #expect(try workspace.run(["hook", "install", "--append"]).status == 0)
        for broken in [nil, "#!/bin/sh\nexit 0\n"] {
            if let broken {
                try workspace.write(".git/hooks/tresor-pre-commit", broken)
            } else {
                try FileManager.default.removeItem(atPath: hooks + "/tresor-pre-commit")
            }
            let doctor = try workspace.run(["doctor"])
            #expect(doctor.output.contains("does not run tresor"), "\(doctor.output)")
            let again = try workspace.run(["hook", "install"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("wrote Tresor's script there"), "\(again.stderr)")
            let shipped = try Data(
                contentsOf: Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit"))
            #expect(try workspace.read(".git/hooks/tresor-pre-commit") == shipped)
            #expect(!(try workspace.run(["doctor"]).output.contains("does not run tresor")))
        }
        // A `#!` line that keeps the shell from running the call (found by an eighth fresh
        // tester).
        let text = String(decoding: try workspace.read(".git/hooks/pre-commit"), as: UTF8.self)
        try workspace.write(
            ".git/hooks/pre-commit", "#!/bin/sh -n\n" + text.drop { $0 != "\n" }.dropFirst())
        let silenced = try workspace.run(["doctor"])
        #expect(silenced.output.contains("does not run tresor"), "\(silenced.output)")
        // A link: no call appended, the link kept.
        try FileManager.default.removeItem(atPath: hooks + "/pre-commit")
        try workspace.write("shared-hook", "#!/bin/sh\nexit 0\n")
        #expect(
            symlink(
                workspace.root.appendingPathComponent("shared-hook").path, hooks + "/pre-commit")
                == 0)
        let linked = try workspace.run(["hook", "install", "--append"])
        #expect(linked.status == 1, "\(linked.stderr)")
        #expect(linked.stderr.contains("is a symbolic link"), "\(linked.stderr)")
        #expect(
            String(decoding: try workspace.read("shared-hook"), as: UTF8.self)
                == "#!/bin/sh\nexit 0\n")
        // An edited copy of Tresor's hook is someone's own hook now.
        try FileManager.default.removeItem(atPath: hooks + "/pre-commit")
        let edited = "#!/bin/sh\n# Tresor's git pre-commit hook (edited)\n./lint.sh || exit 1\n"
        try workspace.write(".git/hooks/pre-commit", edited)
        let refused = try workspace.run(["hook", "install"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(
            String(decoding: try workspace.read(".git/hooks/pre-commit"), as: UTF8.self) == edited)
    }

    /// A hook whose `#!` line would keep the call from running gets none (`--append`
    /// reported success on `#!/bin/sh -n`; found by a ninth fresh tester).
    @Test func aHookThatWouldNotRunTheCallGetsNone() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let text = "#!/bin/sh -n\necho foreign\nexit 0\n"
        try workspace.write(".git/hooks/pre-commit", text)
        let run = try workspace.run(["hook", "install", "--append"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("not a plain shell script"), "\(run.stderr)")
        #expect(
            String(decoding: try workspace.read(".git/hooks/pre-commit"), as: UTF8.self) == text)
    }

    @Test func foreignNonShellHookIsLeftAlone() throws {
        let workspace = try Workspace.repository()
        try workspace.write(".git/hooks/pre-commit", "#!/usr/bin/env python3\nprint('x')\n")
        let run = try workspace.run(["hook", "install", "--append"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("not a plain shell script"))
    }
}
