import Dispatch

/// Opens secrets' values for one run, each at most once, and keeps them only as long as
/// the resolver lives (``SecretBytes`` wipes them when released).
///
/// Safe to share between threads: a folder render asks for values from every core, and a
/// lock keeps each value opened once and the key ring loaded once per key.
public final class ValueResolver: @unchecked Sendable {
    private let vault: Vault
    private let keys: KeyRing
    private var opened: [SecretName: SecretBytes] = [:]
    private var envelopes: [SecretName: SealedValue] = [:]
    private var existing: [SecretName: Bool] = [:]
    private let lock = Mutex()
    private let keyLock = Mutex()
    /// False for a rekey, which re-seals each value's bytes as they are: one value that
    /// breaks the rules must not hold up a rekey after a key leaked (found by a fresh
    /// tester).
    private let checksRules: Bool

    public convenience init(vault: Vault, key: MasterKey) {
        self.init(vault: vault, keys: KeyRing(key: key))
    }

    /// A resolver that takes each value's key from `keys`, by the key ids it is sealed to,
    /// and refuses a value that breaks the value rules unless `checksRules` is false.
    public init(vault: Vault, keys: KeyRing, checksRules: Bool = true) {
        self.vault = vault
        self.keys = keys
        self.checksRules = checksRules
    }

    /// True when the vault has a file for `name`; needs no key. Each name's file is looked
    /// up once per resolver: a folder render asks for every placeholder of every file.
    public func exists(_ name: SecretName) -> Bool {
        if let known = lock.withLock({ existing[name] }) { return known }
        let found = FileReader.exists(vault.path(of: name))
        lock.withLock { existing[name] = found }
        return found
    }

    /// The value of `name`, opened with the master key on first use.
    public func value(of name: SecretName) throws(VaultError) -> SecretBytes {
        try lock.withLock { () -> Result<SecretBytes, VaultError> in
            if let value = opened[name] { return .success(value) }
            let result = openValue(name)
            if case .success(let (value, envelope)) = result {
                opened[name] = value
                envelopes[name] = envelope
            }
            return result.map(\.0)
        }.get()
    }

    /// Opens the values of `names` that are not open yet, on all cores, each once; throws
    /// the error of the first name in `names` that cannot be opened.
    public func open(_ names: [SecretName]) throws(VaultError) {
        let missing = lock.withLock { names.filter { opened[$0] == nil } }
        let slots = ResultSlots<Result<(SecretBytes, SealedValue), VaultError>>(
            count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { index in
            slots.set(index) { self.openValue(missing[index]) }
        }
        // Each slot holds a Result, so reading them cannot throw.
        for (name, result) in zip(missing, (try? slots.values()) ?? []) {
            let (value, envelope) = try result.get()
            lock.withLock {
                opened[name] = value
                envelopes[name] = envelope
            }
        }
    }

    /// The envelope the value of `name` was opened from, once it was opened: what a deploy
    /// manifest records, so a later change of the file can be told apart.
    public func envelope(of name: SecretName) -> SealedValue? {
        lock.withLock { envelopes[name] }
    }

    private func openValue(_ name: SecretName) -> Result<(SecretBytes, SealedValue), VaultError> {
        let record: SecretRecord
        do { record = try vault.read(name) } catch { return .failure(error) }
        let key: MasterKey
        do { key = try self.key(for: record.value, of: name) } catch { return .failure(error) }
        let value: SecretBytes
        do { value = try record.value.open(name: name.text, with: key) } catch {
            if case .notSealedToKey(let expected, let found) = error {
                return .failure(.sealedToOtherKey(name, found: found, expected: expected))
            }
            return .failure(.crypto(error))
        }
        // Anyone with the public key can seal a value: one sealed by hand meets the rules
        // only if it is checked here too (found by a fresh tester: a 0xFF byte reached a
        // rendered file).
        guard checksRules else { return .success((value, record.value)) }
        do throws(VaultError) {
            _ = try SecretValueRules.check(value, name: name, type: record.type, warnLength: 0)
        } catch {
            guard case .invalidValue(_, let reason) = error else { return .failure(error) }
            return .failure(.storedValueRefused(name, reason))
        }
        return .success((value, record.value))
    }

    /// The key that opens `value`: the vault's current key when the value is sealed to it,
    /// else the key an unfinished rekey started from. A value sealed to neither is refused
    /// without looking for its key.
    private func key(for value: SealedValue, of name: SecretName) throws(VaultError) -> MasterKey {
        let current = vault.config.keyID
        let usable = [current] + (vault.config.rekeyFrom.map { [$0] } ?? [])
        let ids = usable.filter(value.isSealed(to:))
        guard !ids.isEmpty else {
            throw .sealedToOtherKey(name, found: value.recipients, expected: current)
        }
        var first: KeyError?
        for id in ids {
            // The ring loads keys lazily: one thread at a time.
            let found = keyLock.withLock {
                Result { () throws(KeyError) -> MasterKey in try keys.key(for: id) }
            }
            switch found {
            case .success(let key): return key
            case .failure(let error): first = first ?? error
            }
        }
        throw .key(first!)
    }

    /// How many distinct values were opened so far.
    public var openedCount: Int { lock.withLock { opened.count } }
}
