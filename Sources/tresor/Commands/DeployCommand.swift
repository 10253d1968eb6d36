import TresorKit

/// `tresor deploy --out DIR [--processes DIR]`: validate, then render everything a deploy
/// script needs, all or nothing.
enum DeployCommand {
    static let spec = CommandSpec(
        name: "deploy", summary: "validate, then render processes, task inputs and a manifest",
        usage: "--out DIR [--processes DIR] [--force]",
        details: """
            Checks the vault and the process folder as `validate` does; on any error, writes
            nothing and exits 1. Then writes, all or nothing, into --out DIR (files 0600,
            folders 0700):
              processes/   the process folder with every placeholder resolved
              inputs/PROCESS/TASK/PARAMETER.json   each task input holding a secret
              manifest.json   every file written, the secrets each holds and a digest of
                              each secret's envelope (no values)
            and, for the vault's own process folder, records where each secret is used in
            vault/usage-index.json for `tresor usage`. `tresor status --out DIR` later lists
            the outputs that went stale. Needs the master key. Render into a private folder
            and delete it after use (Hooks/deploy.sh does both).
            """,
        flags: [
            .option("out", "DIR", "the output folder", short: "o"),
            .processes,
            .flag("force", "replace an existing, non-empty output folder"),
        ],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        guard let out = invocation.arguments.value("out").map(invocation.environment.absolute)
        else { throw UsageError.missingFlag("deploy", "--out", "DIR") }
        let vault = try invocation.openVault()
        let folder = try invocation.processesFolder(vault)
        guard FileReader.isFolder(folder) else {
            throw UsageError.invalid(
                "deploy", "process folder \(folder) does not exist or is not a folder")
        }
        try OutputGuard.checkSource(
            folder, keys: KeyStore.protectedLocations(environment: invocation.environment))
        var deployment = Deployment(
            vault: vault, processes: folder, output: out,
            displayPrefix: invocation.displayPath(folder))
        deployment.replace = invocation.arguments.has("force")
        _ = try deployment.validate()
        // A refused output is refused before the warning that it is in the repository
        // (`run` checks it again just before writing).
        try OutputGuard(protected: [vault.folder, folder], environment: invocation.environment)
            .checkFolder(out, replace: deployment.replace)
        invocation.warnIfInRepository(out, vault)
        invocation.console.step("validated the vault and \(invocation.displayPath(folder))")
        let resolver = invocation.resolver(for: vault)
        let summary = try deployment.run(resolver: resolver, environment: invocation.environment)
        if summary.recordedUsage {
            invocation.console.step("recorded usage in \(UsageIndex.path(in: vault))")
        } else {
            invocation.console.step(
                "left \(UsageIndex.path(in: vault)) as it was: \(invocation.displayPath(folder)) "
                    + "is not the vault's process folder")
        }
        try ProcessScan.unreadFindings(in: folder, displayPrefix: invocation.displayPath(folder))
            .forEach(invocation.console.finding)
        invocation.console.info(
            "deployed \(count(summary.render.rendered, "process file")) "
                + "(\(count(summary.render.secrets, "secret"))), "
                + "\(count(summary.inputs, "task input")) and "
                + "\(count(summary.render.copied, "other file")) into "
                + invocation.displayPath(out))
        if let leftover = summary.leftover {
            throw LeftoverOutputError(path: invocation.displayPath(leftover))
        }
        return .ok
    }
}
