import TresorKit

/// `tresor list [QUERY] [--type TYPE]`: secrets whose name or display name contains QUERY.
enum ListCommand {
    static let spec = CommandSpec(
        name: "list", summary: "list secrets, searching names and display names",
        usage: "[QUERY] [--type TYPE] [--json]",
        details: """
            QUERY matches names and display names, ignoring case. Values are never shown.
            """,
        flags: [
            .option("type", "TYPE", "only secrets of this type", short: "t"),
            .json,
        ],
        positionals: 0...1, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let type = try invocation.arguments.value("type").map { text throws in
            try SecretType(parsing: text)
        }
        let query = invocation.arguments.positionals.first?.lowercased()
        let (records, errors) = try vault.records()
        let matching = records.filter { record in
            let matchesType = type.map { record.type == $0 } ?? true
            let matchesQuery =
                query.map {
                    record.name.text.lowercased().contains($0)
                        || record.displayName.lowercased().contains($0)
                } ?? true
            return matchesType && matchesQuery
        }
        errors.forEach(invocation.console.error)
        if invocation.wantsJSON {
            try JSONOutput.print(matching.map(JSONOutput.record), console: invocation.console)
        } else {
            print(matching, console: invocation.console)
        }
        // The first problem's own code: a broken file is a vault error (3), a file that
        // cannot be read an input/output error (6), as every other command says.
        return errors.first?.exitCode ?? .ok
    }

    private static func print(_ records: [SecretRecord], console: Console) {
        let width = records.map(\.name.text.count).max() ?? 0
        let typeWidth = records.map(\.type.rawValue.count).max() ?? 0
        for record in records {
            console.print(
                record.name.text.padding(width) + "  " + record.type.rawValue.padding(typeWidth)
                    + "  " + TerminalText.escaped(record.displayName))
        }
        console.info(count(records.count, "secret"))
    }
}
