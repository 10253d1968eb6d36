import Foundation
import Testing

/// `dotenv` read back by real shells, `exec` passing values through the environment only.
@Suite struct ExecDotEnvTests {
    /// Values a shell would mangle unless quoted exactly right.
    static let tricky: [(String, String)] = [
        ("QUOTES_VALUE", #"fake 'single' "double" `back` $HOME $(id) \n \\ ; & | * ?"#),
        ("MULTI_LINE", "fake line one\nline two\n\nline four  \r\nend"),
        ("TRAILING_LINE", "fake-ends-in-newline\n"), ("UNICODE_VALUE", "fake 🔑 ключ \u{7f}\t"),
        ("ONLY_QUOTE", "'"),
    ]

    func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault()
        for (name, value) in Self.tricky {
            try workspace.write("value.txt", value)
            let run = try workspace.run([
                "create", name, "--display-name", name, "--type", "other", "--value-file",
                "value.txt",
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("value.txt"))
        return workspace
    }

    @Test(arguments: ["/bin/sh", "/bin/bash"])
    func dotenvRoundTripsThroughARealShell(_ shell: String) throws {
        let workspace = try workspace()
        let written = try workspace.run(["dotenv", "--out", "secrets.env"])
        #expect(written.status == 0, "\(written.stderr)")
        for (name, value) in Self.tricky {
            let script = "set -a; . ./secrets.env; set +a; printf '%s' \"$\(name)\""
            let run = try workspace.run(["-c", script], executable: shell)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdoutBytes == Data(value.utf8), "\(name)")
            let exported = try workspace.run(
                ["-c", "set -a; . ./secrets.env; set +a; sh -c 'printf %s \"$\(name)\"'"],
                executable: shell)
            #expect(exported.stdoutBytes == Data(value.utf8), "\(name) exported")
        }
        let mode = try FileManager.default.attributesOfItem(
            atPath: workspace.root.appendingPathComponent("secrets.env").path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(try workspace.run(["dotenv", "--out", "secrets.env"]).status == 1)
    }

    @Test func dotenvOnlyWritesTheNamedSecrets() throws {
        let workspace = try workspace()
        let run = try workspace.run(["dotenv", "--only", "ONLY_QUOTE,UNICODE_VALUE"])
        #expect(run.stdout == "ONLY_QUOTE=''\\'''\nUNICODE_VALUE='fake 🔑 ключ \u{7f}\t'\n")
        let missing = try workspace.run(["dotenv", "--only", "ONLY_QUOTE,NOT_THERE"])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
    }

    @Test func execPassesValuesThroughTheEnvironmentOnly() throws {
        let workspace = try workspace()
        let before = workspace.allFiles().map(\.0).sorted()
        for (name, value) in Self.tricky {
            let run = try workspace.run([
                "exec", "--only", name + ",ONLY_QUOTE", "--", "sh", "-c",
                "printf '%s' \"$\(name)\"",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdoutBytes == Data(value.utf8), "\(name)")
        }
        let others = try workspace.run([
            "exec", "--only", "ONLY_QUOTE", "--", "sh", "-c", "printf '[%s]' \"${MULTI_LINE-}\"",
        ])
        #expect(others.stdout == "[]")
        #expect(workspace.allFiles().map(\.0).sorted() == before)
        for (_, value) in Self.tricky where value.count > 3 {
            for (path, data) in workspace.allFiles() {
                #expect(!String(decoding: data, as: UTF8.self).contains(value), "\(path)")
            }
        }
    }

    /// A secret named after a variable programs read (`BASH_ENV`) could make `exec` run a
    /// committer's script: `create` refuses the name, and a vault file with it, written by
    /// hand, is reported by `validate` and never exported (found by a fresh tester).
    @Test func namesProgramsReadFromTheEnvironmentAreNeverExported() throws {
        let workspace = try workspace()
        try workspace.write("hook.sh", "echo fake-committer-script-ran\n")
        try workspace.write("value.txt", workspace.root.appendingPathComponent("hook.sh").path)
        let refused = try workspace.run([
            "create", "BASH_ENV", "--display-name", "x", "--type", "other", "--value-file",
            "value.txt",
        ])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("a variable programs read from their environment"))
        // By hand: a sealed file of another secret under the name.
        let source = String(decoding: try workspace.read("vault/ONLY_QUOTE.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/BASH_ENV.yaml",
            source.replacingOccurrences(of: "name: ONLY_QUOTE", with: "name: BASH_ENV"))
        let validated = try workspace.run(["validate"])
        #expect(validated.status == 1)
        #expect(validated.stderr.contains("BASH_ENV.yaml"), "\(validated.stderr)")
        // Named as process files are, relative to the current folder.
        #expect(validated.stderr.contains("\nvault/BASH_ENV.yaml:"), "\(validated.stderr)")
        let run = try workspace.run(["exec", "--", "bash", "-c", "printf '[%s]' \"${BASH_ENV-}\""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "[]" && !run.output.contains("fake-committer-script-ran"))
        let dotenv = try workspace.run(["dotenv"])
        #expect(!dotenv.stdout.contains("BASH_ENV"))
        try workspace.write("vault/OTHER_TOKEN.YAML", source)
        // Left out with a word, not silently (found by a third fresh tester), each file
        // named as it is (found by a fourth).
        let again = try workspace.run(["dotenv"])
        for output in [run.stderr, dotenv.stderr] {
            #expect(output.contains("left out, not valid secret names: BASH_ENV.yaml"), "\(output)")
        }
        for output in [again.stderr] {
            #expect(
                output.contains("OTHER_TOKEN.YAML") && !output.contains(".YAML.yaml"), "\(output)")
        }
    }

    /// Linux passes no environment string over 128 KiB: the error names the secret instead
    /// of blaming the command's name and PATH (found by a fresh tester).
    @Test func execNamesAValueTooLongForTheEnvironment() throws {
        let workspace = try workspace()
        try workspace.write("value.txt", String(repeating: "fake-long-", count: 14_000))
        let created = try workspace.run([
            "create", "LONG_VALUE", "--display-name", "long", "--type", "other", "--value-file",
            "value.txt",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let run = try workspace.run(["exec", "--", "true"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("secret LONG_VALUE is 140000 bytes"), "\(run.stderr)")
        #expect(run.stderr.contains("--only"))
        #expect(try workspace.run(["exec", "--only", "ONLY_QUOTE", "--", "true"]).status == 0)
    }

    /// The command's own flags stay its own without `--`, as with `env` (`grep -v` was
    /// taken as tresor's `--verbose`; found by a fresh tester).
    @Test func flagsAfterTheCommandAreTheCommands() throws {
        let workspace = try workspace()
        let grep = try workspace.run(
            ["exec", "--only", "ONLY_QUOTE", "grep", "-v", "abc"], input: Data("xyz\n".utf8))
        #expect(grep.status == 0, "\(grep.stderr)")
        #expect(grep.stdout == "xyz\n")
        let shell = try workspace.run(
            ["exec", "--only", "ONLY_QUOTE", "sh", "-c", "printf '[%s]' \"$ONLY_QUOTE\""])
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout == "[']")
    }

    @Test func execEndsWithTheCommandsStatus() throws {
        let workspace = try workspace()
        #expect(try workspace.run(["exec", "--", "sh", "-c", "exit 42"]).status == 42)
        let missing = try workspace.run(["exec", "--", "no-such-command-here"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot run no-such-command-here"))
        #expect(try workspace.run(["exec"]).status == 2)
    }
}
