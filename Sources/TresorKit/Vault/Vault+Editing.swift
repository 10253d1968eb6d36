import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Creating, changing and deleting secrets. Each change takes the vault lock, reads what
/// it changes under the lock, and writes one file atomically, so concurrent edits are
/// applied one after the other and a crash leaves the old file or the new one.
extension Vault {
    /// Seals `value` for `name` and writes a new secret file; returns warnings.
    public func create(
        _ name: SecretName, displayName: String, type: SecretType, value: SecretBytes,
        environment: TresorEnvironment
    ) throws(VaultError) -> [String] {
        try Self.checkDisplayName(displayName)
        let warnings = try SecretValueRules.check(
            value, name: name, type: type, warnLength: config.warnValueLength)
        let lock = try takeLock()
        defer { withExtendedLifetime(lock) {} }
        try checkNotAFolder(name)
        guard !FileReader.exists(path(of: name)) else { throw .secretExists(name) }
        let stamp = AuditStamp(environment: environment, folder: root)
        let record = SecretRecord(
            name: name, displayName: displayName, type: type,
            value: try seal(value, name, to: try lockedConfig()), created: stamp, updated: stamp)
        try write(record)
        return warnings
    }

    /// Changes the metadata and, when `value` is given, the value of `name`; fields left
    /// nil stay as they are, the `value` line byte for byte. `checkedValue` is the sealed
    /// value a new type was checked against before the lock was taken: when the file holds
    /// another by then, nothing changes (a concurrent `edit --new-value` had stored a value
    /// the type refuses, and both passed; found by a twenty-eighth fresh tester).
    public func edit(
        _ name: SecretName, displayName: String?, type: SecretType?, value: SecretBytes?,
        checkedValue: SealedValue? = nil, environment: TresorEnvironment
    ) throws(VaultError) -> [String] {
        if let displayName { try Self.checkDisplayName(displayName) }
        let lock = try takeLock()
        defer { withExtendedLifetime(lock) {} }
        var record = try read(name)
        if let checkedValue, value == nil, record.value != checkedValue {
            throw .valueChangedDuringTypeCheck(name)
        }
        record.displayName = displayName ?? record.displayName
        record.type = type ?? record.type
        var warnings: [String] = []
        if let value {
            warnings = try SecretValueRules.check(
                value, name: name, type: record.type, warnLength: config.warnValueLength)
            record.value = try seal(value, name, to: try lockedConfig())
        }
        record.updated = AuditStamp(environment: environment, folder: root)
        try write(record)
        return warnings
    }

    /// What the file of a secret is at one moment, for ``delete(_:ifUnchangedFrom:)``: its
    /// bytes, or, for a file that cannot be read (over 1 MiB, unreadable), its device,
    /// inode, size and change times, which a file made anew in its place never shares
    /// (found by a second fresh tester: an unreadable file was deleted unchecked).
    public struct FileState: Equatable, Sendable {
        let bytes: [UInt8]?
        let stamp: [Int]
    }

    /// The state of the file of `name` now; nil when there is none.
    public func fileState(of name: SecretName) -> FileState? {
        let path = path(of: name)
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if let bytes = try? Self.readFile(path, what: "the secret file") {
            return FileState(bytes: bytes, stamp: [])
        }
        let stamp = [
            Int(info.st_dev), Int(info.st_ino), Int(info.st_size), info.st_mtim.tv_sec,
            info.st_mtim.tv_nsec, info.st_ctim.tv_sec, info.st_ctim.tv_nsec,
        ]
        return FileState(bytes: nil, stamp: stamp)
    }

    /// Removes the file of `name`. With `expected`, only while the file is still as it was
    /// then (``fileState(of:)``): a delete confirmed at a prompt must not remove a secret
    /// that another process changed or created anew meanwhile (found by a fresh tester).
    /// Every write gives a new sealed box and audit stamp, so no change leaves the bytes as
    /// they were.
    public func delete(_ name: SecretName, ifUnchangedFrom expected: FileState? = nil)
        throws(VaultError)
    {
        let lock = try takeLock()
        defer { withExtendedLifetime(lock) {} }
        let path = path(of: name)
        guard FileReader.exists(path) else { throw .secretNotFound(name) }
        try checkNotAFolder(name)
        if let expected, fileState(of: name) != expected { throw .changedMeanwhile(name) }
        guard unlink(path) == 0 else { throw .io(.system("delete", path, errno)) }
        AtomicFile.syncFolder(of: path)
    }

    /// Refuses a folder (or a FIFO, socket or device) standing at `name`'s file: `create`
    /// said the secret existed and pointed at `edit`, which failed, and `delete` failed
    /// with no hint (found by a thirty-eighth fresh tester).
    public func checkNotAFolder(_ name: SecretName) throws(VaultError) {
        let path = path(of: name)
        switch FileTree.kind(of: path) {
        case .file, .link, .missing: return
        case .folder, .other:
            throw .file(
                VaultFileError(
                    path: path, problem: "it is not a file, so it holds no secret",
                    fix: "remove or rename it by hand (rm -r \(path)); secret files are "
                        + "regular files at the top of the vault folder"))
        }
    }

    /// Takes the lock, then removes the temporary file that a killed writer left: every
    /// writer holds the lock, so it cannot be in use. Whatever else stands at that name (a
    /// folder, committed by mistake) is removed too; what cannot be removed is named (it
    /// stopped every write with "File exists"; found by a second fresh tester).
    func takeLock() throws(VaultError) -> VaultLock {
        let lock: VaultLock
        do { lock = try VaultLock(folder: folder) } catch { throw .lock(error) }
        let temporary = folder + "/" + Self.writeTemporary
        if unlink(temporary) != 0, errno != ENOENT, !FileTree.remove(temporary) {
            throw .file(
                VaultFileError(
                    path: temporary,
                    problem: "it stands where every change to the vault writes its temporary "
                        + "file, and cannot be removed",
                    fix: "remove it by hand (rm -rf \(temporary)); tresor writes that name "
                        + "and removes it itself"))
        }
        return lock
    }

    /// `vault.yaml` as it is now, read under the lock: a rekey that finished after this
    /// vault was opened has changed the key to seal to (a value sealed to the old key
    /// would be left behind by a rekey that says none is; found by a fresh tester).
    private func lockedConfig() throws(VaultError) -> VaultConfig {
        let path = folder + "/" + Self.configFile
        let bytes = try Self.readFile(path, what: "vault.yaml")
        do { return try VaultConfig(yaml: bytes, path: path) } catch { throw .file(error) }
    }

    private func seal(
        _ value: SecretBytes, _ name: SecretName, to config: VaultConfig
    ) throws(VaultError) -> SealedValue {
        do { return try SealedValue.seal(value, name: name.text, to: config.publicKey) } catch {
            throw .crypto(error)
        }
    }

    private func write(_ record: SecretRecord) throws(VaultError) {
        let bytes: [UInt8]
        do { bytes = try record.yaml() } catch {
            throw .file(error.vaultFileError(path(of: record.name)))
        }
        do {
            try AtomicFile.write(
                bytes, to: path(of: record.name), temporary: .reserved(Self.writeTemporary))
        } catch { throw .io(error) }
    }

    public static func checkDisplayName(_ text: String) throws(VaultError) {
        if let problem = DisplayName.problem(with: text) { throw .invalidDisplayName(problem) }
    }
}
