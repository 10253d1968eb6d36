import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Paths are bytes to Linux: a name may start with a combining mark or a zero-width
/// joiner, and the composed and the decomposed spelling of `ü` are two names. Swift's
/// `String` joins such a mark to the `/` before it and finds the two spellings equal; the
/// commands take paths apart by their bytes, so they find, render and guard such names as
/// Linux has them (found by a fresh tester: renders failed, and a render could land in the
/// vault).
@Suite struct PathBytesTests {
    static let acute = "\u{301}"
    static let joiner = "\u{200D}"
    static let composed = "pr\u{FC}f"
    static let decomposed = "pru\u{308}f"

    /// Creates the folders of `path` under the workspace and writes `text` to it, with
    /// system calls that take the path's bytes as they are.
    private func write(_ workspace: Workspace, _ path: String, _ text: String) throws {
        var folder = workspace.root.path
        let names = path.utf8.split(separator: UInt8(ascii: "/")).map {
            String(decoding: $0, as: UTF8.self)
        }
        for name in names.dropLast() {
            folder += "/" + name
            if mkdir(folder, 0o700) != 0 { try #require(errno == EEXIST) }
        }
        let file = open(folder + "/" + names.last!, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer { close(file) }
        let bytes = Array(text.utf8)
        try #require(Glibc.write(file, bytes, bytes.count) == bytes.count)
    }

    private func read(_ workspace: Workspace, _ path: String) -> String? {
        let file = open(workspace.root.path + "/" + path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(file, &buffer, buffer.count)
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }

    private static let input = #"{"password": "{{secret:FTP_PASSWORD}}"}"#
    private static let rendered = #"{"password": "fake-ftp-password"}"#

    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp-password")])
        return workspace
    }

    @Test func aFolderRenderKeepsEveryNameAsItsBytesAre() throws {
        let workspace = try workspace()
        let files = [
            "processes/p/\(Self.acute)t.json", "processes/t/\(Self.joiner)z.json",
            "processes/\(Self.composed)/a.json", "processes/\(Self.decomposed)/a.json",
        ]
        for file in files { try write(workspace, file, Self.input) }
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 0, "\(validate.stderr)")
        let render = try workspace.run(["render", "processes", "--out", "out"])
        #expect(render.status == 0, "\(render.stderr)")
        for file in files {
            let output = "out/" + file.dropFirst("processes/".count)
            #expect(read(workspace, output) == Self.rendered, "\(output)")
        }
    }

    @Test func aTaskInputWhoseNameStartsWithAMarkNamesItsProcessAndTask() throws {
        let workspace = try workspace()
        try write(workspace, "processes/p/\(Self.acute)t.json", Self.input)
        let usage = try workspace.run(["usage", "--json"])
        #expect(usage.status == 0, "\(usage.stderr)")
        let listing = try #require(
            try JSONSerialization.jsonObject(with: Data(usage.stdout.utf8)) as? [String: Any])
        let text = String(describing: listing)
        #expect(text.contains("\"p\"") || text.contains("= p;"), "\(usage.stdout)")
        #expect(usage.stdout.contains("\(Self.acute)t"), "\(usage.stdout)")
    }

    @Test func aNameStartingWithADotAndAMarkIsHidden() throws {
        let workspace = try workspace()
        try write(workspace, "processes/p/t.json", Self.input)
        try write(workspace, "processes/p/.\(Self.acute)t.json", Self.input)
        let render = try workspace.run(["render", "processes", "--out", "out"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(read(workspace, "out/p/t.json") == Self.rendered)
        #expect(read(workspace, "out/p/.\(Self.acute)t.json") == nil)
        #expect(try workspace.run(["validate"]).stderr.contains("unread-file"))
    }

    @Test func anOutputInAVaultFolderWhoseNameStartsWithAMarkIsRefused() throws {
        let workspace = try workspace()
        try write(workspace, "in.json", Self.input)
        let folder = "vault/\(Self.acute)d"
        #expect(mkdir(workspace.root.path + "/" + folder, 0o700) == 0)
        let render = try workspace.run(["render", "in.json", "--out", folder + "/out.json"])
        #expect(render.status == 2, "\(render.stderr)")
        #expect(render.stderr.contains("vault"), "\(render.stderr)")
        #expect(read(workspace, folder + "/out.json") == nil)
    }

    /// A staged file in `vault/` whose name starts with a combining mark is a vault file
    /// with a bad name, as `validate` says, not a file outside the vault.
    @Test func theHookChecksAVaultFileWhoseNameStartsWithAMark() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp-password")])
        try workspace.commitAll("vault")
        let path = "vault/\(Self.acute)X.yaml"
        try write(workspace, path, read(workspace, "vault/FTP_PASSWORD.yaml") ?? "")
        try workspace.git(["add", "--", path])
        let hook = try workspace.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains(": secret-name: "), "\(hook.stderr)")
    }

