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
        try lock.withLock { openOnce(name) }.get()
    }

    private func openOnce(_ name: SecretName) -> Result<SecretBytes, VaultError> {
        if let value = opened[name] { return .success(value) }
        let record: SecretRecord
        do { record = try vault.read(name) } catch { return .failure(error) }
        let value: SecretBytes
        do { value = try record.value.open(name: name.text, with: key) } catch {
            return .failure(.crypto(error))
        }
        opened[name] = value
        return .success(value)
    }

    /// How many distinct values were opened so far.
    public var openedCount: Int { lock.withLock { opened.count } }
}
