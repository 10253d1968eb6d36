import Foundation
import Testing

/// Argument handling and exit codes.
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommandAndEachCommandHasHelp() throws {
        let workspace = try Workspace()
        let help = try workspace.run(["help"])
        #expect(help.status == 0)
        let commands = [
            "init", "create", "edit", "delete", "list", "show", "usage", "validate", "render",
            "deploy", "status", "redact", "dotenv", "exec", "rekey",
        ]
        for command in commands {
            #expect(help.stdout.contains("  \(command) "))
            let own = try workspace.run([command, "--help"])
            #expect(own.status == 0)
            #expect(own.stdout.contains("usage: tresor \(command)"))
        }
        // `help` is a command too (it was "unknown command"; found by a twenty-fifth tester).
        let helpOfHelp = try workspace.run(["help", "help"])
        #expect(helpOfHelp.status == 0, "\(helpOfHelp.stderr)")
        #expect(helpOfHelp.stdout.contains("usage: tresor help [COMMAND]"), "\(helpOfHelp.stdout)")
        let own = try workspace.run(["help", "--help"])
        #expect(own.status == 0 && own.stdout.contains("usage: tresor help [COMMAND]"))
        let extra = try workspace.run(["help", "validate", "extra"])
        #expect(extra.status == 2, "\(extra.stderr)")
    }

    /// The harness reads both outputs at once: a command writing more than a pipe holds
    /// to standard error hung every test that ran it (found by a helper this round).
    @Test func aCommandFillingStandardErrorDoesNotHangTheHarness() throws {
        let workspace = try Workspace()
        let run = try workspace.run(
            ["-c", "head -c 200000 /dev/zero | tr '\\0' e >&2; cat"],
            input: Data(repeating: 0x6F, count: 300_000), executable: "/bin/sh")
        #expect(run.status == 0)
        #expect(run.stderr.utf8.count == 200_000 && run.stdoutBytes.count == 300_000)
    }

    /// `--quiet` prints only errors: a warning finding is left out, an error is not.
    @Test func quietLeavesOutWarningsButNotErrors() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-quiet")])
        try workspace.write("processes/notes.txt", "{{secret:KNOWN}} in a text file")
        let warned = try workspace.run(["validate"])
        #expect(warned.status == 0 && warned.stderr.contains("unread-file"), "\(warned.stderr)")
        let quiet = try workspace.run(["validate", "-q"])
        #expect(quiet.status == 0)
        #expect(quiet.output.isEmpty, "\(quiet.output)")
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:MISSING}}"}"#)
        let failed = try workspace.run(["validate", "-q"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("unknown-secret") && !failed.stderr.contains("unread-file"))
    }

    /// A flag the command needs, left out, is said to be required, not to lack a value
    /// (found by a fresh tester).
    @Test func aRequiredFlagLeftOutIsSaidToBeRequired() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        for (arguments, message) in [
            (["create", "A_TOKEN", "--type", "token"], "create: --display-name TEXT is required"),
            (["create", "A_TOKEN", "--display-name", "A"], "create: --type TYPE is required"),
            (["deploy"], "deploy: --out DIR is required"),
            (["status"], "status: --out DIR is required"),
        ] {
            let run = try workspace.run(arguments, value: "fake-required")
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test func usageErrorsExitWithTwo() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["frobnicate"]).status == 2)
        #expect(try workspace.run(["list", "--colour"]).status == 2)
        #expect(try workspace.run(["create", "A_B", "--type"]).status == 2)
        #expect(try workspace.run(["show"]).status == 2)
        #expect(try workspace.run(["show", "A", "B"]).status == 2)
        #expect(try workspace.run(["list", "--json=yes"]).status == 2)
        // --force without --out replaces nothing (found by a twenty-eighth fresh tester).
        let force = try workspace.run(["render", "-", "--force"])
        #expect(force.status == 2 && force.stderr.contains("needs --out"), "\(force.stderr)")
    }

    /// The commit checks take `--json` as every other command spells it, and `--format`
    /// (found by a twenty-eighth fresh tester: `hook pre-commit --json` was unknown).
    @Test func theCommitChecksTakeJSONEitherWay() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.git(["add", "-A"])
        for flags in [["--json"], ["--format", "json"], ["--json", "--format", "json"]] {
            let run = try workspace.hook(flags)
            #expect(run.status == 0, "\(flags): \(run.stderr)")
            #expect(run.stdout.hasPrefix("["), "\(flags): \(run.stdout)")
        }
        let both = try workspace.hook(["--json", "--format", "text"])
        #expect(both.status == 2 && both.stderr.contains("not both"), "\(both.stderr)")
    }

    /// An empty value is no value: `--out ""` named the current folder, which a folder
    /// render then replaced (found by a fresh tester). A flag every command takes, with no
    /// command after it, says so rather than calling the flag an unknown command.
    @Test func emptyValuesAndAMissingCommandAreUsageErrors() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-empty")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        let before = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
        for arguments in [
            ["render", "processes", "--out", ""], ["render", "processes", "--out="],
            ["render", "processes", "-o", ""], ["deploy", "--out", ""],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("--out needs a value"), "\(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path) == before)
        // No command at all shows the help and fails (it exited 0; found by a sixth fresh
        // tester).
        let bare = try workspace.run([])
        #expect(bare.status == 2, "\(bare.stderr)")
        #expect(bare.stdout.contains("render"), "\(bare.stdout)")
        for arguments in [["--vault"], ["--vault", "vault"], ["-v"]] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("a command must follow"), "\(run.stderr)")
        }
    }

    /// Short flags as `getopt` reads them: a value attached or after `=`, switches together;
    /// an unknown letter is named alone, never what follows it.
    @Test func shortFlagsTakeAttachedValuesAndCombine() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-short")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        for (arguments, out) in [
            (["render", "processes/p/t.json", "-oone.json"], "one.json"),
            (["render", "processes/p/t.json", "-o=two.json"], "two.json"),
            (["render", "processes/p/t.json", "-vo", "three.json"], "three.json"),
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(
                String(decoding: try workspace.read(out), as: UTF8.self) == #"{"a": "fake-short"}"#)
        }
        let listed = try workspace.run(["list", "-tpassword"])
        #expect(listed.status == 0 && !listed.stdout.contains("KNOWN"), "\(listed.output)")
        let deleted = try workspace.run(["delete", "KNOWN", "-yq"])
        #expect(deleted.status == 0 && !workspace.exists("vault/KNOWN.yaml"), "\(deleted.output)")
        for (arguments, message) in [
            (["list", "-xfake-short-canary"], "unknown flag -x"),
            (["list", "-vxfake-short-canary"], "unknown flag -x"),
            (["list", "-v=1"], "--verbose takes no value"),
            (["list", "-t="], "--type needs a value"),
            (["list", "-vv"], "--verbose is given twice"),
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.output.contains("canary"))
        }
    }

    /// A flag before the command is named without what follows it: `-xVALUE` and
    /// `--password=VALUE` there were echoed whole as an unknown command (found by a fresh
    /// tester). Short switches every command takes may stand there together.
    @Test func aFlagBeforeTheCommandIsNeverEchoedWhole() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        for (arguments, message) in [
            (["-xfake-leading-canary", "list"], "unknown flag -x before the command"),
            (["--bogus=fake-leading-canary", "list"], "unknown flag --bogus before the command"),
            (["--password=fake-leading-canary", "list"], "never taken from the command line"),
            (["-vq", "list"], "--quiet and --verbose exclude each other"),
            (["-vxfake-leading-canary", "list"], "unknown flag -x before the command"),
            // A combining mark joins the `=` or `-` before it into one character: the
            // value was echoed whole (found by a third fresh tester).
            (["--password=\u{301}fake-leading-canary", "list"], "never taken"),
            (["--bogus=\u{301}fake-leading-canary", "list"], "unknown flag --bogus before"),
            (["-\u{301}fake-leading-canary", "list"], "unknown flag -\\u0301 before"),
            (["list", "--password=\u{301}fake-leading-canary"], "never taken"),
            (["list", "--bogus=\u{301}fake-leading-canary"], "list: unknown flag --bogus"),
            (["list", "-\u{301}fake-leading-canary"], "list: unknown flag -\\u0301"),
            // A known flag with a value run onto it: the flag alone is named (found by a
            // fourth fresh tester).
            (["edit", "KNOWN", "--new-valuefake-argv-canary"], "--new-value with more letters"),
            (["list", "--typefake-leading-canary"], "list: unknown flag: --type with more"),
            (["--vaultfake-leading-canary", "list"], "unknown flag: --vault with more"),
            (["list", "--valuefake-leading-canary"], "never taken from the command line"),
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.output.contains("canary"), "\(arguments): \(run.output)")
        }
        #expect(try workspace.run(["-v", "list"]).status == 0)
    }

    @Test func aValueOnTheCommandLineIsRefusedWithoutBeingEchoed() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let flag = try workspace.run([
            "create", "A_TOKEN", "--display-name", "A", "--type", "token",
            "--value=fake-argv-canary",
        ])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("never taken from the command line"))
        let extra = try workspace.run(["show", "A_TOKEN", "fake-argv-canary"])
        #expect(extra.status == 2)
        for run in [flag, extra] { #expect(!run.output.contains("fake-argv-canary")) }
    }

    /// `edit` that changes no value says a value piped in is not read (it was dropped
    /// without a word; found by a fresh tester); an empty standard input says nothing.
    @Test func editSaysAPipedValueIsNotRead() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN_TOKEN", "token", "fake-old")])
        try workspace.write("value.txt", "fake-new")
        let redirected = try workspace.run(
            ["-c", #""$0" edit KNOWN_TOKEN --display-name Renamed < value.txt"#, Workspace.binary],
            executable: "/bin/sh")
        #expect(redirected.status == 0, "\(redirected.stderr)")
        #expect(redirected.stderr.contains("standard input is not read"), "\(redirected.stderr)")
        #expect(!redirected.stderr.contains("fake-"))
        let empty = try workspace.run(["edit", "KNOWN_TOKEN", "--display-name", "Again"])
        #expect(empty.status == 0 && !empty.stderr.contains("standard input"), "\(empty.stderr)")
        // Also when nothing changes; not for a file a script has read to its end (found by
        // the next tester).
        let unchanged = try workspace.run(
            ["-c", #""$0" edit KNOWN_TOKEN --display-name Again < value.txt"#, Workspace.binary],
            executable: "/bin/sh")
        #expect(unchanged.stderr.contains("standard input is not read"), "\(unchanged.stderr)")
        let readAlready = try workspace.run(
            [
                "-c", #"{ read -r line; "$0" edit KNOWN_TOKEN --type password; } < value.txt"#,
                Workspace.binary,
            ], executable: "/bin/sh")
        #expect(readAlready.status == 0, "\(readAlready.stderr)")
        #expect(!readAlready.stderr.contains("standard input"), "\(readAlready.stderr)")
    }

    @Test func missingVaultExitsWithThree() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["list"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("tresor init"))
    }

    /// `init` refuses a vault inside `.git` and a file where the vault folder goes, each
    /// with its own message, and warns about a vault below another one (all found by a
    /// sixth fresh tester); `--vault` naming vault.yaml itself says what it takes.
    @Test func initRefusesOddPlacesAndWarnsAboutANestedVault() throws {
        let workspace = try Workspace.repository()
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("processes"),
            withIntermediateDirectories: true)
        let inGit = try workspace.run(["init"], in: ".git")
        #expect(inGit.status == 2, "\(inGit.stderr)")
        #expect(inGit.stderr.contains("inside git's own directory"), "\(inGit.stderr)")
        #expect(!workspace.exists(".git/vault"))
        try workspace.write("processes/vault", "not a folder")
        let file = try workspace.run(["init"], in: "processes")
        #expect(file.status == 3, "\(file.stderr)")
        #expect(file.stderr.contains("exists and is not a folder"), "\(file.stderr)")
        #expect(!file.stderr.contains("render"), "\(file.stderr)")
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/vault"))
        #expect(try workspace.run(["init"]).status == 0)
        let nested = try workspace.run(["init"], in: "processes")
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(nested.stderr.contains("another vault is at"), "\(nested.stderr)")
        let top = try workspace.run(["list", "--vault", "vault/vault.yaml"])
        #expect(top.status == 3)
        #expect(top.stderr.contains("not vault/vault.yaml"), "\(top.stderr)")
        // Found by a seventh fresh tester: a link to .git, a folder inside a vault, and
        // vault.yaml named as the folder.
        #expect(symlink(".git", workspace.root.appendingPathComponent("gitlink").path) == 0)
        let linked = try workspace.run(["init", "--vault", "gitlink/vault"])
        #expect(linked.status == 2, "\(linked.stderr)")
        #expect(linked.stderr.contains("inside git's own directory"), "\(linked.stderr)")
        for nested in ["vault/inner", "vault/a/b/c"] {
            let inner = try workspace.run(["init", "--vault", nested])
            #expect(inner.status == 2, "\(inner.stderr)")
            #expect(inner.stderr.contains("lies inside the vault"), "\(inner.stderr)")
        }
        // Named on the command line, render takes no folder that is or holds the vault
        // (found by a tenth fresh tester).
        for folder in ["vault", "."] {
            let render = try workspace.run(["render", folder, "--out", "rendered"])
            #expect(render.status == 2, "\(folder): \(render.stderr)")
            #expect(render.stderr.contains("is the vault, lies inside it or holds it"))
        }
        // Nor git's folder, as settings.processes may not name it (found by a twenty-fifth
        // fresh tester: `--processes .git` read nothing and passed).
        #expect(symlink(".git/hooks", workspace.root.appendingPathComponent("hooklink").path) == 0)
        for (command, folder) in [("validate", ".git/hooks"), ("usage", "hooklink")] {
            let git = try workspace.run([command, "--processes", folder])
            #expect(git.status == 2, "\(command): \(git.stderr)")
            #expect(git.stderr.contains("is git's folder .git or lies inside it"))
        }
        let named = try workspace.run(["init", "--vault", "vault/vault.yaml"])
        #expect(named.status == 2, "\(named.stderr)")
        #expect(named.stderr.contains("not the file itself"), "\(named.stderr)")
        // A git directory kept elsewhere (found by an eighth fresh tester).
        let separate = workspace.root.appendingPathComponent("separate").path
        try workspace.git(["init", "-q", "--separate-git-dir", separate + "/gd", separate + "/wt"])
        let elsewhere = try workspace.run(["init", "--vault", "separate/gd/vault"])
        #expect(elsewhere.status == 2, "\(elsewhere.stderr)")
        #expect(elsewhere.stderr.contains("inside git's own directory"), "\(elsewhere.stderr)")
        // The repository's top, and a folder holding a vault (found by a ninth fresh
        // tester).
        for folder in [".", "processes"] {
            let run = try workspace.run(["init", "--vault", folder])
            #expect(run.status == 2, "\(folder): \(run.stderr)")
            #expect(
                run.stderr.contains("a repository's top folder or holds a vault"), "\(run.stderr)")
        }
        let other = try workspace.run(["init", "--vault", "processes/secrets"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(!other.stderr.contains("another vault"), "\(other.stderr)")
    }

    /// A vault named `processes` would be its own process folder: refused before a key is
    /// stored (found by a tenth fresh tester).
    @Test func initRefusesTheProcessFoldersPlace() throws {
        let workspace = try Workspace.repository()
        let run = try workspace.run(["init", "--vault", "processes"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("where the vault's process folder goes"), "\(run.stderr)")
        #expect(!workspace.exists("processes/vault.yaml"))
    }

    @Test func vaultIsFoundFromASubfolder() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("SUB_TOKEN", "token", "fake")])
        try workspace.write("deep/er/.keep", "")
        let run = try workspace.run(["list"], in: "deep/er")
        #expect(run.status == 0)
        #expect(run.stdout.contains("SUB_TOKEN"))
    }

    /// `init` that cannot store its key leaves no empty vault folder for a retry to trip on.
    @Test func initWithoutAPlaceForTheKeyLeavesNoVaultFolder() throws {
        let workspace = try Workspace()
        workspace.environment["HOME"] = nil
        workspace.environment["XDG_CONFIG_HOME"] = nil
        let failed = try workspace.run(["init"])
        #expect(failed.status == 4, "\(failed.stderr)")
        #expect(!workspace.exists("vault"))
        workspace.environment["HOME"] = workspace.root.path
        #expect(try workspace.run(["init"]).status == 0)
    }
}
