import TresorKit

/// `tresor status --out DIR`: the outputs of a deploy that went stale.
enum StatusCommand {
    static let spec = CommandSpec(
        name: "status", summary: "list deploy outputs whose secrets changed or were deleted",
        usage: "--out DIR [--json]",
        details: """
            Reads DIR/manifest.json (written by `tresor deploy`) and compares the digest of
            each secret's envelope recorded there with the vault's file now. Prints the path
            (relative to DIR) of every stale output, one per line, so a deploy script can
            re-render only those; --verbose adds which secrets changed or were deleted on
            standard error. Any re-seal counts as a change (an edit, `tresor rekey`), even
            when the value stayed the same. Needs no master key.
            """,
        flags: [
            .option("out", "DIR", "the output folder of a deploy", short: "o"),
            .json,
        ],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        guard let out = invocation.arguments.value("out").map(invocation.environment.absolute)
        else { throw UsageError.missingFlag("status", "--out", "DIR") }
        let vault = try invocation.openVault()
        let manifest = try DeployManifest.read(from: out)
        let stale = try StaleCheck.stale(manifest, vault: vault)
        if invocation.wantsJSON {
            try JSONOutput.print(stale.map(json), console: invocation.console)
        } else {
            for item in stale {
                invocation.console.print(TerminalText.quoted(item.output.path))
                invocation.console.step(
                    "\(TerminalText.quoted(item.output.path)): \(reasons(item))")
            }
        }
        invocation.console.info(
            "\(stale.count) of \(manifest.outputs.count) outputs stale (deployed "
                + "\(manifest.deployedAt))")
        return .ok
    }

    private static func reasons(_ item: StaleCheck.Stale) -> String {
        var parts: [String] = []
        if !item.changed.isEmpty { parts.append("changed " + item.changed.joined(separator: ", ")) }
        if !item.deleted.isEmpty { parts.append("deleted " + item.deleted.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    private static func json(_ item: StaleCheck.Stale) -> [String: Any] {
        var object: [String: Any] = [
            "path": item.output.path, "kind": item.output.kind.rawValue,
            "source": item.output.source, "changed": item.changed, "deleted": item.deleted,
        ]
        object["process"] = item.output.process
        object["task"] = item.output.task
        object["parameter"] = item.output.parameter
        return object
    }
}
