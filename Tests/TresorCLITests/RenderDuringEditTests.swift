import Foundation
import Testing

/// Many readers while one writes: 16 renders at once, over and over, while the secrets
/// they use are edited. Every render succeeds and sees each value whole, old or new.
@Suite struct RenderDuringEditTests {
    static let names = ["FIRST_TOKEN", "SECOND_TOKEN", "THIRD_TOKEN"]

    @Test func sixteenRendersDuringEditsSeeOldOrNewValues() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.names.map { ($0, "token", "fake-\($0)-0") })
        let fields = Self.names.map { #""\#($0)": "{{secret:\#($0)}}""# }
        try workspace.write("in.json", "{" + fields.joined(separator: ", ") + "}")
        let allowed = Allowed(Self.names)
        let done = Flag()
        let writer = Thread {
            var round = 1
            while !done.isSet {
                let name = Self.names[round % Self.names.count]
                let value = "fake-\(name)-\(round)-" + String(repeating: "v", count: round % 97)
                allowed.add(name, value)
                _ = try? workspace.run(["edit", name, "--new-value"], value: value)
                _ = try? workspace.run(["edit", name, "--display-name", "Round \(round)"])
                round += 1
            }
        }
        writer.start()
        let deadline = Date().addingTimeInterval(6)
        let failures = ConcurrencyTests.together(16) { _ in
            while Date() < deadline {
                let run = try workspace.run(["render", "in.json"])
                guard run.status == 0 else { throw Failure("render failed: \(run.stderr)") }
                let object = try JSONSerialization.jsonObject(with: run.stdoutBytes)
                guard let values = object as? [String: String], values.count == 3 else {
                    throw Failure("torn output: \(run.stdout)")
                }
                for (name, value) in values where !allowed.contains(name, value) {
                    throw Failure("\(name) rendered a value never set")
                }
            }
        }
        done.set()
        while writer.isExecuting { usleep(10_000) }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(allowed.count > 10, "the writer made too few edits")
        #expect(try workspace.run(["validate"]).status == 0)
    }
}

/// The values each secret has been given so far, shared between threads.
final class Allowed: @unchecked Sendable {
    private var values: [String: Set<String>] = [:]
    private let lock = NSLock()

    init(_ names: [String]) {
        for name in names { values[name] = ["fake-\(name)-0"] }
    }

    func add(_ name: String, _ value: String) { lock.withLock { _ = values[name]?.insert(value) } }
    func contains(_ name: String, _ value: String) -> Bool {
        lock.withLock { values[name]?.contains(value) == true }
    }
    var count: Int { lock.withLock { values.values.map(\.count).reduce(0, +) } }
}

/// A flag one thread sets and others read.
final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
