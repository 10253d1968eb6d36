import TresorKit

/// The master key checks: found, mode right, matching the vault's key id.
extension Doctor {
    func keyChecks(_ vault: Vault?) -> [DoctorCheck] {
        let names = ["master key found", "master key mode", "master key matches"]
        guard let vault else {
            return names.map { .problem($0, "not checked: no vault", fix: nil) }
        }
        let keyID = vault.config.keyID
        do {
            let (_, source) = try KeyStore.load(for: keyID, environment: invocation.environment)
            let mode =
                source == "TRESOR_KEY"
                ? "from TRESOR_KEY (no file)" : "owner only (0600 or stricter)"
            return [
                .ok(names[0], source), .ok(names[1], mode),
                .ok(names[2], "key id \(keyID)"),
            ]
        } catch {
            return failed(error, names: names)
        }
    }

    /// The first check the error belongs to fails; the ones before it passed, the ones
    /// after it could not be made.
    private func failed(_ error: KeyError, names: [String]) -> [DoctorCheck] {
        let failing: Int
        switch error {
        case .notFound, .noHome, .unreadable, .tooLarge, .commandFailed, .emptyVariable,
            .invalidTimeout:
            failing = 0
        case .tooOpen, .notOwned, .notRegularFile: failing = 1
        case .mismatch, .invalid, .alreadyExists, .unwritable: failing = 2
        }
        return names.enumerated().map { index, name in
            if index < failing { return .ok(name, "yes") }
            if index == failing { return .problem(name, error.message, fix: error.hint) }
            return .problem(name, "not checked", fix: nil)
        }
    }
}
