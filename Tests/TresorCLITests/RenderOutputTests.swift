import Foundation
import Testing

/// Where `render` may write: never over the vault, the process files or their folders,
/// however the path is spelled, and over an existing output only with `--force`.
@Suite struct RenderOutputTests {
    func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        return workspace
    }

    /// A render onto its own input is refused, and the hint names the input among the
    /// places an output may not go (found by an eighteenth fresh tester).
    @Test func neverWritesOverItsInput() throws {
        let workspace = try workspace()
        try workspace.write("in.json", #"{"a": "{{secret:KNOWN}}"}"#)
        let run = try workspace.run(["render", "in.json", "--out", "in.json", "--force"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("away from the input, the process folder"), "\(run.stderr)")
        #expect(try workspace.read("in.json") == Data(#"{"a": "{{secret:KNOWN}}"}"#.utf8))
    }

    /// A FIFO or device at `--out` is never renamed over, not even with `--force`: it
    /// would turn into a file of plaintext (for `/dev/null` as root, system-wide).
    @Test func neverReplacesADeviceOrAFIFO() throws {
        let workspace = try workspace()
        let fifo = workspace.root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [
            ["render", "processes/p/t.json", "--out", fifo, "--force"],
            ["dotenv", "--out", fifo, "--force"], ["report", "--out", fifo],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("it is a FIFO, not a regular file"), "\(run.stderr)")
            #expect(!run.stderr.contains("--force"), "\(run.stderr)")
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        }
        let run = try workspace.run(["render", "processes/p/t.json", "--out", "/dev/null"])
        #expect(run.status == 2 && run.stderr.contains("a character device"), "\(run.stderr)")
    }

    @Test func outDashIsAUsageErrorNotAFileNamedDash() throws {
        let workspace = try workspace()
        for arguments in [
            ["render", "processes/p/t.json", "--out", "-"], ["dotenv", "--out=-"],
            ["report", "--out", "-"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("leave out --out"), "\(run.stderr)")
        }
        #expect(!workspace.exists("-"))
    }

    @Test func neverReplacesTheVaultOrTheProcessFolder() throws {
        let workspace = try workspace()
        let vaultBefore = try workspace.read("vault/vault.yaml")
        for out in ["vault", ".", "processes", "processes/x", "vault/x", ".."] {
            let run = try workspace.run(["render", "processes", "--out", out, "--force"])
            #expect(run.status == 2, "\(out): \(run.stderr)")
            #expect(run.stderr.contains("refusing to write"))
        }
        let inside = try workspace.run(["render", ".", "--out", "x"], in: "processes")
        #expect(inside.status == 2)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.root.appendingPathComponent("link").path,
            withDestinationPath: workspace.root.appendingPathComponent("processes").path)
        #expect(try workspace.run(["render", "processes", "--out", "link/x"]).status == 2)
        #expect(try workspace.run(["render", "link", "--out", "processes/y"]).status == 2)
        #expect(try workspace.read("vault/vault.yaml") == vaultBefore)
        #expect(!workspace.exists("processes/x") && !workspace.exists("processes/y"))
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func neverOverwritesTheInputOrAnExistingFileUnasked() throws {
        let workspace = try workspace()
        let template = try workspace.read("processes/p/t.json")
        let onto = try workspace.run([
            "render", "processes/p/t.json", "--out", "processes/p/t.json", "--force",
        ])
        #expect(onto.status == 2)
        #expect(try workspace.read("processes/p/t.json") == template)
        try workspace.write("existing.json", "keep me")
        let existing = try workspace.run(["render", "processes/p/t.json", "--out", "existing.json"])
        #expect(existing.status == 1)
        #expect(existing.stderr.contains("--force"))
        #expect(try workspace.read("existing.json") == Data("keep me".utf8))
        let forced = try workspace.run([
            "render", "processes/p/t.json", "--out", "existing.json", "--force",
        ])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try workspace.read("existing.json") == Data(#"{"a": "fake-known"}"#.utf8))
    }

    /// A folder render onto a file says so, rather than ask for the `--force` it was given.
    @Test func aFolderRenderOntoAFileSaysItIsAFile() throws {
        let workspace = try workspace()
        try workspace.write("existing.json", "kept")
        let run = try workspace.run(["render", "processes", "--out", "existing.json", "--force"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("it is a file"), "\(run.stderr)")
        #expect(!run.stderr.contains("pass --force"), "\(run.stderr)")
        #expect(try workspace.read("existing.json") == Data("kept".utf8))
    }

    /// An output in a folder that does not exist names the output and says what to check.
    @Test func anOutputInAMissingFolderNamesTheOutput() throws {
        let workspace = try workspace()
        let run = try workspace.run(["render", "processes/p/t.json", "--out", "missing/y.json"])
        #expect(run.status == 6, "\(run.stderr)")
        #expect(run.stderr.contains("missing/y.json:"), "\(run.stderr)")
        #expect(!run.stderr.contains(".tmp-"), "\(run.stderr)")
        #expect(run.stderr.contains("check that the folder it goes in exists"), "\(run.stderr)")
        for command in [["render", "processes"], ["deploy"]] {
            let folder = try workspace.run(command + ["--out", "missing/deep/out"])
            #expect(folder.status == 6, "\(command): \(folder.stderr)")
            #expect(folder.stderr.contains("missing/deep/out:"), "\(command): \(folder.stderr)")
            #expect(!folder.stderr.contains(".tmp-"), "\(command): \(folder.stderr)")
        }
    }

    @Test func forceReplacesOnlyFoldersAnEarlierRenderWrote() throws {
        let workspace = try workspace()
        try workspace.write("mine/notes.txt", "not a render")
        try workspace.write("hidden/.git/config", "[core]")
        let foreign = try workspace.run(["render", "processes", "--out", "mine", "--force"])
        #expect(foreign.status == 2)
        #expect(try workspace.read("mine/notes.txt") == Data("not a render".utf8))
        let hidden = try workspace.run(["render", "processes", "--out", "hidden", "--force"])
        #expect(hidden.status == 2)
        #expect(workspace.exists("hidden/.git/config"))
        #expect(try workspace.run(["render", "processes", "--out", "out"]).status == 0)
        #expect(workspace.exists("out/.tresor-render"))
        #expect(try workspace.run(["render", "processes", "--out", "out"]).status == 1)
        #expect(try workspace.run(["render", "processes", "--out", "out", "--force"]).status == 0)
        // A marker made by hand (empty, or a FIFO) does not let --force replace a folder.
        try workspace.write("forged/keepme", "keep")
        try workspace.write("forged/.tresor-render", "")
        let forged = try workspace.run(["render", "processes", "--out", "forged", "--force"])
        #expect(forged.status == 2, "\(forged.stderr)")
        #expect(workspace.exists("forged/keepme"))
    }

    /// A `--force` render by an ordinary user over an earlier output holding a folder made
    /// read-only removes the earlier output all the same. Found by a fresh tester: it
    /// stayed beside the new one, rendered values and all, and the render said nothing.
    @Test func forceRemovesAnEarlierOutputWithAReadOnlyFolder() throws {
        // Root may remove anything: the render runs as `nobody`.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        else { return }
        let workspace = try workspace()
        let outputs = workspace.root.appendingPathComponent("outputs").path
        try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: false)
        #expect(chown(outputs, 65534, 65534) == 0)
        let render = {
            try workspace.runAsNobody(["render", "processes", "--out", "outputs/r", "--force"])
        }
        let first = try render()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(chmod(outputs + "/r/p", 0o500) == 0)
        let second = try render()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs) == ["r"])
    }

    /// A control character in `--out` is shown as an escape in the lines that name the
    /// output, as it is in error messages (found by a fresh tester: the success line printed
    /// it raw, so a name could drive the terminal).
    @Test func theOutputIsNamedWithItsControlCharactersEscaped() throws {
        let workspace = try workspace()
        let out = "x\u{1B}[31mred\nline"
        for arguments in [
            ["render", "processes", "--out", out], ["deploy", "--out", out + "-d"],
        ] {
            let run = try workspace.run(arguments + ["--verbose"])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("\u{1B}"), "\(run.stderr)")
            #expect(run.stderr.contains(#"x\x1b[31mred\nline"#), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("tresor: ") })
        }
    }

    /// An empty output folder is rendered into, not replaced: a render works where the
    /// folder cannot be renamed or have a sibling (found by a fresh tester: an empty
    /// folder in a folder the user cannot write, and a mount point, failed).
    @Test func anEmptyFolderInAFolderTheUserCannotWriteIsRenderedInto() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        else { return }
        let workspace = try workspace()
        let locked = workspace.root.appendingPathComponent("locked").path
        try FileManager.default.createDirectory(
            atPath: locked + "/out", withIntermediateDirectories: true)
        #expect(chown(locked + "/out", 65534, 65534) == 0)
        #expect(chmod(locked, 0o555) == 0)
        // The second time over a folder of the first render made unreadable by its owner
        // (found by a second fresh tester: it had to move, and could not).
        for extra in [[], ["--force"], ["--force"]] {
            let run = try workspace.runAsNobody(
                ["render", "processes", "--out", "locked/out"] + extra)
            #expect(run.status == 0, "\(extra): \(run.stderr)")
            _ = try workspace.runAsNobody(["0", locked + "/out/p"], executable: "/bin/chmod")
            #expect(try workspace.read("locked/out/p/t.json") == Data(#"{"a": "fake-known"}"#.utf8))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: locked + "/out").sorted()
                    == [".tresor-render", "p"])
        }
    }

    /// A memory file system mounted for the plaintext, as the README advises, is rendered
    /// into, and a `--force` render replaces what an earlier one wrote there. Needs the
    /// right to mount (root in CI); elsewhere there is nothing to test.
    @Test func aMountPointIsRenderedInto() throws {
        let workspace = try workspace()
        let mountPoint = workspace.root.appendingPathComponent("memory").path
        try FileManager.default.createDirectory(
            atPath: mountPoint, withIntermediateDirectories: false)
        let mounted = try workspace.run(
            ["-t", "tmpfs", "none", mountPoint], executable: "/bin/mount")
        guard mounted.status == 0 else { return }
        defer { _ = try? workspace.run([mountPoint], executable: "/bin/umount") }
        #expect(try workspace.run(["render", "processes", "--out", "memory"]).status == 0)
        try workspace.write("processes/p/u.json", #"{"b": "{{secret:KNOWN}}"}"#)
        let again = try workspace.run(["render", "processes", "--out", "memory", "--force"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try workspace.read("memory/p/u.json") == Data(#"{"b": "fake-known"}"#.utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted()
                == [".tresor-render", "p"])
        #expect(try workspace.run(["render", "processes", "--out", "memory"]).status == 1)
    }

    /// A folder that holds anything but no render's marker is refused the same way with
    /// or without `--force`, exit 2, and not told to pass `--force` (found by a second
    /// fresh tester).
    @Test func aFolderNoRenderWroteIsRefusedWithOrWithoutForce() throws {
        let workspace = try workspace()
        try workspace.write("mine/.keep", "")
        for extra in [[], ["--force"]] {
            let run = try workspace.run(["render", "processes", "--out", "mine"] + extra)
            #expect(run.status == 2, "\(extra): \(run.stderr)")
            #expect(run.stderr.contains("not written by tresor render"), "\(run.stderr)")
        }
    }

    /// An output that is a symbolic link is refused, with or without `--force`, for a folder
    /// or a file render and for deploy, dangling or not: rendered through, its plaintext
    /// was stranded in the target by a later `--force`; replaced, the plaintext landed on
    /// the link's file system instead of its target's (found by fresh testers).
    @Test func anOutputThatIsALinkIsRefused() throws {
        let workspace = try workspace()
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("target"), withIntermediateDirectories: false)
        try workspace.write("file.json", "keep me")
        let target = workspace.root.appendingPathComponent("target").path
        for (name, destination) in [
            ("link", target),
            ("file-link.json", workspace.root.appendingPathComponent("file.json").path),
            ("dangling", workspace.root.appendingPathComponent("nowhere").path),
        ] {
            #expect(symlink(destination, workspace.root.appendingPathComponent(name).path) == 0)
        }
        for arguments in [
            ["render", "processes", "--out", "link"],
            ["render", "processes", "--out", "link", "--force"],
            ["deploy", "--out", "link"], ["render", "processes", "--out", "dangling"],
            ["render", "processes/p/t.json", "--out", "file-link.json", "--force"],
            ["render", "processes/p/t.json", "--out", "dangling"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("it is a symbolic link"), "\(arguments): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
        #expect(try workspace.read("file.json") == Data("keep me".utf8))
        for name in ["link", "file-link.json", "dangling"] {
            let path = workspace.root.appendingPathComponent(name).path
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil)
        }
        #expect(!workspace.exists("nowhere"))
    }
}
