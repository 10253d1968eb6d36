import TresorKit

/// `tresor hook pre-commit | install`: the git hooks' checks, and wiring the hooks in.
enum HookCommand {
    static let spec = CommandSpec(
        name: "hook", summary: "run the pre-commit checks on staged files, or install the hooks",
        usage: "pre-commit [--format text|json | --json] | install [--append]",
        details: """
            pre-commit: checks the files staged for the next commit, read from the index
            with git plumbing: any file holding a master key; changed vault files (schema,
            envelope sealed to the current key id, no comment but the header, no conflict
            markers, updated.by naming the author, the editors list); changed process files
            (near-misses, unknown secrets, unsupported places, plaintext credentials).
            Quiet when clean; findings as path:line:col: rule: message, a hint, a summary.
            Exit 1 when a finding is an error. Needs no master key.
            The pre-merge-commit hook runs them on a merge git makes without conflicts:
            the merge's own changes, then each commit it brings in, with its own author.
            install: writes Hooks/pre-commit and Hooks/pre-merge-commit into the
            repository's hooks folder (core.hooksPath when set). An existing hook is never
            replaced: --append puts Tresor's script next to it and appends one line that
            calls it.
            """,
        flags: [
            .format, .json,
            .flag("append", "install: call Tresor's hooks from existing hooks"),
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
        // Run from the pre-merge-commit hook, the merge's other commits are in the
        // environment.
        let environment = invocation.environment
        let snapshot = try GitSnapshot.index(
            in: environment.currentDirectory,
            mergedHeads: GitSnapshot.mergedHeads(in: environment.variables))
        invocation.console.step("\(snapshot.changes.count) staged changes in \(snapshot.top)")
        let check = CommitCheck(vaultFolder: try invocation.vaultFolder(top: snapshot.top))
        var reports = [try check.run(snapshot)]
        // A merge's own changes are in the snapshot (``MergeProvenance``); the commits it
        // brings in were made where no hook of this repository ran (or with --no-verify),
        // and are checked as `verify` checks them, each with its own author.
        if !snapshot.mergedHeads.isEmpty {
            let commits = try GitSnapshot.commits(
                mergedFrom: snapshot.mergedHeads, top: snapshot.top)
            invocation.console.step(
                "checking the \(count(commits.count, "commit")) the merge brings in")
            for commit in commits {
                let report = try check.run(try GitSnapshot.commit(commit, top: snapshot.top))
                if !report.findings.isEmpty || !report.silenced.isEmpty { reports.append(report) }
            }
        }
        return try output.print(reports)
    }

    private static func install(_ invocation: Invocation) throws -> ExitCode {
        let top = try GitSnapshot.topLevel(of: invocation.environment.currentDirectory)
        let append = invocation.arguments.has("append")
        // Each hook on its own: a foreign pre-merge-commit hook does not keep the pre-commit
        // hook out. The refusals are said in order, the last as the command's error; one
        // said for both hooks (a hook folder that cannot be made) is said once.
        var refusals: [any Error] = []
        for kind in GitHook.allCases {
            do {
                report(try HookInstaller.install(top: top, append: append, kind), kind, invocation)
            } catch {
                refusals.append(error)
            }
        }
        if let last = refusals.last {
            let lastMessage = (last as? any TresorError)?.message
            for case let refusal as any TresorError in refusals.dropLast()
            where refusal.message != lastMessage {
                invocation.console.error(refusal)
            }
            throw last
        }
        warnings(top: top, invocation)
        return .ok
    }

    /// One line for what installing `kind` did.
    private static func report(
        _ outcome: HookInstaller.Outcome, _ kind: GitHook, _ invocation: Invocation
    ) {
        let console = invocation.console
        switch outcome {
        case .installed(let path):
            console.info("installed the \(kind.fileName) hook at \(path)")
        case .alreadyInstalled(let path):
            console.info("\(path) already runs tresor; nothing changed")
        case .companionRestored(let path):
            console.info(
                "the hook calls \(path), which was missing or changed; wrote Tresor's script there")
        case .madeExecutable(let path):
            console.info(
                "\(path) runs tresor but was not executable, so git skipped it; made it executable")
        case .appended(let hook, let script):
            console.info("wrote \(script) and appended a call to it to \(hook)")
        case .updated(let path):
            console.info("\(path) held an earlier release's script; updated it")
        }
    }

    /// What the hooks will not see: a hook folder in the work tree, a vault elsewhere; and
    /// a `tresor` they cannot find.
    private static func warnings(top: String, _ invocation: Invocation) {
        if let problem = HookInstaller.hookBinaryProblem(
            variables: invocation.environment.variables, top: top)
        {
            invocation.console.warning(
                "the hooks' tresor: \(problem): run `make install`, or set TRESOR in the "
                    + "environment git commits run in")
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
