import TresorKit

/// `tresor create NAME --display-name TEXT --type TYPE [--value-file PATH]`.
enum CreateCommand {
    static let spec = CommandSpec(
        name: "create", summary: "add a secret, sealing its value",
        usage: "NAME --display-name TEXT --type TYPE [--value-file PATH]",
        details: """
            The value is never taken from the command line. It comes from --value-file byte
            for byte (PEM keys, values that end in a newline); else from standard input when
            it is piped, with one trailing newline (\\n or \\r\\n) dropped because
            `echo value |` adds one; else from a prompt that does not echo and asks twice.
            Sealing needs only the vault's public key. Types: \(SecretType.names).
            """,
        flags: [
            .option("display-name", "TEXT", "a human-readable name, e.g. \"FTP password\""),
            .option("type", "TYPE", "one of: \(SecretType.names)", short: "t"),
            .option(
                "value-file", "PATH",
                "read the value from this file, byte for byte (- for standard input)"),
        ],
        positionals: 1...1, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let name = try invocation.name(at: 0)
        let arguments = invocation.arguments
        guard let displayName = arguments.value("display-name") else {
            throw UsageError.missingFlag("create", "--display-name", "TEXT")
        }
        guard let typeText = arguments.value("type") else {
            throw UsageError.missingFlag("create", "--type", "TYPE")
        }
        let type = try SecretType(parsing: typeText)
        let vault = try invocation.openVault()
        // Before the value is asked for: typing it twice to learn the name is taken was a
        // waste (found by a fresh tester). `create` checks again under the lock.
        try vault.checkNotAFolder(name)
        guard !vault.exists(name) else { throw VaultError.secretExists(name) }
        try Vault.checkDisplayName(displayName)
        invocation.warnOfKeyChange(vault)
        let value = try ValueInput.read(
            name: name, valueFile: arguments.value("value-file"),
            environment: invocation.environment)
        let warnings = try vault.create(
            name, displayName: displayName, type: type, value: value,
            environment: invocation.environment)
        name.warnings.forEach(invocation.console.warning)
        warnings.forEach(invocation.console.warning)
        // The vault is named: one found above the current folder may not be the one meant
        // (found by a fresh tester).
        let folder = invocation.shownVault(vault)
        invocation.console.info(
            "created \(name) (\(type.rawValue)) in \(folder), sealed to key \(vault.config.keyID)")
        invocation.warnOfStampWithoutGitAuthor(vault)
        return .ok
    }
}
