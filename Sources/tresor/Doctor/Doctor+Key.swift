import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// The master key checks: found, mode right, matching the vault's key id, and the vault's
/// signing key its own.
extension Doctor {
    func keyChecks(_ vault: Vault?) -> [DoctorCheck] {
        let names = ["master key found", "master key mode", "master key matches", "signing key"]
        guard let vault else {
            return names.map { .notChecked($0, "not checked: no vault") }
        }
        let keyID = vault.config.keyID
        do {
            let (key, source) = try KeyStore.load(for: keyID, environment: invocation.environment)
            // A key from a variable or a command has no file mode to check (the row said
            // "owner only" for a command; found by a sixth fresh tester).
            let mode =
                source.hasPrefix("key file ")
                ? "owner only (0600 or stricter)" : "from \(source) (no file)"
            let folder =
                source.hasPrefix("key file ")
                ? String(source.dropFirst("key file ".count)).pathParent.map(String.init) : nil
            return [
                .ok(names[0], source),
                folder.flatMap(openFolderCheck(names[1])) ?? .ok(names[1], mode),
                .ok(names[2], "key id \(keyID)"), signingCheck(names[3], vault.config, key),
            ]
        } catch {
            return failed(error, names: names)
        }
    }

    /// A problem when the folder holding the key file, or any folder above it, lets group
    /// or others change its entries (writable, and not sticky): they could replace the key
    /// or remove it, or put a folder of theirs in place of one, and without the key no
    /// value opens (found by the thirty-eighth and forty-first fresh testers: doctor said
    /// ok).
    private func openFolderCheck(_ name: String) -> (String) -> DoctorCheck? {
        { keyFolder in
            var folder: String? = keyFolder
            while let current = folder, !current.isEmpty {
                var info = stat()
                if stat(current, &info) == 0, Self.othersMayChange(info) {
                    return .problem(
                        name,
                        "\(current), which holds the key file, is writable by group or "
                            + "others, who could replace or remove the key",
                        fix: "chmod go-w \(current)")
                }
                folder = current == "/" ? nil : current.pathParent.map(String.init)
            }
            return nil
        }
    }

    /// True for a folder whose entries others may change: writable by all, or by a group
    /// other than its owner's own (a user private group, as umask 002 makes, is the
    /// owner's), and not sticky.
    private static func othersMayChange(_ info: stat) -> Bool {
        guard info.st_mode & 0o1000 == 0 else { return false }
        if info.st_mode & 0o002 != 0 { return true }
        guard info.st_mode & 0o020 != 0 else { return false }
        return getpwuid(info.st_uid).map { $0.pointee.pw_gid != info.st_gid } ?? true
    }

    /// The vault's `signing_key` is the master key's: only its holder can have written it.
    /// Whoever committed the first vault.yaml chose it; this is where the holder learns of
    /// one that is not theirs.
    private func signingCheck(_ name: String, _ config: VaultConfig, _ key: MasterKey)
        -> DoctorCheck
    {
        guard let named = config.signingKey else {
            return .ok(name, "none (the vault predates signing keys); `tresor rekey` adds one")
        }
        guard named == SigningKey(of: key).publicKey else {
            return .problem(
                name,
                "signing_key in vault.yaml is not this master key's: someone without the "
                    + "key wrote it, and could then change the vault's key",
                fix: "restore vault.yaml from before that change (git log -p -- "
                    + "vault/vault.yaml shows it), commit it with --no-verify (the hook "
                    + "refuses a changed signing key), then run `tresor rekey`")
        }
        return .ok(name, "vault.yaml names this key's signing key")
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