    /// An allow-list entry for one spelling of a file name silences nothing in the file
    /// spelt the other way (found by the second fresh tester: it did).
    @Test func anAllowListEntryNamesOneSpellingOnly() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write(
            ".tresor-allow.yaml",
            """
            allow:
              - file: processes/p/\(Self.composed).json
                field: key
                rule: plaintext-credential
                reason: a column name, not a key
            """)
        try workspace.commitAll("vault")
        try write(workspace, "processes/p/\(Self.decomposed).json", #"{"key": "customer_id"}"#)
        try workspace.git(["add", "-A"])
        let hook = try workspace.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains("plaintext-credential"), "\(hook.stderr)")
        #expect(!hook.stderr.contains("allowed by"), "\(hook.stderr)")
    }

    /// `core.hooksPath` is used as git prints it: a folder name ending in a space and a
    /// combining mark keeps both (trimming took them, and the hook landed elsewhere).
    @Test func theHookIsInstalledWhereCoreHooksPathSays() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        let folder = workspace.root.path + "/hooks \(Self.acute)"
        try workspace.git(["config", "core.hooksPath", folder])
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(access(folder + "/pre-commit", F_OK) == 0, "\(install.stderr)")
        #expect(access(workspace.root.path + "/hooks/pre-commit", F_OK) != 0)
    }

    /// A process folder spelt as the other form of the vault folder's name is another
    /// folder: deploy reads it as validate and render do (it refused it as the vault).
    @Test func aProcessFolderThatIsTheVaultsTwinIsNotTheVault() throws {
        let workspace = try Workspace()
        let initRun = try workspace.run(["--vault", Self.composed, "init"])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        let create = try workspace.run(
            [
                "--vault", Self.composed, "create", "FTP_PASSWORD", "--type", "password",
                "--display-name", "ftp",
            ], value: "fake-ftp-password")
        #expect(create.status == 0, "\(create.stderr)")
        try write(workspace, "\(Self.decomposed)/p/t.json", Self.input)
        let deploy = try workspace.run(
            ["--vault", Self.composed, "deploy", "--processes", Self.decomposed, "--out", "out"])
        #expect(deploy.status == 0, "\(deploy.stderr)")
        #expect(read(workspace, "out/processes/p/t.json") == Self.rendered)
    }

    /// A process whose id is the other spelling of a deployed one is not deployed yet.
    @Test func usageListsATwinOfADeployedProcessAsNotDeployed() throws {
        let workspace = try workspace()
        try write(workspace, "processes/\(Self.composed)/a.json", Self.input)
        let deploy = try workspace.run(["deploy", "--out", "out"])
        #expect(deploy.status == 0, "\(deploy.stderr)")
        try write(workspace, "processes/\(Self.decomposed)/a.json", Self.input)
        let usage = try workspace.run(["usage", "FTP_PASSWORD"])
        #expect(usage.status == 0, "\(usage.stderr)")
        let lines = Array(usage.stdoutBytes).split(separator: 0x0A)
        let twin = lines.filter { $0.holdsBytes(of: "process \(Self.decomposed) ") }
        let deployed = lines.filter { $0.holdsBytes(of: "process \(Self.composed) ") }
        #expect(twin.count == 1 && twin.allSatisfy { $0.holdsBytes(of: "(not deployed yet)") })
        #expect(
            deployed.count == 1 && deployed.allSatisfy { !$0.holdsBytes(of: "(not deployed yet)") })
    }

    @Test func anOutputFileWhoseNameStartsWithAMarkIsWrittenWhereItsPathSays() throws {
        let workspace = try workspace()
        try write(workspace, "in.json", Self.input)
        #expect(mkdir(workspace.root.path + "/c", 0o700) == 0)
        let output = "c/\(Self.acute)o.json"
        let render = try workspace.run(["render", "in.json", "--out", output])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(read(workspace, output) == Self.rendered)
    }
}

extension Collection<UInt8> {
    /// True when the UTF-8 of `text` appears in these bytes as it is: `String`'s `contains`
    /// would take either spelling of an accented letter for the other.
    func holdsBytes(of text: String) -> Bool {
        let (all, part) = (Array(self), Array(text.utf8))
        guard all.count >= part.count else { return false }
        return (0...(all.count - part.count)).contains { Array(all[$0..<$0 + part.count]) == part }
    }
}

