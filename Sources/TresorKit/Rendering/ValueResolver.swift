/// Opens secrets' values for one run, each at most once, and keeps them only as long as
/// the resolver lives (``SecretBytes`` wipes them when released).
public final class ValueResolver {
    private let vault: Vault
    private let keys: KeyRing
    private var opened: [SecretName: SecretBytes] = [:]
    private var envelopes: [SecretName: SealedValue] = [:]

    public convenience init(vault: Vault, key: MasterKey) {
        self.init(vault: vault, keys: KeyRing(key: key))
    }

    /// A resolver that takes each value's key from `keys`, by the key ids it is sealed to.
    public init(vault: Vault, keys: KeyRing) {
        self.vault = vault
        self.keys = keys
    }

    /// True when the vault has a file for `name`; needs no key.
    public func exists(_ name: SecretName) -> Bool {
        FileReader.exists(vault.path(of: name))
    }

    /// The value of `name`, opened with the master key on first use.
    public func value(of name: SecretName) throws(VaultError) -> SecretBytes {
        if let value = opened[name] { return value }
        let record = try vault.read(name)
        let key = try self.key(for: record.value, of: name)
        let value: SecretBytes
        do { value = try record.value.open(name: name.text, with: key) } catch {
            if case .notSealedToKey(let expected, let found) = error {
                throw .sealedToOtherKey(name, found: found, expected: expected)
            }
            throw .crypto(error)
        }
        opened[name] = value
        envelopes[name] = record.value
        return value
    }

    /// The envelope the value of `name` was opened from, once it was opened: what a deploy
    /// manifest records, so a later change of the file can be told apart.
    public func envelope(of name: SecretName) -> SealedValue? { envelopes[name] }

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
            do { return try keys.key(for: id) } catch { first = first ?? error }
        }
        throw .key(first!)
    }

    /// How many distinct values were opened so far.
    public var openedCount: Int { opened.count }
}
