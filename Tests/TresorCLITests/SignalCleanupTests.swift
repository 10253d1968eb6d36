import Foundation
import Testing

/// A TERM while `render --out FILE` writes its temporary file removes that file before
/// the process ends: it left the rendered plaintext beside the output until the next
/// render (found by a fresh tester).
@Suite struct SignalCleanupTests {
    /// The temporary siblings of `name` in `folder` that process `pid` makes.
    static func temporaries(of name: String, in folder: URL, by pid: pid_t) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(".\(name).tmp-\(pid)-") }
    }

    /// Runs `arguments` until it has been caught three times with a temporary sibling of
    /// `output` (in the workspace's top) in flight, then TERMed; each time, no temporary
    /// and no output may be left. Returns how many runs were caught.
    static func termInFlight(
        _ workspace: Workspace, _ arguments: [String], output: String
    ) throws -> Int {
        let top = workspace.root
        var caught = 0
        for _ in 0..<20 where caught < 3 {
            try? FileManager.default.removeItem(at: top.appendingPathComponent(output))
            let pid = try Spawn.start(
                Workspace.binary, arguments, in: top.path, environment: workspace.environment)
            var stopped = false
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if !temporaries(of: output, in: top, by: pid).isEmpty {
                    kill(pid, SIGSTOP)
                    // Still there while it is stopped: the output is being written.
                    stopped = !temporaries(of: output, in: top, by: pid).isEmpty
                    if !stopped { kill(pid, SIGCONT) }
                    break
                }
                if FileManager.default.fileExists(atPath: top.path + "/" + output) { break }
                usleep(200)
            }
            if stopped {
                kill(pid, SIGTERM)
                kill(pid, SIGCONT)
            }
            let status = try boundedWait(pid)
            guard stopped else { continue }
            caught += 1
            #expect(status == 128 + SIGTERM, "exit \(status)")
            let left = temporaries(of: output, in: top, by: pid)
            #expect(left.isEmpty, "\(arguments): \(left)")
            #expect(!FileManager.default.fileExists(atPath: top.path + "/" + output))
        }
        return caught
    }

    /// The exit status of `pid`, killed after 60 s: the handler once took exponential time
    /// over a deep tree (found by a fresh tester).
    static func boundedWait(_ pid: pid_t) throws -> Int32 {
        let deadline = Date().addingTimeInterval(60)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = Spawn.wait(pid)
                throw Failure("tresor did not end within 60 s of its signal")
            }
            usleep(1000)
        }
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }

    @Test func aTermDuringASingleFileRenderLeavesNoTemporaryFile() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("BIG_TOKEN", "token", "fake-big-token")])
        // Large enough that writing and syncing the output takes a while.
        let padding = String(repeating: "x", count: 1 << 20)
        let fields = (0..<8).map { "\"pad\($0)\": \"\(padding)\"" }.joined(separator: ", ")
        try workspace.write("big.json", "{\"a\": \"{{secret:BIG_TOKEN}}\", \(fields)}")
        let caught = try Self.termInFlight(
            workspace, ["render", "big.json", "--out", "out.json"], output: "out.json")
        #expect(caught > 0, "no render was caught while it wrote its output")
    }

    @Test func aTermDuringAFolderRenderOrDeployLeavesNoBuildFolder() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("TREE_TOKEN", "token", "fake-tree-token")])
        let padding = String(repeating: "x", count: 256 << 10)
        for index in 0..<40 {
            try workspace.write(
                "processes/p\(index)/input.json",
                "{\"a\": \"{{secret:TREE_TOKEN}}\", \"pad\": \"\(padding)\"}")
        }
        // One process 40 folders deep: the handler goes over each folder once.
        let deep = (0..<40).map { "d\($0)" }.joined(separator: "/")
        try workspace.write(
            "processes/\(deep)/input.json",
            "{\"a\": \"{{secret:TREE_TOKEN}}\", \"pad\": \"\(padding)\"}")
        for (arguments, output) in [
            (["render", "processes", "--out", "rendered"], "rendered"),
            (["deploy", "--out", "deployed"], "deployed"),
        ] {
            let caught = try Self.termInFlight(workspace, arguments, output: output)
            #expect(caught > 0, "no \(arguments[0]) was caught while it built its output")
        }
    }

    /// A TERM, INT or HUP while a key command runs stops the command and what it started,
    /// then ends `tresor` as the signal would: the command's shell and its children ran
    /// on, orphaned (found by a twenty-fifth fresh tester).
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalDuringAKeyCommandStopsTheCommandToo(_ signal: Int32) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CMD_TOKEN", "token", "fake-cmd-token")])
        try workspace.write("in.json", #"{"a": "{{secret:CMD_TOKEN}}"}"#)
        let key = try workspace.masterKeyText()
        try workspace.write("key.txt", key)
        var environment = workspace.environment
        // The shell writes its child's PID, then waits for it: a tree of two.
        environment["TRESOR_KEY_COMMAND"] = "sleep 30 & echo $! > sleeper; wait; cat key.txt"
        let pid = try Spawn.start(
            Workspace.binary, ["render", "in.json"], in: workspace.root.path,
            environment: environment)
        let deadline = Date().addingTimeInterval(20)
        while !workspace.exists("sleeper") && Date() < deadline { usleep(20_000) }
        usleep(50_000)
        let sleeper = pid_t(
            String(decoding: try workspace.read("sleeper"), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))!
        kill(pid, signal)
        #expect(try Self.boundedWait(pid) == 128 + signal)
        // SIGKILLed by tresor before it ended; reaped by init soon after.
        let gone = Date().addingTimeInterval(5)
        while kill(sleeper, 0) == 0, Date() < gone { usleep(20_000) }
        #expect(kill(sleeper, 0) != 0, "the key command's child ran on")
    }

    /// A command that prints the key, closes its output and goes on running is watched
    /// for a signal and the time limit as before: both were held off until it ended
    /// (found by a twenty-sixth fresh tester).
    @Test func aCommandThatClosedItsOutputIsStillStoppedBySignalAndTimeLimit() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("LATE_TOKEN", "token", "fake-late-token")])
        try workspace.write("in.json", #"{"a": "{{secret:LATE_TOKEN}}"}"#)
        try workspace.write("key.txt", try workspace.masterKeyText())
        var environment = workspace.environment
        environment["TRESOR_KEY_COMMAND"] = "cat key.txt; exec >&-; echo $$ > shell; sleep 30"
        let pid = try Spawn.start(
            Workspace.binary, ["render", "in.json"], in: workspace.root.path,
            environment: environment)
        let deadline = Date().addingTimeInterval(20)
        while !workspace.exists("shell") && Date() < deadline { usleep(20_000) }
        usleep(100_000)
        let started = Date()
        kill(pid, SIGTERM)
        #expect(try Self.boundedWait(pid) == 128 + SIGTERM)
        #expect(Date().timeIntervalSince(started) < 10, "the signal waited for the command")
        environment["TRESOR_KEY_COMMAND_TIMEOUT"] = "1"
        environment["TRESOR_KEY_COMMAND"] = "cat key.txt; exec >&-; sleep 30"
        let timed = try Spawn.start(
            Workspace.binary, ["render", "in.json"], in: workspace.root.path,
            environment: environment)
        let begun = Date()
        #expect(try Self.boundedWait(timed) == 4)
        #expect(Date().timeIntervalSince(begun) < 10, "the time limit waited for the command")
    }

    /// Started by a program that ignores SIGCHLD (which exec passes on), a key command's
    /// exit could not be read, and a key it printed was "killed by signal 9" (found by a
    /// twenty-seventh fresh tester).
    @Test func aKeyCommandWorksWhenTheParentIgnoredSigchld() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CHLD_TOKEN", "token", "fake-chld-token")])
        try workspace.write("in.json", #"{"a": "{{secret:CHLD_TOKEN}}"}"#)
        try workspace.write("key.txt", try workspace.masterKeyText())
        let ignoring =
            "import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); "
            + "os.execv(sys.argv[1], sys.argv[1:])"
        let run = try workspace.run(
            ["-c", ignoring, Workspace.binary, "render", "in.json"],
            environment: ["TRESOR_KEY_COMMAND": "cat key.txt"], executable: "/usr/bin/python3")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("fake-chld-token"))
    }
}
