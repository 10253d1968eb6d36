import Foundation
import Testing

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
