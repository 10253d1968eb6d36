import Foundation
import Testing

/// Concurrency and leaks: two edits at once both land; a canary value appears nowhere but
/// in render's output.
@Suite struct SafetyTests {
    @Test func concurrentCreatesAndEditsAreAllKept() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("SHARED", "token", "fake-shared")])
        let group = DispatchGroup()
        let failures = Failures()
        for index in 0..<8 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                do {
                    let create = try workspace.run(
                        [
                            "create", "PARALLEL_\(index)", "--display-name", "P\(index)", "--type",
                            "token",
                        ],
                        value: "fake-\(index)")
                    let edit = try workspace.run([
                        "edit", "SHARED", "--display-name", "Edit \(index)",
                    ])
                    if create.status != 0 || edit.status != 0 {
                        failures.add(create.stderr + edit.stderr)
                    }
                } catch { failures.add("\(error)") }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let list = try workspace.run(["list", "PARALLEL"])
        #expect(list.stdout.split(separator: "\n").count == 8)
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func canaryValueNeverLeavesRender() throws {
        let canary = "fake-CANARY-7f3a9"
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CANARY_TOKEN", "token", canary)])
        try workspace.write("canary.txt", canary)
        try workspace.run([
            "edit", "CANARY_TOKEN", "--value-file", "canary.txt", "--display-name", "Canary",
        ])
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("canary.txt"))
        try workspace.write(
            "processes/p/t.json", #"{"a": "{{secret:CANARY_TOKEN}}", "b": "{{secret:NOPE}}"}"#)
        let runs = try [
            ["list"], ["list", "--json"], ["show", "CANARY_TOKEN"],
            ["show", "CANARY_TOKEN", "--json"],
            ["usage"], ["usage", "--json"], ["validate"], ["validate", "--json"],
            ["render", "processes", "--out", "out"], ["edit", "CANARY_TOKEN", "--type", "port"],
            ["delete", "CANARY_TOKEN", "--verbose"],
        ].map { try workspace.run($0 + ["--verbose"]) }
        for run in runs { #expect(!run.output.contains(canary)) }
        for (path, data) in workspace.allFiles() {
            #expect(!String(decoding: data, as: UTF8.self).contains(canary), "\(path)")
        }
    }
}

/// Failures collected from concurrent work.
final class Failures: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
