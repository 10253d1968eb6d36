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

/// The prompt path: standard input is a terminal (a pseudo-terminal from `script`), the
/// value is asked twice with echo off and never shows on the terminal.
@Suite struct PromptTests {
    func typed(_ workspace: Workspace, _ lines: String, _ arguments: String) throws -> Workspace.Run
    {
        let command = "\(Workspace.binary) \(arguments)"
        let shell = "(sleep 2; printf '\(lines)') | script -qec '\(command)' /dev/null"
        return try workspace.run(["-c", shell], executable: "/bin/sh")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/script")))
    func promptedValueIsStoredAndNeverEchoed() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let run = try typed(
            workspace, "fake-typed-canary\\nfake-typed-canary\\n",
            "create TYPED_PASSWORD --display-name Typed --type password")
        #expect(run.stdout.contains("Value for TYPED_PASSWORD"), "\(run.output)")
        #expect(!run.output.contains("fake-typed-canary"))
        try workspace.write("in.json", #"{"p": "{{secret:TYPED_PASSWORD}}"}"#)
        #expect(try workspace.run(["render", "in.json"]).stdout == #"{"p": "fake-typed-canary"}"#)
        let mismatch = try typed(
            workspace, "fake-one\\nfake-two\\n",
            "create OTHER_PASSWORD --display-name Other --type password")
        #expect(mismatch.output.contains("the two values differ"))
        #expect(!workspace.exists("vault/OTHER_PASSWORD.yaml"))
        // An empty first answer ends the prompt at once, without asking again.
        let empty = try typed(
            workspace, "\\n", "create EMPTY_PASSWORD --display-name Empty --type password")
        #expect(empty.output.contains("empty"), "\(empty.output)")
        #expect(!empty.output.contains("Again"), "\(empty.output)")
        #expect(!workspace.exists("vault/EMPTY_PASSWORD.yaml"))
    }
}
