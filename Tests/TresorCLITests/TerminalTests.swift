import Foundation
import Testing

/// Progress bars and colour appear on a terminal only: under a pseudo-terminal (`script`)
/// they are drawn; in a pipe, with `--quiet`, `NO_COLOR` or `--color never` they are not.
@Suite struct TerminalTests {
    private static let escape = "\u{1B}["

    /// A vault and a process folder of 40 BPMN files, each using one secret.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-terminal")])
        for index in 0..<40 {
            try workspace.write("processes/p\(index).bpmn", try Self.process(id: "p\(index)"))
        }
        return workspace
    }

    /// Runs the binary under a pseudo-terminal; the transcript holds stdout and stderr.
    private func onTerminal(
        _ arguments: [String], in workspace: Workspace, environment: [String: String] = [:]
    ) throws -> Workspace.Run {
        let command = ([Workspace.binary] + arguments).joined(separator: " ")
        return try workspace.run(
            ["-q", "-e", "-c", command, "/dev/null"], environment: environment,
            executable: "/usr/bin/script")
    }

    @Test(arguments: [["usage"], ["validate"], ["render", "processes", "--out", "out"]])
    func progressIsDrawnOnATerminalOnly(arguments: [String]) throws {
        let workspace = try workspace()
        let label = arguments[0] == "render" ? "rendering [" : "reading process files ["
        let terminal = try onTerminal(arguments, in: workspace)
        #expect(terminal.status == 0, "\(terminal.output)")
        #expect(terminal.stdout.contains(label), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("] 40/40") || terminal.stdout.contains("] 80/80"))
        #expect(terminal.stdout.contains("\r\(Self.escape)K"), "the bar is erased at the end")
        let quiet = try onTerminal(arguments + ["--quiet"], in: workspace)
        #expect(!quiet.stdout.contains(label), "\(quiet.stdout)")
        try? FileManager.default.removeItem(at: workspace.root.appendingPathComponent("out"))
        let piped = try workspace.run(arguments)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains(label) && !piped.output.contains(Self.escape))
        try? FileManager.default.removeItem(at: workspace.root.appendingPathComponent("out"))
    }

    @Test func colourOnATerminalUnlessNoColorOrNever() throws {
        let workspace = try workspace()
        let coloured = try onTerminal(["doctor"], in: workspace)
        #expect(coloured.stdout.contains("\(Self.escape)32mok"), "\(coloured.stdout)")
        let noColor = try onTerminal(["doctor"], in: workspace, environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\(Self.escape)3"), "\(noColor.stdout)")
        let never = try onTerminal(["doctor", "--color", "never"], in: workspace)
        #expect(!never.stdout.contains("\(Self.escape)3"), "\(never.stdout)")
        let error = try onTerminal(["show", "NOPE"], in: workspace)
        #expect(error.stdout.contains("\(Self.escape)31merror:"), "\(error.stdout)")
    }

    /// The shared fixture (a Camunda 7 task using FTP_PASSWORD) with its own process id.
    static func process(id: String) throws -> String {
        let fixture = Workspace.packageRoot.appendingPathComponent("Tests/Fixtures/upload.bpmn")
        return try String(contentsOf: fixture, encoding: .utf8)
            .replacingOccurrences(of: "id=\"upload\"", with: "id=\"\(id)\"")
    }
}
