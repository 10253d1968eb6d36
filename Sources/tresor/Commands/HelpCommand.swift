import TresorKit

/// `tresor help [COMMAND]`: the list of commands, or one command's usage, flags and details,
/// all generated from the command table.
enum HelpCommand {
    /// `help` as the completion scripts and the man page see it; the tool itself answers
    /// `help` before looking at the table.
    static var spec: CommandSpec {
        CommandSpec(
            name: "help", summary: "list the commands, or show one command's help",
            usage: "[COMMAND]", details: "The same text as `tresor COMMAND --help`.",
            flags: [], positionals: 0...1,
            run: { HelpCommand.run(topic: $0.arguments.positionals.first, console: $0.console) },
            operand: .choices(CommandLineTool.commands.map(\.name)))
    }

    static func run(topic: String?, console: Console) -> ExitCode {
        guard let topic else {
            console.print(overview)
            return .ok
        }
        // `help` is not in the table (the tool answers it first), but it is a command:
        // `tresor help help` was "unknown command" (found by a twenty-fifth fresh tester).
        let all = CommandLineTool.commands + [Self.spec]
        guard let spec = all.first(where: { $0.name == topic }) else {
            console.error(UsageError.unknownCommand(SecretName.printable(topic)))
            return .usage
        }
        console.print(help(for: spec))
        return .ok
    }

    static var overview: String {
        let width = CommandLineTool.commands.map(\.name.count).max() ?? 0
        let lines = CommandLineTool.commands.map {
            "  " + $0.name.padding(width) + "  " + $0.summary
        }
        return """
            tresor \(CommandLineTool.version): sealed secrets for BPMN process repositories

            usage: tresor COMMAND [ARGUMENTS] [--vault DIR] [--verbose | --quiet]

            commands:
            \(lines.joined(separator: "\n"))

            `tresor help COMMAND` or `tresor COMMAND --help` shows one command.
            exit codes: 0 ok, 1 problems found or failed, 2 usage error, 3 vault error,
            4 master key error, 5 vault locked, 6 file error
            """
    }

    static func help(for spec: CommandSpec) -> String {
        let flags = spec.flags + FlagSpec.common
        let labels = flags.map { flag in
            let short = flag.short.map { "-\($0), " } ?? "    "
            return short + "--" + flag.long + (flag.value.map { " " + $0 } ?? "")
        }
        let width = labels.map(\.count).max() ?? 0
        let rows = zip(labels, flags).map { "  " + $0.padding(width) + "  " + $1.help }
        return """
            usage: tresor \(spec.name) \(spec.usage)

            \(spec.summary)

            \(spec.details)

            flags:
            \(rows.joined(separator: "\n"))
            """
    }
}

extension String {
    /// The string padded with spaces to `width` columns.
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
