import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Colour for one output stream. `--color auto` (the default) colours only a terminal, and
/// not when `NO_COLOR` is set to anything or `TERM` is `dumb`; `--color always` and
/// `--color never` decide outright (a flag given on purpose wins over the variable, as
/// no-color.org asks).
struct TerminalStyle: Sendable {
    let enabled: Bool

    static let plain = TerminalStyle(enabled: false)

    /// The style for `descriptor` (1 or 2) given the `--color` choice.
    static func resolve(
        _ choice: String?, command: String, environment: TresorEnvironment, descriptor: Int32
    ) throws(UsageError) -> TerminalStyle {
        switch choice ?? "auto" {
        case "always": return TerminalStyle(enabled: true)
        case "never": return .plain
        case "auto":
            let variables = environment.variables
            let noColor = !(variables["NO_COLOR"] ?? "").isEmpty
            let dumb = variables["TERM"] == "dumb"
            return TerminalStyle(enabled: isatty(descriptor) == 1 && !noColor && !dumb)
        default:
            throw .invalid(command, "--color takes auto, always or never")
        }
    }

    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func bold(_ text: String) -> String { paint(text, "1") }

    private func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension Console {
    /// Sets both streams' styles from `--color` and the environment.
    mutating func useColor(
        _ choice: String?, command: String, environment: TresorEnvironment
    ) throws(UsageError) {
        outStyle = try .resolve(
            choice, command: command, environment: environment, descriptor: 1)
        errorStyle = try .resolve(
            choice, command: command, environment: environment, descriptor: 2)
    }
}
