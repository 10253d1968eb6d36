import Foundation
import Testing

/// A canary value, set through every path (standard input, prompt, value file, edit),
/// never shows outside render's output: not in any command's output or `--json`, not in
/// the process list while a command runs, not in temporary files, not in the repository.
@Suite struct LeakTests {
    static let canary = "fake-CANARY-leak-5d1"

    /// Every command but render, with and without `--json` and `--verbose`.
    static let readers: [[String]] = [
        ["list"], ["list", "--json"], ["list", "CANARY"], ["show", "CANARY_TOKEN"],
        ["show", "CANARY_TOKEN", "--json"], ["usage"], ["usage", "--json"], ["validate"],
        ["validate", "--json"], ["edit", "CANARY_TOKEN", "--type", "password"],
        ["edit", "CANARY_TOKEN", "--type", "port"], ["help", "create"],
    ]

    /// The canary typed twice at the prompt of `tresor ARGUMENTS` under a pseudo-terminal,
    /// from a file, so that no command line of the test itself holds it.
    func typed(_ workspace: Workspace, _ arguments: String) throws -> Workspace.Run {
        try workspace.write("typed.txt", "\(Self.canary)\n\(Self.canary)\n")
        defer { try? FileManager.default.removeItem(atPath: workspace.root.path + "/typed.txt") }
        let command = "\(Workspace.binary) \(arguments)"
        let shell = "(sleep 2; cat typed.txt) | script -qec '\(command)' /dev/null"
        return try workspace.run(["-c", shell], executable: "/bin/sh")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/script")))
    func canaryThroughEveryInputPathStaysInside() throws {
        let workspace = try Workspace()
        try workspace.write("tmp/.keep", "")
        workspace.environment["TMPDIR"] = workspace.root.appendingPathComponent("tmp").path
        try workspace.initVault()
        let watch = CommandLineWatch(needle: Self.canary)
        watch.start()
        var runs: [Workspace.Run] = []
        runs.append(
            try workspace.run(
                ["create", "CANARY_TOKEN", "--display-name", "Canary", "--type", "token"],
                value: Self.canary + "\n"))
        runs.append(
            try typed(workspace, "create TYPED_TOKEN --display-name Typed --type token"))
        runs.append(try typed(workspace, "edit TYPED_TOKEN --new-value"))
        runs.append(try workspace.run(["edit", "CANARY_TOKEN", "--new-value"], value: Self.canary))
        try workspace.write("value.txt", Self.canary)
        runs.append(
            try workspace.run(["edit", "CANARY_TOKEN", "--value-file", "value.txt", "-v"]))
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("value.txt"))
        try workspace.write(
            "processes/p/t.json",
            #"{"a": "{{secret:CANARY_TOKEN}}", "b": "{{secret:TYPED_TOKEN}}"}"#)
        try workspace.write(
            "processes/p/bad.json", #"{"a": "{{secret:CANARY_TOKEN}} {{secret:NO}}"}"#)
        runs += try Self.readers.map { try workspace.run($0 + ["--verbose"]) }
        runs.append(try workspace.run(["render", "processes", "--out", "rendered"]))
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/p/bad.json"))
        let render = try workspace.run(["render", "processes/p/t.json", "--out", "out.json"])
        #expect(render.status == 0, "\(render.stderr)")
        let output = String(decoding: try workspace.read("out.json"), as: UTF8.self)
        #expect(output.components(separatedBy: Self.canary).count == 3, "prompted values")
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("out.json"))
        runs.append(try workspace.run(["delete", "CANARY_TOKEN", "--yes", "--verbose"]))
        watch.stop()
        #expect(watch.seen.isEmpty, "in the process list: \(watch.seen)")
        for run in runs { #expect(!run.output.contains(Self.canary), "\(run.output)") }
        for (path, data) in workspace.allFiles() {
            #expect(!data.contains(Data(Self.canary.utf8)), "\(path)")
        }
    }
}

/// Polls `/proc/*/cmdline` of every process while commands run, recording any that holds
/// the needle.
final class CommandLineWatch: @unchecked Sendable {
    let needle: Data
    private let lock = NSLock()
    private var found: [String] = []
    private var running = true
    private var thread: Thread?

    init(needle: String) { self.needle = Data(needle.utf8) }

    var seen: [String] { lock.withLock { found } }

    func start() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                scan()
                usleep(1_000)
            }
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
        while thread?.isFinished == false { usleep(1_000) }
    }

    private func scan() {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in pids where pid.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                data.range(of: needle) != nil
            else { continue }
            lock.withLock { found.append(String(decoding: data, as: UTF8.self)) }
        }
    }
}
