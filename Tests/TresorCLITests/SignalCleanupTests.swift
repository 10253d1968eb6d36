import Foundation
import Testing

/// A TERM while `render --out FILE` writes its temporary file removes that file before
/// the process ends: it left the rendered plaintext beside the output until the next
/// render (found by a fresh tester).
@Suite struct SignalCleanupTests {
    /// The temporary siblings of `out.json` in `folder` that process `pid` writes.
    static func temporaries(in folder: URL, of pid: pid_t) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(".out.json.tmp-\(pid)-") }
    }

    @Test func aTermDuringASingleFileRenderLeavesNoTemporaryFile() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("BIG_TOKEN", "token", "fake-big-token")])
        // Large enough that writing and syncing the output takes a while.
        let padding = String(repeating: "x", count: 1 << 20)
        let fields = (0..<8).map { "\"pad\($0)\": \"\(padding)\"" }.joined(separator: ", ")
        try workspace.write("big.json", "{\"a\": \"{{secret:BIG_TOKEN}}\", \(fields)}")
        let out = workspace.root.appendingPathComponent("o")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var caught = 0
        for _ in 0..<20 where caught < 3 {
            try? FileManager.default.removeItem(at: out.appendingPathComponent("out.json"))
            let pid = try Spawn.start(
                Workspace.binary, ["render", "big.json", "--out", "o/out.json"],
                in: workspace.root.path, environment: workspace.environment)
            var stopped = false
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if !Self.temporaries(in: out, of: pid).isEmpty {
                    kill(pid, SIGSTOP)
                    // Still there while it is stopped: the write is in flight.
                    stopped = !Self.temporaries(in: out, of: pid).isEmpty
                    if !stopped { kill(pid, SIGCONT) }
                    break
                }
                if FileManager.default.fileExists(atPath: out.path + "/out.json") { break }
                usleep(200)
            }
            if stopped {
                kill(pid, SIGTERM)
                kill(pid, SIGCONT)
            }
            let status = Spawn.wait(pid)
            guard stopped else { continue }
            caught += 1
            #expect(status == 128 + SIGTERM, "exit \(status)")
            #expect(
                Self.temporaries(in: out, of: pid).isEmpty, "\(Self.temporaries(in: out, of: pid))")
            #expect(!FileManager.default.fileExists(atPath: out.path + "/out.json"))
        }
        #expect(caught > 0, "no render was caught while it wrote its output")
    }
}
