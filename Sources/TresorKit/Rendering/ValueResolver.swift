/// Opens secrets' values for one run, each at most once, and keeps them only as long as
/// the resolver lives (``SecretBytes`` wipes them when released).
public final class ValueResolver {
    private let vault: Vault
    private let key: MasterKey
    private var opened: [SecretName: SecretBytes] = [:]
    private var envelopes: [SecretName: SealedValue] = [:]

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
        if let value = opened[name] { return value }
        let record = try vault.read(name)
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

    /// How many distinct values were opened so far.
    public var openedCount: Int { opened.count }
}
