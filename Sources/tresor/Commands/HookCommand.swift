import TresorKit

/// `tresor hook pre-commit | install`: the git pre-commit hook, and wiring it in.
enum HookCommand {
    static let spec = CommandSpec(
        name: "hook", summary: "run the pre-commit checks on staged files, or install the hook",
        usage: "pre-commit [--format text|json | --json] | install [--append]",
        details: """
            pre-commit: checks the files staged for the next commit, read from the index
            with git plumbing: any file holding a master key; changed vault files (schema,
            envelope sealed to the current key id, no comment but the header, no conflict
            markers, updated.by naming the author, the editors list); changed process files
            (near-misses, unknown secrets, unsupported places, plaintext credentials).
            Quiet when clean; findings as path:line:col: rule: message, a hint, a summary.
            Exit 1 when a finding is an error. Needs no master key.
            install: writes Hooks/pre-commit into the repository's hooks folder
            (core.hooksPath when set). An existing hook is never replaced: --append puts
            Tresor's script next to it and appends one line that calls it.
            """,
        flags: [
            .format, .json,
            .flag("append", "install: call Tresor's hook from an existing pre-commit hook"),
        ],
        positionals: 1...1, run: run, operand: .choices(["pre-commit", "install"]))

    static func run(_ invocation: Invocation) throws -> ExitCode {
        switch invocation.arguments.positionals[0] {
        case "pre-commit": return try preCommit(invocation)
        case "install": return try install(invocation)
        default:
            throw UsageError.invalid("hook", "the subcommand is pre-commit or install")
        }
    }

    private static func preCommit(_ invocation: Invocation) throws -> ExitCode {
        let output = CommitOutput(invocation: invocation)
        _ = try output.isJSON()
        let snapshot = try GitSnapshot.index(in: invocation.environment.currentDirectory)
        invocation.console.step("\(snapshot.changes.count) staged changes in \(snapshot.top)")
        let check = CommitCheck(vaultFolder: try invocation.vaultFolder(top: snapshot.top))
        let report = try check.run(snapshot)
        return try output.print([report])
    }

    private static func install(_ invocation: Invocation) throws -> ExitCode {
        let top = try GitSnapshot.topLevel(of: invocation.environment.currentDirectory)
        let append = invocation.arguments.has("append")
        switch try HookInstaller.install(top: top, append: append) {
        case .installed(let path):
            invocation.console.info("installed the pre-commit hook at \(path)")
        case .alreadyInstalled(let path):
            invocation.console.info("\(path) already runs tresor; nothing changed")
        case .companionRestored(let path):
            invocation.console.info(
                "the hook calls \(path), which was missing or changed; wrote Tresor's script there")
        case .madeExecutable(let path):
            invocation.console.info(
                "\(path) runs tresor but was not executable, so git skipped it; made it executable")
        case .appended(let hook, let script):
            invocation.console.info("wrote \(script) and appended a call to it to \(hook)")
        case .updated(let path):
            invocation.console.info("\(path) held an earlier release's script; updated it")
        }
        if case .inWorkTree(let path, let file) = RepositoryChecks.hook(in: top) {
            invocation.console.warning(
                "\(path) runs \(file), a file of the work tree: any commit can change what "
                    + "the hook runs; keep hooks in .git/hooks (unset core.hooksPath)")
        }
        // The hook checks vault/ at the top; a vault found from here elsewhere would go
        // unchecked without a word (found by a fresh user).
        if !FileReader.exists(top + "/vault/" + Vault.configFile),
            let vault = try? invocation.openVault(), !vault.folder.isSamePath(as: top + "/vault")
        {
            invocation.console.warning(
                "the hook checks the vault at \(top)/vault, not \(vault.folder): commits to that "
                    + "vault are not checked; run `tresor validate` there in CI")
        }
        return .ok
    }
}

extension FlagSpec {
    /// `--format text|json`, for the commit checks.
    static let format = option("format", "FORMAT", "text (default) or json")
}

extension Invocation {
    /// The vault folder relative to the top of the repository: `--vault DIR`, else `vault`.
    func vaultFolder(top: String) throws -> String {
        guard let explicit = arguments.value("vault") else { return "vault" }
        let absolute = environment.absolute(explicit)
        if absolute.isSamePath(as: top) { return "" }
        guard let relative = absolute.relativePath(in: top) else {
            throw UsageError.invalid(command, "--vault must name a folder in the repository")
        }
        return String(relative)
    }
}
