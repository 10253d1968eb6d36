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

    /// `create` of a name that is taken, or with a bad display name, says so before it
    /// asks for the value (it asked twice first; found by a fresh tester).
    @Test func createRefusesATakenNameBeforeThePrompt() throws {
        let workspace = try workspace()
        for arguments in [
            ["create", "FTP_PASSWORD", "--display-name", "D", "--type", "token"],
            ["create", "NEW_TOKEN", "--display-name", "bad\u{7}name", "--type", "token"],
        ] {
            let terminal = try onTerminal(arguments, in: workspace)
            #expect(terminal.status != 0, "\(terminal.output)")
            #expect(!terminal.stdout.contains("Value for"), "\(terminal.stdout)")
        }
        #expect(try onTerminal(["create"], in: workspace).stdout.contains("missing argument"))
    }

    /// `--value-file -` reads standard input byte for byte; on a terminal it is refused
    /// (exit 2), as the value would show as it is typed.
    @Test func valueFileDashRefusesATerminal() throws {
        let workspace = try workspace()
        let arguments = [
            "create", "DASH_TOKEN", "--display-name", "D", "--type", "token", "--value-file", "-",
        ]
        let terminal = try onTerminal(arguments, in: workspace)
        #expect(terminal.status == 2, "\(terminal.output)")
        #expect(terminal.stdout.contains("which is a terminal"), "\(terminal.stdout)")
        #expect(!workspace.exists("vault/DASH_TOKEN.yaml"))
        let piped = try workspace.run(arguments, value: "fake-dash\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        try workspace.write("in.json", #"{"a": "{{secret:DASH_TOKEN}}"}"#)
        #expect(try workspace.run(["render", "in.json"]).stdout == #"{"a": "fake-dash\n"}"#)
    }

    /// Ctrl-C at the value prompt ends `create` as Ctrl-C does, with the terminal's echo
    /// back on: it was left off for the shell (found by a fresh tester). Python drives a
    /// pseudo-terminal: it types part of a value, then the interrupt character.
    @Test func anInterruptAtThePromptLeavesTheTerminalEchoing() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let script = """
            import os, pty, signal, sys, termios, time
            pid, master = pty.fork()
            if pid == 0:
                # As an interactive shell starts a command: the test runner's blocked or
                # ignored signals are not passed on.
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.execv(sys.argv[1], [sys.argv[1], "create", "PROMPT_TOKEN", "--type", "token",
                                       "--display-name", "prompt"])
            seen = b""
            deadline = time.time() + 60
            while b"value" not in seen.lower() and time.time() < deadline:
                seen += os.read(master, 1024)
            time.sleep(0.2)
            before = termios.tcgetattr(master)[3] & termios.ECHO
            os.write(master, b"fake-half")
            time.sleep(0.2)
            os.write(master, b"\\x03")
            for _ in range(300):
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
            after = termios.tcgetattr(master)[3] & termios.ECHO
            print("echo-at-prompt", bool(before), "echo-after", bool(after),
                  "signal", os.WTERMSIG(status) if os.WIFSIGNALED(status) else None)
            """
        try workspace.write("prompt.py", script)
        let run = try workspace.run(
            [workspace.root.appendingPathComponent("prompt.py").path, Workspace.binary],
            executable: "/usr/bin/python3")
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.stdout.contains("echo-at-prompt False echo-after True signal 2"), "\(run.output)")
        #expect(!workspace.exists("vault/PROMPT_TOKEN.yaml"))
    }

    /// The shared fixture (a Camunda 7 task using FTP_PASSWORD) with its own process id.
    static func process(id: String) throws -> String {
        let fixture = Workspace.packageRoot.appendingPathComponent("Tests/Fixtures/upload.bpmn")
        return try String(contentsOf: fixture, encoding: .utf8)
            .replacingOccurrences(of: "id=\"upload\"", with: "id=\"\(id)\"")
    }
}
