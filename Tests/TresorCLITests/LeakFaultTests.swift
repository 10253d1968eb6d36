import Foundation
import Testing

@testable import TresorKit

/// Leaks under faults: a render killed mid-write leaves no plaintext behind once the next
/// render runs; a wrong key and a damaged value fail alike; no core file can be written.
@Suite struct LeakFaultTests {
    static let canary = "fake-CANARY-kill-8e2"

    @Test func killedRendersLeaveNoPlaintextBehind() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CANARY_TOKEN", "token", Self.canary)])
        for index in 0..<20 {
            try workspace.write("processes/p/t\(index).json", #"{"a": "{{secret:CANARY_TOKEN}}"}"#)
        }
        let commands = [
            ["render", "processes", "--out", "rendered", "--force"],
            ["render", "processes/p/t0.json", "--out", "out.json", "--force"],
        ]
        for arguments in commands {
            let started = Date()
            #expect(try workspace.run(arguments).status == 0)
            let typical = Date().timeIntervalSince(started)
            for _ in 0..<40 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Workspace.binary)
                process.arguments = arguments
                process.currentDirectoryURL = workspace.root
                process.environment = workspace.environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(useconds_t(Double.random(in: 0...typical) * 1_000_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            #expect(try workspace.run(arguments).status == 0)
        }
        let outputs = ["rendered/", "out.json"]
        for (path, data) in workspace.allFiles() where data.contains(Data(Self.canary.utf8)) {
            #expect(outputs.contains { path.hasPrefix($0) }, "plaintext left in \(path)")
        }
    }

    @Test func wrongKeyAndDamagedValueGiveTheSameMessage() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("SAME_TOKEN", "token", "fake-same")])
        let path = "vault/SAME_TOKEN.yaml"
        let original = String(decoding: try workspace.read(path), as: UTF8.self)
        let vault = try Vault(folder: workspace.root.appendingPathComponent("vault").path)
        let keyID = vault.config.keyID.text
        let line = original.split(separator: "\n").first { $0.hasPrefix("value: ") }!
        // Damaged: one base64 character of the box changed, the header intact.
        var damaged = Array(line)
        let spot = damaged.count - 20
        damaged[spot] = damaged[spot] == "A" ? "B" : "A"
        // Wrong key: a box sealed to another key pair, labelled with this vault's key id.
        let other = MasterKey.generate()
        let sealed = try SealedValue.seal(
            SecretBytes(Array("fake-same".utf8)), name: "SAME_TOKEN", to: other.publicKey)
        let relabelled = sealed.text.replacingOccurrences(of: other.keyID.text, with: keyID)
        try workspace.write("in.json", #"{"a": "{{secret:SAME_TOKEN}}"}"#)
        var outcomes: [String] = []
        for value in [String(damaged), "value: " + relabelled] {
            try workspace.write(path, original.replacingOccurrences(of: line, with: value))
            let run = try workspace.run(["render", "in.json"])
            #expect(run.status == 4)
            #expect(run.stdout.isEmpty)
            outcomes.append(run.stderr)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].contains("cannot be opened"))
    }

    /// Started with core dumps allowed up to the hard limit, `tresor` must have set both
    /// limits to 0 by the time it holds part of a value. Where the hard limit is already 0
    /// for every process, a missing `setrlimit` cannot be told apart, so the test is off.
    @Test(.enabled(if: Self.coreLimits(of: "self")?.hard != "0", "core dumps are off here"))
    func noCoreFileWhileHoldingAValue() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Raise the soft limit to the hard one, then become tresor (same process id).
        process.arguments = [
            "-c", #"ulimit -S -c "$(ulimit -H -c)" && exec "$0" "$@""#, Workspace.binary,
            "create", "CORE_TOKEN", "--display-name", "C", "--type", "token",
        ]
        process.currentDirectoryURL = workspace.root
        process.environment = workspace.environment
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Part of the value is read; the process waits for the rest.
        input.fileHandleForWriting.write(Data("fake-core-".utf8))
        usleep(300_000)
        let limits = Self.coreLimits(of: "\(process.processIdentifier)")
        #expect(limits?.soft == "0" && limits?.hard == "0", "\(String(describing: limits))")
        input.fileHandleForWriting.write(Data("value".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The soft and hard core file size limits of a process, from `/proc/PID/limits`.
    static func coreLimits(of process: String) -> (soft: String, hard: String)? {
        guard
            let limits = try? String(
                contentsOfFile: "/proc/\(process)/limits", encoding: .utf8),
            let line = limits.split(separator: "\n").first(where: {
                $0.hasPrefix("Max core file size")
            })
        else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4)
        guard fields.count >= 2 else { return nil }
        return (String(fields[fields.startIndex]), String(fields[fields.startIndex + 1]))
    }
}
