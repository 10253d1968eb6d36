import TresorKit

/// `tresor show NAME`: a secret's metadata. Never its value.
enum ShowCommand {
    static let spec = CommandSpec(
        name: "show", summary: "print a secret's metadata (never its value)",
        usage: "NAME [--json]",
        details: "Prints name, display name, type, key id, and who created and last changed it.",
        flags: [.json], positionals: 1...1, run: run, operand: .secretName)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let name = try invocation.name(at: 0)
        let record = try invocation.openVault().read(name)
        if invocation.wantsJSON {
            try JSONOutput.print(JSONOutput.record(record), console: invocation.console)
            return .ok
        }
        let console = invocation.console
        console.print("name:         \(record.name)")
        // Text from a vault file anyone may edit: shown as terminal text.
        console.print("display name: \(TerminalText.escaped(record.displayName))")
        console.print("type:         \(record.type.rawValue)")
        console.print(
            "sealed to:    \(record.value.recipients.map(\.text).joined(separator: ", "))")
        let by = { (stamp: AuditStamp) in TerminalText.escaped(stamp.by) }
        console.print("created:      \(record.created.at) by \(by(record.created))")
        console.print("updated:      \(record.updated.at) by \(by(record.updated))")
        return .ok
    }
}
