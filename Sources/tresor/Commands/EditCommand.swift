import TresorKit

/// `tresor edit NAME [--display-name TEXT] [--type TYPE] [--new-value | --value-file PATH]`.
enum EditCommand {
    static let spec = CommandSpec(
        name: "edit", summary: "change a secret's display name, type or value",
        usage: "NAME [--display-name TEXT] [--type TYPE] [--new-value | --value-file PATH]",
        details: """
            Without --new-value or --value-file the value is left as it was, byte for byte.
            --new-value reads a new value as `create` does: piped standard input (one
            trailing newline dropped) or a prompt. Names cannot be changed.
            """,
        flags: [
            .option("display-name", "TEXT", "a new display name"),
            .option("type", "TYPE", "a new type, one of: \(SecretType.names)", short: "t"),
            .flag("new-value", "read a new value from standard input or a prompt"),
            .option(
                "value-file", "PATH",
                "read a new value from this file, byte for byte (- for standard input)"),
        ],
        positionals: 1...1, run: run, operand: .secretName)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let name = try invocation.name(at: 0)
        let arguments = invocation.arguments
        let valueFile = arguments.value("value-file")
        if arguments.has("new-value"), valueFile != nil {
            throw UsageError.invalid("edit", "use either --new-value or --value-file, not both")
        }
        let type = try arguments.value("type").map { text throws in try SecretType(parsing: text) }
        let changesValue = arguments.has("new-value") || valueFile != nil
        let displayName = arguments.value("display-name")
        guard changesValue || type != nil || displayName != nil else {
            // A value piped in alone is no change either: say which flag takes it (found by
            // a forty-eighth fresh tester).
            throw UsageError.invalid(
                "edit",
                "nothing to change (a new value is read only with --new-value or "
                    + "--value-file PATH; metadata with --display-name or --type)")
        }
        if !changesValue, ValueInput.standardInputHoldsValue() {
            invocation.console.warning(
                "standard input is not read: the value changes only with --new-value or "
                    + "--value-file")
        }
        let vault = try invocation.openVault()
        let record = try vault.read(name)
        if let displayName { try Vault.checkDisplayName(displayName) }
        // What the file has already is no change: rewritten, it got a new `updated` stamp,
        // and every deployed output holding the secret looked stale (found by a sixth
        // fresh tester).
        let newName = displayName.flatMap { $0 == record.displayName ? nil : $0 }
        let newType = type.flatMap { $0 == record.type ? nil : $0 }
        guard changesValue || newType != nil || newName != nil else {
            invocation.console.info(
                "\(name) has that display name and type already; nothing changed")
            return .ok
        }
        if changesValue { invocation.warnOfKeyChange(vault) }
        let value =
            changesValue
            ? try ValueInput.read(
                name: name, valueFile: valueFile, environment: invocation.environment)
            : nil
        var checked: SealedValue?
        if let newType, newType.checksValues, value == nil {
            checked = try checkStoredValue(name, fits: newType, vault: vault, invocation)
        }
        let warnings = try vault.edit(
            name, displayName: newName, type: newType, value: value, checkedValue: checked,
            environment: invocation.environment)
        warnings.forEach(invocation.console.warning)
        let what = [
            newName.map { _ in "display name" }, newType.map { _ in "type" },
            value.map { _ in "value" },
        ].compactMap { $0 }
        let folder = invocation.shownVault(vault)
        invocation.console.info("updated \(name) in \(folder): \(what.joined(separator: ", "))")
        invocation.warnOfStampWithoutGitAuthor(vault)
        return .ok
    }

    /// Refuses a new type that the stored value does not fit, when the master key is at
    /// hand to open it; warns when it is not. `--type port` on a password had made every
    /// later render fail (found by a fresh tester). Returns the sealed value it checked (the
    /// file is read before and after the value is opened, and must not change between),
    /// nil when it checked none.
    private static func checkStoredValue(
        _ name: SecretName, fits type: SecretType, vault: Vault, _ invocation: Invocation
    ) throws -> SealedValue? {
        let before = try vault.read(name).value
        let value: SecretBytes
        do { value = try invocation.resolver(for: vault).value(of: name) } catch {
            // Only a key that is not here is a reason to go on; a wrong or broken one is
            // an error, as for every command (found by a third fresh tester).
            guard case .key(let problem) = error, problem.isMissing else { throw error }
            invocation.console.warning(
                "the stored value of \(name) is not checked against type \(type.rawValue) "
                    + "(no master key here): render refuses it if it does not fit; "
                    + "`tresor edit \(name) --type \(type.rawValue) --new-value` sets one that "
                    + "is checked")
            return nil
        }
        if let problem = type.problem(with: value) {
            throw VaultError.invalidValue(name, "it does not fit type \(type.rawValue): \(problem)")
        }
        guard try vault.read(name).value == before else {
            throw VaultError.valueChangedDuringTypeCheck(name)
        }
        return before
    }
}
