import Dispatch

/// Opens secrets' values for one run, each at most once, and keeps them only as long as
/// the resolver lives (``SecretBytes`` wipes them when released).
///
/// Safe to share between threads: a folder render asks for values from every core, and a
/// lock keeps each value opened once.
public final class ValueResolver: @unchecked Sendable {
    private let vault: Vault
    private let key: MasterKey
    private var opened: [SecretName: SecretBytes] = [:]
    private let lock = Mutex()

    public init(vault: Vault, key: MasterKey) {
        self.vault = vault
        self.key = key
    }

    /// True when the vault has a file for `name`; needs no key.
    public func exists(_ name: SecretName) -> Bool {
        FileReader.exists(vault.path(of: name))
    }

    /// The value of `name`, opened with the master key on first use.
    public func value(of name: SecretName) throws(VaultError) -> SecretBytes {
        try lock.withLock { () -> Result<SecretBytes, VaultError> in
            if let value = opened[name] { return .success(value) }
            let result = openValue(name)
            if case .success(let value) = result { opened[name] = value }
            return result
        }.get()
    }

    /// Opens the values of `names` that are not open yet, on all cores, each once; throws
    /// the error of the first name in `names` that cannot be opened.
    public func open(_ names: [SecretName]) throws(VaultError) {
        let missing = lock.withLock { names.filter { opened[$0] == nil } }
        let slots = ResultSlots<Result<SecretBytes, VaultError>>(count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { index in
            slots.set(index) { self.openValue(missing[index]) }
        }
        // Each slot holds a Result, so reading them cannot throw.
        for (name, result) in zip(missing, (try? slots.values()) ?? []) {
            let value = try result.get()
            lock.withLock { opened[name] = value }
        }
    }

    private func openValue(_ name: SecretName) -> Result<SecretBytes, VaultError> {
        let record: SecretRecord
        do { record = try vault.read(name) } catch { return .failure(error) }
        let value: SecretBytes
        do { value = try record.value.open(name: name.text, with: key) } catch {
            if case .notSealedToKey(let expected, let found) = error {
                return .failure(.sealedToOtherKey(name, found: found, expected: expected))
            }
            return .failure(.crypto(error))
        }
        return .success(value)
    }

    /// How many distinct values were opened so far.
    public var openedCount: Int { lock.withLock { opened.count } }
}
