import TresorKit

/// Everything a command needs to run: its parsed arguments, the environment, the console.
struct Invocation: Sendable {
    let command: String
    let arguments: ParsedArguments
    let environment: TresorEnvironment
    let console: Console

    /// The vault, found as git finds its repository unless `--vault` names it.
    func openVault() throws -> Vault {
        let folder = try Vault.locate(
            explicit: arguments.value("vault"), environment: environment)
        let vault = try Vault(folder: folder)
        console.step("vault \(vault.folder) (key id \(vault.config.keyID))")
        return vault
    }

    /// The master key for `vault`, from TRESOR_KEY, TRESOR_KEY_FILE or the default file.
    func loadKey(for vault: Vault) throws -> MasterKey {
        let (key, source) = try KeyStore.load(for: vault.config.keyID, environment: environment)
        console.step("master key \(vault.config.keyID) from \(source)")
        return key
    }

    /// A secret name from the command line.
    func name(at index: Int) throws -> SecretName {
        try SecretName(arguments.positionals[index])
    }

    /// `--processes DIR` resolved, else the vault's setting.
    func processesFolder(_ vault: Vault?) throws -> String {
        if let explicit = arguments.value("processes") { return environment.absolute(explicit) }
        guard let vault else { throw UsageError.invalid(command, "--processes DIR is needed") }
        return vault.processesFolder
    }

    var wantsJSON: Bool { arguments.has("json") }
}
