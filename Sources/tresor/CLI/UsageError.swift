import TresorKit

/// A wrong command line. Always exit code 2, with a hint to the command's help.
enum UsageError: TresorError {
    case unknownCommand(String)
    /// A flag every command takes (`--vault DIR`) with no command after it.
    case commandMissing(String)
    case unknownFlag(String, String)
    /// A flag before the command name that no command takes there.
    case unknownLeadingFlag(String)
    /// A known flag with more letters run onto it (`--outDIR`), in a command (nil: before
    /// it); the letters are never shown.
    case flagRunOn(String?, String)
    case repeatedFlag(String, String)
    case missingValue(String, String, String)
    /// A flag the command cannot do without, not given at all.
    case missingFlag(String, String, String)
    case unexpectedValue(String, String)
    case missingArgument(String, String)
    case extraArgument(String, Int)
    case invalid(String, String)
    case valueOnCommandLine(String)
    /// An argument holds a master key's text (its fixed prefix); which one is not said.
    case keyOnCommandLine
    /// The argument at this position (from 1) is not UTF-8; it is never shown, as it may
    /// hold anything.
    case argumentNotUTF8(Int)

    var message: String {
        switch self {
        case .unknownCommand(let name): "unknown command \"\(name)\""
        case .commandMissing(let flag): "a command must follow \(flag) (tresor \(flag) COMMAND)"
        case .unknownFlag(let command, let flag): "\(command): unknown flag \(flag)"
        case .unknownLeadingFlag(let flag): "unknown flag \(flag) before the command"
        case .flagRunOn(let command, let flag):
            (command.map { "\($0): " } ?? "")
                + "unknown flag: \(flag) with more letters after it (not shown here: they may "
                + "be a value)"
        case .repeatedFlag(let command, let flag): "\(command): \(flag) is given twice"
        case .missingValue(let command, let flag, let value):
            "\(command): \(flag) needs a value (\(flag) \(value))"
        case .missingFlag(let command, let flag, let value):
            "\(command): \(flag) \(value) is required"
        case .unexpectedValue(let command, let flag): "\(command): \(flag) takes no value"
        case .missingArgument(let command, let usage):
            "\(command): missing argument; usage: tresor \(command) \(usage)"
        case .extraArgument(let command, let position):
            // The argument itself is not echoed: it could be a value typed by mistake.
            "\(command): unexpected argument (argument \(position))"
        case .invalid(let command, let reason): "\(command): \(reason)"
        case .valueOnCommandLine(let command):
            "\(command): values are never taken from the command line (the process list and "
                + "shell history would show them)"
        case .keyOnCommandLine:
            "an argument holds a master key (TRESOR-SECRET-KEY-1...); keys are never taken "
                + "from the command line, and nothing was done"
        case .argumentNotUTF8(let position):
            "argument \(position) is not UTF-8; tresor reads paths and names as UTF-8, and "
                + "nothing was done"
        }
    }

    var hint: String? {
        switch self {
        case .unknownCommand, .commandMissing: "`tresor help` lists the commands"
        case .unknownLeadingFlag:
            "before the command only the flags every command takes may stand; `tresor help` "
                + "lists them"
        case .flagRunOn(let command, _):
            "a flag's value goes after a space or =, as --out DIR or --out=DIR; "
                + (command.map { "`tresor \($0) --help` shows its usage" }
                    ?? "`tresor help` lists the flags")
        case .valueOnCommandLine:
            "pipe the value on standard input, use --value-file PATH, or answer the prompt"
        case .keyOnCommandLine:
            "give the key through TRESOR_KEY_FILE, TRESOR_KEY or TRESOR_KEY_COMMAND; shell "
                + "history and the process list may have kept it, so consider `tresor rekey`"
        case .argumentNotUTF8:
            // Not only paths: a secret name too (found by a fresh tester).
            "arguments are read as UTF-8: type it again, or, if it names a file or folder, "
                + "rename that to a UTF-8 name (for example with convmv)"
        case .unknownFlag(let command, _), .repeatedFlag(let command, _),
            .missingValue(let command, _, _), .missingFlag(let command, _, _),
            .unexpectedValue(let command, _),
            .missingArgument(let command, _), .extraArgument(let command, _),
            .invalid(let command, _):
            "`tresor \(command) --help` shows its usage"
        }
    }

    var exitCode: ExitCode { .usage }
}
