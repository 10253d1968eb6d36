import Foundation
import Testing

@testable import TresorKit

/// An output reached through a second path to a protected folder (a bind mount resolves to
/// itself, so comparing paths cannot see it) is refused by device and inode (found by a
/// fresh tester, who rendered plaintext into the process folder this way).
@Suite struct BindMountOutputTests {
    /// Mounts `source` on `target` with `mount --bind`; false when it fails.
    static func bind(_ source: String, on target: String) -> Bool {
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["--bind", source, target]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        return mount.terminationStatus == 0
    }

    static func unmount(_ target: String) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [target]
        try? umount.run()
        umount.waitUntilExit()
    }

    /// Root may mount (the test set-up and CI run as root; others skip the test).
    @Test(.enabled(if: getuid() == 0, "mounting needs root"))
    func outputInsideTheProcessFolderThroughABindMountIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("BIND_TOKEN", "token", "fake-bind")])
        try workspace.write("processes/p.json", #"{"a": "{{secret:BIND_TOKEN}}"}"#)
        try workspace.write("elsewhere/.keep", "")
        let mounted = workspace.root.appendingPathComponent("elsewhere").path
        let processes = workspace.root.appendingPathComponent("processes").path
        try #require(Self.bind(processes, on: mounted))
        defer { Self.unmount(mounted) }
        for (output, words) in [
            ("elsewhere/out", "lies inside"), ("elsewhere", "is, or lies inside"),
        ] {
            let run = try workspace.run(["render", "processes", "--out", output])
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains(words), "\(run.stderr)")
            #expect(run.stderr.contains("reached by another path"), "\(run.stderr)")
        }
        // The vault too, and a file output inside it.
        try workspace.write("other/.keep", "")
        let other = workspace.root.appendingPathComponent("other").path
        try #require(Self.bind(workspace.root.appendingPathComponent("vault").path, on: other))
        defer { Self.unmount(other) }
        let run = try workspace.run(["render", "processes/p.json", "--out", "other/p.json"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!workspace.exists("vault/p.json"))
        #expect(!workspace.exists("processes/out"))
    }

    /// A subfolder of a protected folder mounted elsewhere: no path above the output
    /// leads to the protected folder (found by a second fresh tester).
    @Test(.enabled(if: getuid() == 0, "mounting needs root"))
    func outputInAMountedSubfolderOfTheProcessFolderIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("SUB_TOKEN", "token", "fake-sub")])
        try workspace.write("processes/sub/p.json", #"{"a": "{{secret:SUB_TOKEN}}"}"#)
        try workspace.write("m/sub/.keep", "")
        let mounted = workspace.root.appendingPathComponent("m/sub").path
        try #require(
            Self.bind(workspace.root.appendingPathComponent("processes/sub").path, on: mounted))
        defer { Self.unmount(mounted) }
        let run = try workspace.run(["render", "processes", "--out", "m/sub/out"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("processes/sub, reached by another path"), "\(run.stderr)")
        #expect(!workspace.exists("processes/sub/out"))
    }

    /// `--force` removed the earlier output through a mount inside it, emptying the vault
    /// mounted there (found by a second fresh tester).
    @Test(.enabled(if: getuid() == 0, "mounting needs root"))
    func forceNeverRemovesThroughAMountInsideTheEarlierOutput() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        try workspace.write("processes/p.json", #"{"a": "{{secret:KEPT_TOKEN}}"}"#)
        let outside = try Workspace()
        let out = outside.root.appendingPathComponent("out").path
        #expect(try workspace.run(["render", "processes", "--out", out]).status == 0)
        try FileManager.default.createDirectory(
            atPath: out + "/vb", withIntermediateDirectories: true)
        try #require(
            Self.bind(workspace.root.appendingPathComponent("vault").path, on: out + "/vb"))
        defer { Self.unmount(out + "/vb") }
        let before = workspace.vaultSnapshot()
        let run = try workspace.run(["render", "processes", "--out", out, "--force"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("a file system is mounted inside it"), "\(run.stderr)")
        #expect(workspace.vaultSnapshot() == before)
        // The removal refuses by itself too.
        #expect(!FileTree.remove(out))
        #expect(workspace.vaultSnapshot() == before)
    }
}

/// An earlier render's output inside the process folder (copied there, or written through a
/// bind mount before the guard compared inodes) holds plaintext: `validate` reports it as
/// an error, and render and deploy refuse to copy it into a new output (found by a fresh
/// tester).
@Suite struct EarlierOutputInProcessFolderTests {
    @Test func validateRenderAndDeployRefuseAnEarlierOutputInTheProcessFolder() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("EARLY_TOKEN", "token", "fake-early-out")])
        try workspace.write("processes/p.json", #"{"a": "{{secret:EARLY_TOKEN}}"}"#)
        #expect(try workspace.run(["render", "processes", "--out", "first"]).status == 0)
        try FileManager.default.copyItem(
            at: workspace.root.appendingPathComponent("first"),
            to: workspace.root.appendingPathComponent("processes/old"))
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1, "\(validate.output)")
        #expect(
            validate.output.contains(
                "processes/old:1:1: unread-file: an earlier render's output"))
        for arguments in [
            ["render", "processes", "--out", "second"], ["deploy", "--out", "third"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.contains("it holds old, an earlier render's output"), "\(run.stderr)")
            #expect(!run.output.contains("fake-early-out"))
        }
        #expect(!workspace.exists("second"))
        #expect(!workspace.exists("third"))
    }
}
