import TresorKit

/// `tresor log NAME`: a secret's history from git. Never a value.
enum LogCommand {
    static let spec = CommandSpec(
        name: "log", summary: "show a secret's history from git (never its value)",
        usage: "NAME [--json]",
        details: """
            For each commit that changed vault/NAME.yaml, oldest first: the date, the commit,
            the author, and what changed: created, display name, type, key ids, "value
            changed", deleted. Values are never opened; needs no master key.
            """,
        flags: [.json], positionals: 1...1, run: run, operand: .secretName)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let name = try invocation.name(at: 0)
        let top = try GitSnapshot.topLevel(of: invocation.environment.currentDirectory)
        let entries = try SecretHistory.entries(
            for: name, vaultFolder: try invocation.vaultFolder(top: top), top: top)
        guard !entries.isEmpty else {
            // A secret created but not committed yet has a file and no history.
            if let vault = try? invocation.openVault(), vault.exists(name) {
                throw NoHistoryError(name: name)
            }
            throw VaultError.secretNotFound(name)
        }
        if invocation.wantsJSON {
            let objects = entries.map { entry -> [String: Any] in
                [
                    "commit": entry.commit, "date": entry.date, "author": entry.author.name,
                    "email": entry.author.email, "changes": entry.changes,
                ]
            }
            try JSONOutput.print(objects, console: invocation.console)
            return .ok
        }
        for entry in entries {
            // Authors and stamps are anyone's text: escaped, as every command's terminal
            // output is (they reached the terminal raw; found by a third fresh tester).
            invocation.console.print(
                "\(entry.date)  \(entry.commit.prefix(12))  "
                    + TerminalText.escaped(entry.author.description) + "  "
                    + entry.changes.map { TerminalText.escaped($0) }.joined(separator: "; "))
        }
        return .ok
    }
}

/// A secret whose file exists but that git has no commit of yet.
struct NoHistoryError: TresorError {
    let name: SecretName
    var message: String { "\(name) has no history yet: its file was never committed" }
    var hint: String? { "commit vault/\(name).yaml; `tresor show \(name)` shows it now" }
    var exitCode: ExitCode { .problems }
}
