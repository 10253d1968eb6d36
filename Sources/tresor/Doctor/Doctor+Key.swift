import TresorKit

/// The master key checks: found, mode right, matching the vault's key id.
extension Doctor {
    func keyChecks(_ vault: Vault?) -> [DoctorCheck] {
        let names = ["master key found", "master key mode", "master key matches"]
        guard let vault else {
            return names.map { .notChecked($0, "not checked: no vault") }
        }
        let keyID = vault.config.keyID
        do {
            let (_, source) = try KeyStore.load(for: keyID, environment: invocation.environment)
            // A key from a variable or a command has no file mode to check (the row said
            // "owner only" for a command; found by a sixth fresh tester).
            let mode =
                source.hasPrefix("key file ")
                ? "owner only (0600 or stricter)" : "from \(source) (no file)"
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
        // A key text that does not read as a key is not found (it passed as found; a
        // seventh fresh tester).
        case .notFound, .noHome, .unreadable, .tooLarge, .commandFailed, .emptyVariable,
            .invalidTimeout, .invalid:
            failing = 0
        case .tooOpen, .notOwned, .notRegularFile: failing = 1
        case .mismatch, .alreadyExists, .unwritable: failing = 2
        }
        // The rows before the failing one passed: said in words (they read "yes").
        let passed = ["a key was found", "its file mode is right, or it is not a file"]
        return names.enumerated().map { index, name in
            if index < failing { return .ok(name, passed[index]) }
            if index == failing { return .problem(name, error.message, fix: error.hint) }
            return .notChecked(name, "not checked")
        }
    }
}
