#if canImport(Glibc)
    import Glibc
#endif

/// `tresor rekey`: renews the vault's key pair and re-seals every value to the new public
/// key, values unchanged.
///
/// Resumable at any point, even after `kill -9`: the new key is stored before
/// `vault.yaml` names it; `vault.yaml` then records the key the rekey started from
/// (`rekey_from`) before any value is re-sealed; each secret file is rewritten atomically
/// and its envelope names the key it is sealed to, so a second run re-seals exactly the
/// files still on the old key. Until the last file is done, values open with either key.
extension Vault {
    /// What a rekey did, for the command's log.
    public struct RekeyReport: Sendable {
        /// The key the rekey started from.
        public var oldKeyID: KeyID
        public var newKeyID: KeyID
        /// Where the new key was stored; nil when an earlier, interrupted run stored it.
        public var newKeyPath: String?
        /// Files re-sealed by this run.
        public var resealed: Int
        /// Files an earlier, interrupted run had already re-sealed.
        public var alreadyDone: Int
    }

    /// Starts a rekey, or finishes an interrupted one; `keys` must find the old key.
    public func rekey(
        keys: KeyRing, environment: TresorEnvironment
    ) throws(VaultError) -> RekeyReport {
        // The old key is fetched before the lock is taken: a key command may wait for a
        // person, and every other writer waited for it (found by a fresh tester).
        do { _ = try keys.key(for: config.rekeyFrom ?? config.keyID) } catch { throw .key(error) }
        // Finishing seals every value to the key vault.yaml names: one nobody here holds
        // may be a key of whoever committed that vault.yaml, and then the team could open
        // nothing and they everything (found by a twenty-fifth fresh tester).
        if let from = config.rekeyFrom { try checkHeld(config.keyID, from: from, keys: keys) }
        let lock = try takeLock()
        defer { withExtendedLifetime(lock) {} }
        removeOldTemporaries()
        var vault = try Vault(folder: folder)
        // Two rekeys at once: the second, let in after the first, found the vault on the
        // first one's new key and sealed it to a third, signed with a key the last commit
        // never named (found by a thirty-eighth fresh tester).
        if vault.config.keyID != config.keyID || vault.config.rekeyFrom != config.rekeyFrom {
            throw .rekeyRaced(started: config.keyID, now: vault.config.keyID)
        }
        // Every secret file must read before anything changes: a broken one found halfway
        // would leave the vault half re-sealed.
        if let broken = try vault.records().errors.first { throw broken }
        // And every value still on the old key must open: one that did not stopped the
        // rekey halfway, the vault half re-sealed (found by a fresh tester).
        try vault.checkValuesOpen(keys: keys)
        var report: RekeyReport
        // The new key: made by this run, or (finishing an earlier run) found by `keys`.
        var newKey: MasterKey?
        if let from = vault.config.rekeyFrom {
            report = RekeyReport(
                oldKeyID: from, newKeyID: vault.config.keyID, newKeyPath: nil, resealed: 0,
                alreadyDone: 0)
        } else {
            // A vault that cannot be written would fail only after the new key was stored:
            // each try left one more unused key (found by a second fresh tester).
            guard access(folder, W_OK) == 0 else { throw .io(.system("write", folder, errno)) }
            let started = try vault.startRekey(keys: keys, environment: environment)
            report = started.report
            newKey = started.key
            vault = try Vault(folder: folder)
        }
        // One stamp for the run: finding the user may ask git, which is slow per file.
        let stamp = AuditStamp(environment: environment, folder: vault.root)
        for entry in try vault.entries() {
            guard let name = entry.name else { throw .file(Self.badFileName(entry)) }
            if try vault.reseal(name, keys: keys, stamp: stamp) {
                report.resealed += 1
            } else {
                report.alreadyDone += 1
            }
        }
        let oldKey: MasterKey
        do {
            oldKey = try keys.key(for: report.oldKeyID)
            if newKey == nil { newKey = try keys.key(for: report.newKeyID) }
        } catch { throw .key(error) }
        try vault.finishRekey(from: oldKey, to: newKey!)
        return report
    }

    /// Throws unless `keys` find the private key of `target`, the key `vault.yaml` names
    /// (its id is that of the public key there, which reading vault.yaml checks).
    private func checkHeld(_ target: KeyID, from: KeyID, keys: KeyRing) throws(VaultError) {
        do { _ = try keys.key(for: target) } catch {
            throw .rekeyTargetNotHeld(from: from, to: target, error)
        }
    }

