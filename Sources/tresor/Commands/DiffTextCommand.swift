import TresorKit

/// `tresor diff-text FILE`: a vault file as `git diff` should show it (a textconv driver).
enum DiffTextCommand {
    static let spec = CommandSpec(
        name: "diff-text", summary: "print a vault file for git diff (textconv driver)",
        usage: "FILE",
        details: """
            Prints a secret file's metadata line by line and its value as key ids and a
            fingerprint, so `git diff` shows "value: sealed to ..., fingerprint ..." lines
            instead of base64 noise; a changed value is a changed fingerprint. vault.yaml is
            printed as it is; a file that reads as neither is printed line by line, but for
            lines that are no field of a secret file. Set up once per clone:
              git config diff.tresor.textconv "tresor diff-text"
            and in .gitattributes: vault/*.yaml diff=tresor
            """,
        flags: [], positionals: 1...1, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let path = invocation.environment.absolute(invocation.arguments.positionals[0])
        let bytes = try FileReader.read(path, limit: Vault.maximumFileSize)
        // What `git diff` shows: a master key in a display name is masked, as every other
        // command masks one (found by an eighth fresh tester).
        let text = SecretFileText.render(bytes)
        invocation.console.writeData(MasterKey.masked(text) ?? text)
        return .ok
    }
}
