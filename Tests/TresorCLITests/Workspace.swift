import Foundation
import Testing

/// A temporary folder with its own configuration home, in which tests run the built
/// `tresor` binary as a user would. Every test gets a fresh one, so tests run in parallel.
final class Workspace: @unchecked Sendable {
    let root: URL
    let config: URL
    var environment: [String: String]

    /// The package's top folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug binary `swift build` produced (the test command builds it first).
    static let binary = packageRoot.appendingPathComponent(".build/debug/tresor").path

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-test-\(UUID().uuidString)")
        config = root.appendingPathComponent(".config-home")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        environment = [
            "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_CONFIG_HOME": config.path,
            "USER": "tester", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8",
        ]
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Ignores SIGPIPE in the test process, once: a write to a pipe nobody reads fails.
    private static let brokenPipesFail: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// The result of one run.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutBytes: Data

        var output: String { stdout + stderr }
    }

    /// Runs `tresor ARGUMENTS` in the workspace (or `folder` under it) with `input` piped
    /// to standard input.
    @discardableResult
    func run(
        _ arguments: [String], input: Data = Data(), in folder: String? = nil,
        environment extra: [String: String] = [:], executable: String = Workspace.binary
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder.map { root.appendingPathComponent($0) } ?? root
        process.environment = environment.merging(extra) { $1 }
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // A command may end before it reads its input (a name it refuses): the write then
        // fails, and must not end this process with SIGPIPE (a CI run died of it).
        _ = Self.brokenPipesFail
        // Standard input is written, and standard error read, beside the read of standard
        // output: one after another, a command writing more than a pipe holds to one
        // while the test waited on the other never ended.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let errors = Locked(Data())
        let reader = Thread { errors.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        writer.start()
        reader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished || !writer.isFinished { usleep(1000) }
        let err = errors.get()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out)
    }

    /// `run` with a text value piped in.
    @discardableResult
    func run(_ arguments: [String], value: String) throws -> Run {
        try run(arguments, input: Data(value.utf8))
    }

    /// Writes a file under the workspace, creating folders.
    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every file under the workspace, with its contents, for leak checks.
    func allFiles() -> [(String, Data)] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var result: [(String, Data)] = []
        while let path = enumerator?.nextObject() as? String {
            if let data = try? read(path) { result.append((path, data)) }
        }
        return result
    }

    /// `init` plus the given secrets, created through standard input.
    func initVault(secrets: [(String, String, String)] = []) throws {
        let initRun = try run(["init"])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        for (name, type, value) in secrets {
            let result = try run(
                ["create", name, "--display-name", "Test \(name)", "--type", type], value: value)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}

/// A value handed from a reading thread to the test.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func set(_ new: Value) { lock.withLock { value = new } }

    func get() -> Value { lock.withLock { value } }
}
