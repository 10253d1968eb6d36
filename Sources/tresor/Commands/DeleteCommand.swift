import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// `tresor delete NAME [--yes]`: shows where the secret is used, asks, removes its file.
enum DeleteCommand {
    static let spec = CommandSpec(
        name: "delete", summary: "remove a secret after showing where it is used",
        usage: "NAME [--yes] [--processes DIR]",
        details: """
            Lists the processes and tasks that use the secret, then asks for confirmation
            (--yes skips the question; needed when standard input is not a terminal).
            Rendering a process that still uses it then fails with "secret not found".
            Git history keeps the old sealed value: to revoke the credential, rotate it where
            it is issued.
            """,
        flags: [
            .flag("yes", "do not ask for confirmation", short: "y"),
            .processes,
        ],
        positionals: 1...1, run: run, operand: .secretName)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let name = try invocation.name(at: 0)
        let vault = try invocation.openVault()
        // Only existence matters: a malformed file must stay deletable.
        guard vault.exists(name) else { throw VaultError.secretNotFound(name) }
        // What is shown and confirmed is this file: if it changes before the answer, the
        // delete is refused.
        let shown = vault.fileState(of: name)
        let console = invocation.console
        // Limitation: uses are the references `usage` lists; a placeholder in a place that
        // is refused (an unsafe context) is not one (README, Known limitations).
        let (uses, unreadable, checked) = try usesOf(name, vault: vault, invocation: invocation)
        if !checked {
            console.warning(
                "no process folder at \(vault.config.processes): no process was checked")
        } else if !unreadable.isEmpty {
            console.warning("\(count(unreadable.count, "process file")) could not be checked:")
            unreadable.forEach { console.warning("  " + UsageCommand.notRead($0)) }
        }
        // Unchecked is said by the warning above: no "used in 0 places" after it (found by
        // a forty-seventh fresh tester).
        if checked, uses.isEmpty {
            let read = unreadable.isEmpty ? "any process" : "any process file that could be read"
            console.info("\(name) is not used by \(read)")
        } else if checked {
            console.info("\(name) is used in \(count(uses.count, "place")):")
            uses.forEach { console.info("  \($0)") }
        }
        guard try confirmed(name, invocation) else {
            console.info("nothing deleted")
            return .problems
        }
        try vault.delete(name, ifUnchangedFrom: shown)
        console.info("deleted \(name); renders that use it now fail until it is created again")
        return .ok
    }

    /// The places `name` is used, the process files that could not be read, and whether
    /// a process folder was read at all: only the default folder may be missing (a vault
    /// without processes), as for `validate`; a folder named by `--processes` or
    /// `settings.processes` that is not there is a typo or a moved folder, and "not used by
    /// any process" let a secret still in use be deleted (found by a forty-fourth fresh
    /// tester).
    private static func usesOf(
        _ name: SecretName, vault: Vault, invocation: Invocation
    ) throws -> (uses: [String], unreadable: [Finding], checked: Bool) {
        let folder = try invocation.processesFolder(vault)
        guard FileReader.isFolder(folder) else {
            if invocation.arguments.value("processes") != nil
                || !vault.config.namesDefaultProcesses
                || FileTree.kind(of: folder) != .missing
            {
                throw UsageError.invalid(
                    "delete",
                    "process folder \(folder) does not exist or is not a folder, so where "
                        + "\(name) is used cannot be checked; nothing was deleted (fix "
                        + "settings.processes in vault/vault.yaml, or pass --processes DIR)")
            }
            return ([], [], false)
        }
        // Named as `validate` names them: whole paths were long, and unlike every other
        // command's (found by a twenty-fifth fresh tester).
        let report = try UsageReport.scan(
            folder: folder, vault: vault, displayPrefix: invocation.displayPath(folder))
        let uses = report.references(to: name).map { "\($0.location): \($0.whereabouts)" }
        return (uses, report.unreadable, true)
    }

    private static func confirmed(_ name: SecretName, _ invocation: Invocation) throws -> Bool {
        if invocation.arguments.has("yes") { return true }
        guard isatty(0) != 0 else {
            throw UsageError.invalid("delete", "standard input is not a terminal; pass --yes")
        }
        Console.write(2, "Delete \(name)? Type the name to confirm: ")
        let answer = readLine(strippingNewline: true) ?? ""
        return answer == name.text
    }
}
