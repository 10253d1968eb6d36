import TresorKit

/// One command of the command table: its name, its help, its flags, how many positional
/// arguments it takes, and what it runs. Help, parsing and (later) completions are all
/// derived from this table, so they cannot drift apart.
struct CommandSpec: Sendable {
    let name: String
    let summary: String
    /// The usage line after `tresor NAME`, e.g. `NAME [--type TYPE]`.
    let usage: String
    /// Longer help: what the command does, where values come from, examples.
    let details: String
    let flags: [FlagSpec]
    /// How many positional arguments are accepted.
    let positionals: ClosedRange<Int>
    let run: @Sendable (Invocation) throws -> ExitCode
    /// What the positional arguments complete to in a shell.
    var operand: CompletionKind = .nothing
    /// True when the first positional argument ends the flags, as for `env` and `sudo`:
    /// `exec`'s command keeps its own flags (`grep -v` was taken as `--verbose`).
    var flagsEndAtFirstArgument = false
}

/// A flag of a command: `--long VALUE` or a switch `--long`, with an optional short form.
struct FlagSpec: Sendable, Hashable {
    let long: String
    let short: Character?
    /// The placeholder of the value in help (`TEXT`, `PATH`); nil for a switch.
    let value: String?
    let help: String

    static func option(_ long: String, _ value: String, _ help: String, short: Character? = nil)
        -> FlagSpec
    {
        FlagSpec(long: long, short: short, value: value, help: help)
    }

    static func flag(_ long: String, _ help: String, short: Character? = nil) -> FlagSpec {
        FlagSpec(long: long, short: short, value: nil, help: help)
    }

    /// `--processes DIR`, for commands that read the process folder.
    static let processes = option(
        "processes", "DIR", "the process folder (default: the vault's setting)")
    /// `--json`, for read-only commands.
    static let json = flag("json", "print JSON")

    /// Flags every command takes.
    static let common: [FlagSpec] = [
        .option("vault", "DIR", "the vault folder (default: vault/ here or in a parent)"),
        .flag("verbose", "log one line per step on standard error", short: "v"),
        .flag("quiet", "print only errors", short: "q"),
        .flag("help", "show this help", short: "h"),
        .option("color", "WHEN", "colour: auto (on a terminal, unless NO_COLOR), always, never"),
    ]
}
