import TresorKit

/// `tresor rekey`: a new vault key pair, every value re-sealed to it, values unchanged.
enum RekeyCommand {
    static let spec = CommandSpec(
        name: "rekey", summary: "renew the vault's key pair and re-seal every value to it",
        usage: "",
        details: """
            Stores a new master key like `init` does (the default key file NEWID.key), points
            vault/vault.yaml at its public key with rekey_from naming the old key id, re-seals
            every value to the new key (values unchanged), checks that no file is left on the
            old key id, and clears rekey_from. Needs the old master key.
            Safe to interrupt at any point: run it again to finish. Until then every value
            renders with whichever of the two keys it is sealed to (both must be findable).
            Keep the old key: git history holds values sealed to it.
            This renews the vault key only; to rotate a credential, issue a new one at its
            source and store it with `tresor edit NAME --new-value`.
            """,
        flags: [], positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let console = invocation.console
        if let from = vault.config.rekeyFrom {
            console.info("finishing the rekey from key \(from) to key \(vault.config.keyID)")
        } else if let committed = VaultKeyHistory.committedKeyID(
            of: vault.folder + "/" + Vault.configFile, folder: vault.folder),
            committed != vault.config.keyID
        {
            // A second rekey signed only its own step, from a key no commit named, and the
            // hook refused the vault it left (found by a twenty-ninth fresh tester).
            throw VaultError.rekeyNotCommitted(
                vault.config.keyID, committed: committed, folder: invocation.shownVault(vault))
        }
        let report = try vault.rekey(
            keys: invocation.keyRing(), environment: invocation.environment)
        if let path = report.newKeyPath {
            console.info("stored the new master key in \(path) (mode 0600)")
            // The variables win over the default folder: the next command would find the
            // old key alone and fail (found by a sixth fresh tester).
            for variable in ["TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND"]
            where !(invocation.environment.variables[variable] ?? "").isEmpty {
                console.warning(
                    "\(variable) is set and gives the old key: make it give the new one "
                        + "(\(path)), or unset it, before the next command")
            }
        }
        console.info(
            "re-sealed \(count(report.resealed, "file")) to key \(report.newKeyID)"
                + (report.alreadyDone > 0
                    ? " (\(report.alreadyDone) \(report.alreadyDone == 1 ? "was" : "were") done "
                        + "already)" : "")
                + "; none is left on key \(report.oldKeyID)")
        if report.resealed > 0 { invocation.warnOfStampWithoutGitAuthor(vault) }
        console.info(
            "back up the new key; keep the old one for values in git history, and give "
                + "deploy hosts the new key")
        return .ok
    }
}
