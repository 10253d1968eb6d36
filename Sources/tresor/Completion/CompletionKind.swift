import TresorKit

/// What a flag's value or a command's operand completes to in a shell.
enum CompletionKind: Sendable, Hashable {
    case nothing
    /// Names of the vault's secrets, read from its file names by `tresor completion --names`.
    case secretName
    case file
    case folder
    case choices([String])
}

extension FlagSpec {
    /// Derived from the value's placeholder in help, so the command table stays the only
    /// source: `TYPE` completes types, `DIR` folders, `PATH` and `FILE` files.
    var completion: CompletionKind {
        switch value {
        case "TYPE": .choices(SecretType.allCases.map(\.rawValue))
        case "DIR": .folder
        case "PATH", "FILE": .file
        case "NAME", "NAMES": .secretName
        case "FORMAT": .choices(["text", "json"])
        case "SHELL": .choices(CompletionShell.allCases.map(\.rawValue))
        case "WHEN": .choices(["auto", "always", "never"])
        default: .nothing
        }
    }
}

/// The shells `tresor completion` writes scripts for.
enum CompletionShell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// The command table as the completion scripts see it: `help` is handled outside the
/// table but completes like a command.
enum CompletionTable {
    static var commands: [CommandSpec] {
        CommandLineTool.commands + [HelpCommand.spec]
    }

    /// Every flag a command takes, its own first.
    static func flags(of spec: CommandSpec) -> [FlagSpec] {
        spec.flags + FlagSpec.common
    }

    /// The common flags that take a value, skipped with their value when looking for the
    /// command among the words typed so far.
    static var commonValueFlags: [String] {
        FlagSpec.common.filter { $0.value != nil }.map { "--" + $0.long }
    }
}
