import TresorKit

/// `tresor completion SHELL`: a completion script for bash, zsh or fish, generated from the
/// command table; `--names` prints the vault's secret names for those scripts.
enum CompletionCommand {
    static let spec = CommandSpec(
        name: "completion", summary: "print a shell completion script (bash, zsh, fish)",
        usage: "bash | zsh | fish",
        details: """
            Completes commands, flags, types, files and secret names. Secret names are read
            from the vault's file names (never from the files), so completing needs no master
            key. Install:
              bash: tresor completion bash > /usr/share/bash-completion/completions/tresor
              zsh:  tresor completion zsh > "${fpath[1]}/_tresor"
              fish: tresor completion fish > ~/.config/fish/completions/tresor.fish
            `make install` and the release tarball put them in place.
            """,
        flags: [.flag("names", "print the vault's secret names, one a line (for the scripts)")],
        positionals: 0...1, run: run,
        operand: .choices(CompletionShell.allCases.map(\.rawValue)))

    static func run(_ invocation: Invocation) throws -> ExitCode {
        if invocation.arguments.has("names") {
            printNames(invocation)
            return .ok
        }
        guard let word = invocation.arguments.positionals.first else {
            throw UsageError.missingArgument(spec.name, spec.usage)
        }
        guard let shell = CompletionShell(rawValue: word) else {
            throw UsageError.invalid(
                spec.name, "unknown shell \"\(SecretName.printable(word))\" (bash, zsh, fish)")
        }
        switch shell {
        case .bash: invocation.console.print(BashCompletion.script())
        case .zsh: invocation.console.print(ZshCompletion.script())
        case .fish: invocation.console.print(FishCompletion.script())
        }
        return .ok
    }

    /// Names from file names only; a missing or broken vault prints nothing, since a
    /// completion must never fill the terminal with errors.
    private static func printNames(_ invocation: Invocation) {
        guard
            let folder = try? Vault.locate(
                explicit: invocation.arguments.value("vault"),
                environment: invocation.environment),
            let names = try? Vault(folder: folder).names()
        else { return }
        names.forEach { invocation.console.print($0.text) }
    }
}
