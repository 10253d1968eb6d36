import Foundation
import Testing

/// `tresor completion`: each script parses in its shell and, run by that shell's own
/// completion machinery, completes commands, types and secret names from the vault.
@Suite struct CompletionTests {
    /// A workspace with a vault of two secrets and the binary's folder on PATH.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("FTP_PASSWORD", "password", "fake-one"), ("FTP_USER", "username", "fake-two"),
        ])
        let folder = URL(fileURLWithPath: Workspace.binary).deletingLastPathComponent().path
        workspace.environment["PATH"] = folder + ":/usr/bin:/bin"
        return workspace
    }

    private func script(_ shell: String, in workspace: Workspace) throws -> String {
        let run = try workspace.run(["completion", shell])
        #expect(run.status == 0, "\(run.stderr)")
        try workspace.write("completion.\(shell)", run.stdout)
        return workspace.root.appendingPathComponent("completion.\(shell)").path
    }

    /// What bash's completion function offers for `words`, the last one being completed.
    private func bashCompletions(
        of words: [String], script: String, in workspace: Workspace
    ) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source \(script); COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            _tresor; printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = try workspace.run(["-c", program], executable: "/bin/bash")
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func scriptParses(shell: String) throws {
        let workspace = try workspace()
        let path = try script(shell, in: workspace)
        let check = try workspace.run(["-n", path], executable: "/usr/bin/\(shell)")
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func bashCompletesNamesTypesAndCommands() throws {
        let workspace = try workspace()
        let path = try script("bash", in: workspace)
        func complete(_ words: [String]) throws -> [String] {
            try bashCompletions(of: words, script: path, in: workspace)
        }
        #expect(try complete(["tresor", "show", "FTP_P"]) == ["FTP_PASSWORD"])
        #expect(try complete(["tresor", "edit", "FTP_USER", "--type", "pa"]) == ["password"])
        #expect(try complete(["tresor", "--vault", "vault", "del"]) == ["delete"])
        #expect(try complete(["tresor", "show", "NOPE"]) == [])
        #expect(try complete(["tresor", "list", "--js"]) == ["--json"])
        // Found by a sixth fresh tester: these completed nothing.
        #expect(try complete(["tresor", "log", "FTP_U"]) == ["FTP_USER"])
        #expect(try complete(["tresor", "exec", "--only", "FTP_U"]) == ["FTP_USER"])
        #expect(try complete(["tresor", "dotenv", "--only", "FTP_P"]) == ["FTP_PASSWORD"])
        #expect(try complete(["tresor", "hook", "in"]) == ["install"])
        #expect(try complete(["tresor", "verify", "--format", "j"]) == ["json"])
        // The name after a comma (found by a seventh fresh tester).
        #expect(
            try complete(["tresor", "exec", "--only", "FTP_USER,FTP_P"])
                == ["FTP_USER,FTP_PASSWORD"])
        // A name already in the list is not offered again (found by an eighth fresh tester).
        #expect(
            try complete(["tresor", "exec", "--only", "FTP_USER,"]) == ["FTP_USER,FTP_PASSWORD"])
    }

    @Test func fishCompletesNames() throws {
        let workspace = try workspace()
        let path = try script("fish", in: workspace)
        let run = try workspace.run(
            ["-c", "source \(path); complete -C 'tresor delete FTP_'"],
            executable: "/usr/bin/fish")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n") == ["FTP_PASSWORD", "FTP_USER"])
        let log = try workspace.run(
            ["-c", "source \(path); complete -C 'tresor log FTP_U'"], executable: "/usr/bin/fish")
        #expect(log.stdout.split(separator: "\n") == ["FTP_USER"], "\(log.output)")
        let comma = try workspace.run(
            ["-c", "source \(path); complete -C 'tresor exec --only FTP_USER,FTP_P'"],
            executable: "/usr/bin/fish")
        #expect(
            comma.stdout.split(separator: "\n").map { $0.prefix { $0 != "\t" } }
                == ["FTP_USER,FTP_PASSWORD"], "\(comma.output)")
        // A name already in the list is not offered again (found by a ninth fresh tester).
        let again = try workspace.run(
            ["-c", "source \(path); complete -C 'tresor exec --only FTP_USER,'"],
            executable: "/usr/bin/fish")
        #expect(
            again.stdout.split(separator: "\n").map { $0.prefix { $0 != "\t" } }
                == ["FTP_USER,FTP_PASSWORD"], "\(again.output)")
    }

    /// zsh completes only in an interactive shell: a driver starts one on a pseudo-terminal
    /// (zsh/zpty), types the words and a Tab, and waits for the completed name.
    @Test(arguments: [
        ("tresor show FTP_P", "FTP_PASSWORD", true), ("tresor show X", "FTP_", false),
    ])
    func zshCompletesNames(typed: String, expected: String, found: Bool) throws {
        let workspace = try workspace()
        try workspace.write(
            "zfunc/_tresor",
            try Data(contentsOf: URL(fileURLWithPath: script("zsh", in: workspace))))
        try workspace.write("drive.zsh", Self.zshDriver)
        let run = try workspace.run(
            [
                "-f", "drive.zsh", workspace.root.appendingPathComponent("zfunc").path, typed,
                expected,
            ], executable: "/usr/bin/zsh")
        #expect((run.status == 0) == found, "\(run.output)")
    }

    /// With the vault moved where the search upwards cannot find it, names come from the
    /// vault `--vault=DIR` or `--vault ~/DIR` names, in each shell; bash also completes the
    /// `--flag=value` form, which it splits into three words.
    @Test func namesComeFromTheVaultNamedWithEqualsOrTilde() throws {
        let workspace = try workspace()
        try FileManager.default.moveItem(
            at: workspace.root.appendingPathComponent("vault"),
            to: workspace.root.appendingPathComponent("kept"))
        workspace.environment["HOME"] = workspace.root.path
        let bash = try script("bash", in: workspace)
        func complete(_ words: [String]) throws -> [String] {
            try bashCompletions(of: words, script: bash, in: workspace)
        }
        #expect(try complete(["tresor", "show", "FTP_P"]) == [])
        #expect(
            try complete(["tresor", "--vault", "=", "kept", "show", "FTP_P"]) == ["FTP_PASSWORD"])
        #expect(try complete(["tresor", "--vault=kept", "show", "FTP_P"]) == ["FTP_PASSWORD"])
        #expect(try complete(["tresor", "show", "--vault", "~/kept", "FTP_P"]) == ["FTP_PASSWORD"])
        #expect(try complete(["tresor", "edit", "FTP_USER", "--type", "=", "pa"]) == ["password"])
        #expect(try complete(["tresor", "edit", "FTP_USER", "--type", "="]).contains("password"))
        let fish = try script("fish", in: workspace)
        for line in ["tresor delete --vault=kept FTP_", "tresor --vault ~/kept delete FTP_"] {
            let run = try workspace.run(
                ["-c", "source \(fish); complete -C '\(line)'"], executable: "/usr/bin/fish")
            #expect(run.stdout.split(separator: "\n") == ["FTP_PASSWORD", "FTP_USER"], "\(line)")
        }
        try workspace.write(
            "zfunc/_tresor",
            try Data(contentsOf: URL(fileURLWithPath: script("zsh", in: workspace))))
        try workspace.write("drive.zsh", Self.zshDriver)
        for typed in ["tresor --vault=kept show FTP_P", "tresor --vault ~/kept show FTP_P"] {
            let run = try workspace.run(
                [
                    "-f", "drive.zsh", workspace.root.appendingPathComponent("zfunc").path, typed,
                    "FTP_PASSWORD",
                ], executable: "/usr/bin/zsh")
            #expect(run.status == 0, "\(typed): \(run.output)")
        }
    }

    static let zshDriver = #"""
        zmodload zsh/zpty
        zpty -b z 'zsh -f -i'
        zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
        zpty -w -n z $2$'\t'
        out=""
        integer i
        for (( i = 0; i < 30; i++ )); do
            zpty -r -t z chunk && out+=$chunk
            [[ $out == *$3* ]] && { zpty -d z; exit 0 }
            sleep 0.1
        done
        zpty -d z
        exit 1
        """#
}