/// A repository whose top folder's name ends in a line feed, beside one named without it:
/// git prints the name with its own line feed after it, and the commands took the two for
/// one, so the hook was installed into, and checked the index of, the other (found by a
/// fresh tester).
@Suite struct LineFeedNamedRepositoryTests {
    @Test func theHookIsInstalledIntoAndChecksTheRepositoryItRunsIn() throws {
        let workspace = try Workspace()
        workspace.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for name in ["r\n", "r"] {
            #expect(
                try workspace.run(["init", "-q", name], executable: "/usr/bin/git").status == 0)
        }
        let top = "r\n"
        for setting in [["user.email", "alice@example.com"], ["user.name", "Alice"]] {
            let set = try workspace.run(["config"] + setting, in: top, executable: "/usr/bin/git")
            #expect(set.status == 0, "\(set.stderr)")
        }
        #expect(try workspace.run(["init"], in: top).status == 0)
        let install = try workspace.run(["hook", "install"], in: top)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(workspace.exists(top + "/.git/hooks/pre-commit"))
        #expect(!workspace.exists("r/.git/hooks/pre-commit"))
        try workspace.write(top + "/processes/b.json", #"{"password": "fake-Plain-Pass-789"}"#)
        #expect(try workspace.run(["add", "-A"], in: top, executable: "/usr/bin/git").status == 0)
        let hook = try workspace.run(["hook", "pre-commit"], in: top)
        #expect(hook.status == 1, "\(hook.output)")
        #expect(hook.stderr.contains("plaintext-credential"), "\(hook.stderr)")
    }
}

/// A folder whose path is not UTF-8 was read with U+FFFD for its bytes: `r\xff` was taken
/// for a twin folder `r\u{FFFD}`, whose vault got the value and whose index the hook
/// checked (found by a fresh tester). No command that reads paths runs there.
@Suite struct NonUTF8WorkingFolderTests {
    @Test func commandsRefuseToRunInAFolderWhosePathIsNotUTF8() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["init"], in: nil).status == 0)
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("r\u{FFFD}"),
            withIntermediateDirectories: true)
        #expect(try workspace.run(["init"], in: "r\u{FFFD}").status == 0)
        let script = """
            mkdir "$(printf 'r\\377')" && cd "$(printf 'r\\377')" || exit 99
            printf fake-twin-value-1 | "$1" create FROM_FF --type password --display-name X
            """
        let run = try workspace.run(
            ["-c", script, "sh", Workspace.binary], executable: "/bin/sh")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stderr.contains("the path of the current folder is not UTF-8"), "\(run.stderr)")
        #expect(run.stderr.contains(#"/r\xff"#), "\(run.stderr)")
        #expect(!workspace.exists("r\u{FFFD}/vault/FROM_FF.yaml"))
        #expect(!workspace.exists("vault/FROM_FF.yaml"))
        let version = try workspace.run(
            ["-c", "cd \"$(printf 'r\\377')\" && \"$1\" --version", "sh", Workspace.binary],
            executable: "/bin/sh")
        #expect(version.status == 0, "\(version.output)")
    }

    /// A folder deleted under the shell gave "no vault found in  or any parent folder",
    /// with no path (found by a fresh tester).
    @Test func commandsInADeletedFolderSaySo() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["init"], in: nil).status == 0)
        let script = "mkdir gone && cd gone && rmdir ../gone && \"$1\" list"
        let run = try workspace.run(["-c", script, "sh", Workspace.binary], executable: "/bin/sh")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stderr.contains("the current folder cannot be read"), "\(run.stderr)")
        #expect(run.stderr.contains("deleted or moved"), "\(run.stderr)")
        // A path longer than getcwd takes is not called deleted (found by a second one).
        let deep = """
            import os, sys
            for _ in range(22):
                os.mkdir("d" * 200)
                os.chdir("d" * 200)
            os.execv(sys.argv[1], [sys.argv[1], "list"])
            """
        let long = try workspace.run(
            ["-c", deep, Workspace.binary], executable: "/usr/bin/python3")
        #expect(long.status == 6, "\(long.output)")
        #expect(long.stderr.contains("is longer than 4095 bytes"), "\(long.stderr)")
        #expect(!long.stderr.contains("deleted"), "\(long.stderr)")
        // Removed with file descriptors: its path is too long for a path-based removal.
        let clean = "import shutil, sys; shutil.rmtree(sys.argv[1])"
        try workspace.run(
            ["-c", clean, String(repeating: "d", count: 200)], executable: "/usr/bin/python3")
    }

    /// An argument that is not UTF-8 named the U+FFFD twin too: `--vault a\xff/vault`
    /// sealed into `a\u{FFFD}/vault` (found by a fresh tester). It is refused, unshown.
    @Test func argumentsThatAreNotUTF8AreRefused() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("a\u{FFFD}"),
            withIntermediateDirectories: true)
        #expect(try workspace.run(["init"], in: "a\u{FFFD}").status == 0)
        let script = """
            printf fake-twin-value-2 | "$1" --vault "$(printf 'a\\377')/vault" create X1 \\
                --type password --display-name x
            """
        let run = try workspace.run(["-c", script, "sh", Workspace.binary], executable: "/bin/sh")
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("argument 2 is not UTF-8"), "\(run.stderr)")
        #expect(!workspace.exists("a\u{FFFD}/vault/X1.yaml"))
    }
}
