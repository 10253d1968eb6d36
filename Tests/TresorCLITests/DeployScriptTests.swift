import Foundation
import Testing

/// `Hooks/deploy.sh`: renders into a private folder, hands it over, always wipes it.
@Suite struct DeployScriptTests {
    static let script = Workspace.packageRoot.appendingPathComponent("Hooks/deploy.sh").path

    /// Starts a long sleep, says where the folder is (whole, by a rename), waits; creates
    /// `late` only when the sleep ran to its end.
    static let slowCommand =
        #"sleep 30 & echo $! > sleeper; echo "$TRESOR_DEPLOY_DIR" > w.tmp; mv w.tmp where; "#
        + "wait; touch late"

    func prepared() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("API_TOKEN", "token", "fake-api-token-1")])
        try workspace.write("processes/p/t.json", #"{"v": "{{secret:API_TOKEN}}"}"#)
        try workspace.write("tmp/.keep", "")
        workspace.environment["TRESOR"] = Workspace.binary
        workspace.environment["TMPDIR"] = workspace.root.appendingPathComponent("tmp").path
        return workspace
    }

    func leftovers(_ workspace: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: workspace.root.appendingPathComponent("tmp").path
        ).filter { $0 != ".keep" }
    }

    /// The path of the workspace's master key file, in its default key folder.
    func keyFile(_ workspace: Workspace) throws -> String {
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        return keys.appendingPathComponent(
            try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        ).path
    }

    @Test func theCommandGetsTheFolderAndItsOutputIsRedacted() throws {
        let workspace = try prepared()
        let command =
            #"find "$TRESOR_DEPLOY_DIR" -type f | sort > listing; cat "$1"/inputs/p/t/v.json"#
        let run = try workspace.run(
            [Self.script, "sh", "-c", command, "sh", "{}"], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "\"***\"\n")
        let listing = String(decoding: try workspace.read("listing"), as: UTF8.self)
        #expect(listing.contains("/out/manifest.json"))
        #expect(listing.contains("/out/processes/p/t.json"))
        #expect(try leftovers(workspace).isEmpty)
    }

    /// A `--` of the command's own is the command's; flags for tresor come first and start
    /// with `-` (`echo a -- b` was split into tresor flags `echo a`; found by a sixth fresh
    /// tester).
    @Test func aCommandsOwnDoubleDashIsItsOwn() throws {
        let workspace = try prepared()
        let run = try workspace.run([Self.script, "echo", "a", "--", "b"], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "a -- b\n", "\(run.stdout)")
        let flagged = try workspace.run(
            [Self.script, "--processes", "processes", "--", "echo", "c", "--", "d"],
            executable: "/bin/bash")
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stdout == "c -- d\n", "\(flagged.stdout)")
        // Flags with no `--` after them: a usage error, and nothing rendered (found by a
        // seventh fresh tester: it deployed, then failed).
        let unended = try workspace.run(
            [Self.script, "--processes", "processes", "echo", "e"], executable: "/bin/bash")
        #expect(unended.status == 2, "\(unended.stderr)")
        #expect(unended.stderr.contains("put -- between"), "\(unended.stderr)")
        #expect(try leftovers(workspace).isEmpty)
    }

    /// The command never gets the key variables, and the key's text it prints anyway is
    /// masked: with `TRESOR_KEY` it could open every secret, and printed it in clear
    /// (found by a fresh tester). `exec` passes none of them on either.
    @Test func theKeyNeverReachesTheCommand() throws {
        let workspace = try prepared()
        let file = try keyFile(workspace)
        let key = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        workspace.environment["TRESOR_KEY"] = key
        workspace.environment["TRESOR_KEY_COMMAND_TIMEOUT"] = "60"
        let command = "env | grep -c '^TRESOR_KEY' || true; cat '\(file)'"
        let run = try workspace.run([Self.script, "sh", "-c", command], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "0\n***\n", "\(run.stdout)")
        let exec = try workspace.run([
            "exec", "--only", "API_TOKEN", "--", "sh", "-c", "env | grep -c '^TRESOR_KEY' || true",
        ])
        #expect(exec.status == 0, "\(exec.stderr)")
        #expect(exec.stdout == "0\n")
    }

    /// A value too short to mask is named once, not by both filters (found by a fresh
    /// tester).
    @Test func aValueTooShortToMaskIsNamedOnce() throws {
        let workspace = try prepared()
        try workspace.run(
            ["create", "PIN_CODE", "--display-name", "PIN", "--type", "other"], value: "f4k")
        let run = try workspace.run([Self.script, "true"], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "not masked").count == 2, "\(run.stderr)")
    }

    @Test func aFailingCommandKeepsItsStatusAndTheFolderIsWiped() throws {
        let workspace = try prepared()
        let run = try workspace.run(
            [Self.script, "sh", "-c", "echo fake-api-token-1 >&2; exit 7"],
            executable: "/bin/bash")
        #expect(run.status == 7)
        #expect(run.stderr.contains("***"))
        #expect(!run.stderr.contains("fake-api-token-1"))
        #expect(try leftovers(workspace).isEmpty)
    }

    /// A filter that fails after the deploy (here a key command that answers once) does
    /// not kill the command with SIGPIPE halfway: the rest of its output is thrown away,
    /// with a message, and never shown unmasked (found by a forty-fourth fresh tester).
    @Test func aFailingFilterLetsTheCommandFinish() throws {
        let workspace = try prepared()
        let file = try keyFile(workspace)
        let once = workspace.root.appendingPathComponent("asked-once").path
        workspace.environment["TRESOR_KEY_COMMAND"] =
            "mkdir '\(once)' 2>/dev/null && cat '\(file)'"
        let command =
            "echo fake-api-token-1; echo part one >&2; sleep 0.3; echo part two; touch finished"
        let run = try workspace.run([Self.script, "sh", "-c", command], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(workspace.exists("finished"), "\(run.stderr)")
        #expect(run.stderr.contains("tresor redact failed"), "\(run.stderr)")
        #expect(!run.output.contains("fake-api-token-1") && !run.output.contains("part"))
        #expect(try leftovers(workspace).isEmpty)
    }

    /// The filters mask the values of the vault `--vault` names, as deploy renders them:
    /// they opened the vault found from the current folder and printed the deployed values
    /// in clear (found by a forty-seventh fresh tester).
    @Test func theFiltersUseTheVaultDeployUses() throws {
        let workspace = try prepared()
        try workspace.write("other/.keep", "")
        #expect(try workspace.run(["init"], in: "other").status == 0)
        let command = #"cat "$TRESOR_DEPLOY_DIR"/inputs/p/t/v.json; echo fake-api-token-1 >&2"#
        let run = try workspace.run(
            [
                Self.script, "--vault", "../vault", "--processes", "../processes", "--", "sh",
                "-c", command,
            ], in: "other", executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.output.contains("fake-api-token-1"), "\(run.output)")
        #expect(run.stdout == "\"***\"\n", "\(run.stdout)")
    }

    @Test func aRefusedDeployRunsNoCommand() throws {
        let workspace = try prepared()
        try workspace.write("processes/p/u.json", #"{"v": "{{secret:MISSING}}"}"#)
        let run = try workspace.run([Self.script, "touch", "ran"], executable: "/bin/bash")
        #expect(run.status == 1)
        #expect(!workspace.exists("ran"))
        #expect(try leftovers(workspace).isEmpty)
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130)), (SIGHUP, Int32(129))])
    func anInterruptStopsTheCommandAndWipesTheFolder(_ signal: Int32, _ status: Int32) throws {
        let workspace = try prepared()
        let pid = try Spawn.start(
            "/bin/bash",
            [Self.script, "sh", "-c", Self.slowCommand],
            in: workspace.root.path, environment: workspace.environment)
        let deadline = Date().addingTimeInterval(20)
        while !workspace.exists("where") && Date() < deadline { usleep(20_000) }
        let folder = String(decoding: try workspace.read("where"), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
        #expect(FileManager.default.fileExists(atPath: folder))
        kill(pid, signal)
        #expect(Spawn.wait(pid) == status)
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try leftovers(workspace).isEmpty)
        let sleeper = String(decoding: try workspace.read("sleeper"), as: UTF8.self)
        let deadline2 = Date().addingTimeInterval(5)
        while kill(pid_t(sleeper.trimmingCharacters(in: .newlines))!, 0) == 0, Date() < deadline2 {
            usleep(20_000)
        }
        #expect(kill(pid_t(sleeper.trimmingCharacters(in: .newlines))!, 0) != 0)
        #expect(!workspace.exists("late"))
    }
}
