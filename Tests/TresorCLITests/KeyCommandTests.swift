import Foundation
import Testing

/// `TRESOR_KEY_COMMAND` for real: the master key wrapped with a throwaway GnuPG key in a
/// private GNUPGHOME, unwrapped by `gpg --decrypt` on each run.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: "/usr/bin/gpg")
            || ProcessInfo.processInfo.environment["CI"] == "true"))
struct KeyCommandTests {
    static let command = #"gpg --batch --quiet --decrypt "$HOME/wrapped/$TRESOR_KEY_ID.key.gpg""#
    static let input = Data(#"{"a": "{{secret:WRAPPED_TOKEN}}"}"#.utf8)

    /// A vault whose only key copy is encrypted to a new GnuPG key; the agent is stopped
    /// when `body` ends.
    func withWrappedKey(_ body: (Workspace) throws -> Void) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("WRAPPED_TOKEN", "token", "fake-wrapped-value")])
        let home = workspace.root.appendingPathComponent("gnupg")
        try FileManager.default.createDirectory(
            at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        workspace.environment["GNUPGHOME"] = home.path
        defer { _ = try? workspace.run(["--kill", "gpg-agent"], executable: "/usr/bin/gpgconf") }
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let file = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let script = """
            set -e
            gpg --batch --passphrase '' --quick-gen-key 'Tresor Test <test@example.invalid>' \
                future-default default never 2>/dev/null
            mkdir -m 700 wrapped
            gpg --batch --trust-model always --recipient test@example.invalid \
                --output wrapped/\(file).gpg --encrypt '\(keys.path)/\(file)'
            rm '\(keys.path)/\(file)'
            """
        let setup = try workspace.run(["-c", script], executable: "/bin/sh")
        #expect(setup.status == 0, "\(setup.stderr)")
        try body(workspace)
    }

    @Test func theKeyComesFromGnuPGAndTheDocumentIsLeftForRender() throws {
        try withWrappedKey { workspace in
            let missing = try workspace.run(["render", "-"], input: Self.input)
            #expect(missing.status == 4)
            #expect(missing.stderr.contains("TRESOR_KEY_COMMAND"))
            // The command also reads standard input: it must get /dev/null, not the document.
            let greedy = "cat >/dev/null; " + Self.command
            let run = try workspace.run(
                ["render", "-", "--verbose"], input: Self.input,
                environment: ["TRESOR_KEY_COMMAND": greedy])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == #"{"a": "fake-wrapped-value"}"#)
            #expect(run.stderr.contains("from TRESOR_KEY_COMMAND"))
            #expect(!run.stderr.contains("TRESOR-SECRET-KEY"))
        }
    }

    @Test func aFailingOrWrongCommandStopsWithoutShowingItsOutput() throws {
        try withWrappedKey { workspace in
            let failing = try workspace.run(
                ["render", "-"], input: Self.input,
                environment: ["TRESOR_KEY_COMMAND": "echo fake-printed-text; exit 3"])
            #expect(failing.status == 4)
            #expect(failing.stderr.contains("TRESOR_KEY_COMMAND failed: exit status 3"))
            #expect(!failing.output.contains("fake-printed-text"))
            let garbage = try workspace.run(
                ["render", "-"], input: Self.input,
                environment: ["TRESOR_KEY_COMMAND": "echo fake-printed-text"])
            #expect(garbage.status == 4)
            #expect(garbage.stderr.contains("from TRESOR_KEY_COMMAND is not valid"))
            #expect(!garbage.output.contains("fake-printed-text"))
        }
    }

    @Test func explicitKeySourcesComeBeforeTheCommand() throws {
        try withWrappedKey { workspace in
            let key = try workspace.run(
                ["-c", #"gpg --batch --quiet --decrypt "$HOME"/wrapped/*.gpg"#],
                executable: "/bin/sh")
            #expect(key.stdout.hasPrefix("TRESOR-SECRET-KEY-1"))
            let run = try workspace.run(
                ["render", "-"], input: Self.input,
                environment: ["TRESOR_KEY": key.stdout, "TRESOR_KEY_COMMAND": "exit 1"])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }
}