    /// Opens every value not yet sealed to the current key alone, keeping none: throws at
    /// the first that does not open, before anything is written.
    private func checkValuesOpen(keys: KeyRing) throws(VaultError) {
        let resolver = ValueResolver(vault: self, keys: keys, checksRules: false)
        for entry in try entries() {
            guard let name = entry.name else { throw .file(Self.badFileName(entry)) }
            if config.rekeyFrom != nil, try read(name).value.recipients == [config.keyID] {
                continue
            }
            _ = try resolver.value(of: name)
        }
    }

    /// Stores a new key, then points `vault.yaml` at it with `rekey_from` set.
    // Limitation: a kill between storing the key and writing vault.yaml leaves that key
    // file unused; the next run stores another.
    private func startRekey(
        keys: KeyRing, environment: TresorEnvironment
    ) throws(VaultError) -> (report: RekeyReport, key: MasterKey) {
        let old = config.keyID
        // The old key must open values before a new key makes it a rekey.
        do { _ = try keys.key(for: old) } catch { throw .key(error) }
        let key = MasterKey.generate()
        let path: String
        do { path = try KeyStore.store(key, environment: environment) } catch {
            throw .key(error)
        }
        var next = config
        next.publicKey = key.publicKey
        next.rekeyFrom = old
        // Written when the rekey finishes, signed by the old key's signing key.
        next.signingKey = nil
        next.keyChange = nil
        try writeConfig(next)
        let report = RekeyReport(
            oldKeyID: old, newKeyID: key.keyID, newKeyPath: path, resealed: 0, alreadyDone: 0)
        return (report, key)
    }

    // Limitation: a value sealed to several keys is re-sealed to the new key alone.
    /// Re-seals `name` to the current key unless it already is sealed to it alone; true
    /// when the file was rewritten. The file changed, so `updated` says who re-sealed it
    /// (what the pre-commit hook checks against the commit's author).
    private func reseal(
        _ name: SecretName, keys: KeyRing, stamp: AuditStamp
    ) throws(VaultError) -> Bool {
        var record = try read(name)
        let current = config.keyID
        if record.value.recipients == [current] { return false }
        let value = try ValueResolver(vault: self, keys: keys, checksRules: false).value(of: name)
        do {
            record.value = try SealedValue.seal(value, name: name.text, to: config.publicKey)
        } catch { throw .crypto(error) }
        record.updated = stamp
        let bytes: [UInt8]
        do { bytes = try record.yaml() } catch { throw .file(error.vaultFileError(path(of: name))) }
        do {
            try AtomicFile.write(
                bytes, to: path(of: name), temporary: .reserved(Self.writeTemporary))
        } catch { throw .io(error) }
        return true
    }

    /// Checks that no file is left on another key, then clears `rekey_from` and names the
    /// new key's signing key, with the old key's signature of the change (`key_change`):
    /// the hook and `verify` accept a new key only with it, when the vault had a signing key.
    private func finishRekey(from oldKey: MasterKey, to newKey: MasterKey) throws(VaultError) {
        let current = config.keyID
        for entry in try entries() {
            guard let name = entry.name else { throw .file(Self.badFileName(entry)) }
            let record = try read(name)
            guard record.value.recipients == [current] else {
                throw .sealedToOtherKey(name, found: record.value.recipients, expected: current)
            }
        }
        let signingKey = SigningKey(of: newKey).publicKey
        var next = config
        next.rekeyFrom = nil
        next.signingKey = signingKey
        next.keyChange = SigningKey(of: oldKey).signChange(
            from: oldKey.keyID, to: newKey.publicKey, signingKey: signingKey)
        try writeConfig(next)
    }

    private func writeConfig(_ next: VaultConfig) throws(VaultError) {
        let path = folder + "/" + Self.configFile
        let bytes: [UInt8]
        do { bytes = try next.yaml() } catch { throw .file(error.vaultFileError(path)) }
        do {
            try AtomicFile.write(bytes, to: path, temporary: .reserved(Self.writeTemporary))
        } catch { throw .io(error) }
    }

    /// Removes the temporary files (`.NAME.tmp-PID-N`) that killed writers left before
    /// vault writes shared ``writeTemporary``; edits no longer list the vault to find them,
    /// and a rekey lists it anyway.
    private func removeOldTemporaries() {
        for name in FileTree.names(in: folder, hiddenOnly: true) ?? []
        where name.contains(".tmp-") {
            unlink(folder + "/" + name)
        }
    }
}
