import Foundation
import Testing

@testable import TresorKit

/// A real `tresor` killed with SIGKILL at random moments, hundreds of times, while it
/// creates, edits and deletes secrets: every secret file is always a whole old or new
/// version, the next command never waits on a dead process's lock, and `validate` passes.
@Suite struct KillTests {
    static let iterations = 300
    /// Kills the test needs to mean something. How many of `iterations` runs are killed
    /// depends on how steady the machine is (other tests run beside it), so the test goes
    /// on, up to three times as long, until it has them.
    static let minimumKills = iterations / 5

    @Test func killedWritesLeaveOldOrNewFiles() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("EDITED_TOKEN", "token", "fake-v0")])
        let state = try KillState(workspace)
        var killed = 0
        let typical = try state.typicalDuration()
        for iteration in 0..<(3 * Self.iterations) {
            if iteration >= Self.iterations, killed >= Self.minimumKills { break }
            let operation = state.nextOperation(iteration)
            let process = try state.launch(operation)
            // Writes come last: most kills land in the second half of a typical run.
            let delay = typical * (Bool.random() ? .random(in: 0...1.3) : .random(in: 0.6...1.2))
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                // Exit 0 also proves no run waited out a dead lock (that ends with exit 5).
                #expect(process.terminationStatus == 0, "\(operation.arguments)")
            }
            try state.check(iteration)
            if iteration % 100 == 99 { #expect(try workspace.run(["validate"]).status == 0) }
        }
        #expect(killed >= Self.minimumKills, "only \(killed) runs were killed")
        let edit = try workspace.run(["edit", "EDITED_TOKEN", "--display-name", "After"])
        #expect(edit.status == 0)
        let leftovers = workspace.vaultSnapshot().keys.filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files of killed writes remain: \(leftovers)")
    }
}

/// What the kill test knows: the values each secret may hold, and how to check the vault.
final class KillState {
    struct Operation {
        let arguments: [String]
        let input: String
    }

    let workspace: Workspace
    let vault: Vault
    let key: MasterKey
    /// Every value ever submitted for each name, whether or not its run completed.
    var allowed: [String: Set<String>] = ["EDITED_TOKEN": ["fake-v0"]]

    init(_ workspace: Workspace) throws {
        self.workspace = workspace
        vault = try Vault(folder: workspace.root.appendingPathComponent("vault").path)
        let environment = TresorEnvironment(
            variables: workspace.environment, currentDirectory: workspace.root.path)
        key = try KeyStore.load(for: vault.config.keyID, environment: environment).key
    }

    /// The median time of a few unkilled runs, the range kills are spread over.
    func typicalDuration() throws -> Double {
        var times: [Double] = []
        for index in 0..<5 {
            let started = Date()
            let process = try launch(nextOperation(KillTests.iterations + index))
            process.waitUntilExit()
            times.append(Date().timeIntervalSince(started))
        }
        return times.sorted()[2]
    }

    func nextOperation(_ iteration: Int) -> Operation {
        let names = (try? vault.names().map(\.text)) ?? []
        let created = names.filter { $0.hasPrefix("CREATED_") }
        switch iteration % 4 {
        case 0:
            let value = "fake-v\(iteration + 1)"
            allowed["EDITED_TOKEN", default: []].insert(value)
            return Operation(arguments: ["edit", "EDITED_TOKEN", "--new-value"], input: value)
        case 1:
            return Operation(
                arguments: ["edit", "EDITED_TOKEN", "--display-name", "Name \(iteration)"],
                input: "")
        case 2 where !created.isEmpty:
            return Operation(arguments: ["delete", created.randomElement()!, "--yes"], input: "")
        default:
            let name = "CREATED_\(iteration)"
            allowed[name] = ["fake-c\(iteration)"]
            return Operation(
                arguments: ["create", name, "--display-name", "C", "--type", "token"],
                input: "fake-c\(iteration)")
        }
    }

    func launch(_ operation: Operation) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Workspace.binary)
        process.arguments = operation.arguments
        process.currentDirectoryURL = workspace.root
        process.environment = workspace.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(operation.input.utf8))
        try input.fileHandleForWriting.close()
        return process
    }

    /// Every secret file reads whole and opens to a value its name was given.
    func check(_ iteration: Int) throws {
        #expect(FileReader.exists(vault.path(of: try SecretName("EDITED_TOKEN"))))
        for entry in try vault.entries() {
            let name = try #require(entry.name, "iteration \(iteration): \(entry.fileName)")
            let record = try vault.read(name)
            let value = try record.value.open(name: name.text, with: key)
            let text = value.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            #expect(allowed[name.text]?.contains(text) == true, "iteration \(iteration): \(name)")
        }
    }
}
