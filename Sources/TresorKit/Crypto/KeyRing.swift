/// The master keys of one run, found by key id when a value first needs them.
///
/// One key is the rule; a vault half-way through `tresor rekey` needs two, the new key
/// and the one it started from, and a value says by its key id which one opens it. Keys
/// are found through ``KeyStore/load(for:environment:)`` (every source in its order), at
/// most once per id, and only when a value sealed to that id is opened, so a run that
/// opens nothing reads no key.
public final class KeyRing {
    private let environment: TresorEnvironment?
    private var keys: [KeyID: MasterKey] = [:]
    private var failures: [KeyID: KeyError] = [:]
    /// Called once per key found, with its id and source (never its text), for `--verbose`.
    public var onLoad: (KeyID, String) -> Void = { _, _ in }

    /// A ring that finds keys in `environment`'s sources.
    public init(environment: TresorEnvironment) {
        self.environment = environment
    }

    /// A ring holding `key` and no other.
    public init(key: MasterKey) {
        environment = nil
        keys[key.keyID] = key
    }

    /// The keys found so far (a key command's among them).
    public var loadedKeys: [MasterKey] { Array(keys.values) }

    /// The key with id `keyID`.
    public func key(for keyID: KeyID) throws(KeyError) -> MasterKey {
        if let key = keys[keyID] { return key }
        if let failure = failures[keyID] { throw failure }
        guard let environment else { throw .notFound(keyID, looked: ["the keys given"]) }
        do {
            let (key, source, others) = try KeyStore.loadAll(
                for: keyID, environment: environment)
            keys[keyID] = key
            // The source's other keys too: `redact` masks every key it loaded.
            for other in others where keys[other.keyID] == nil { keys[other.keyID] = other }
            onLoad(keyID, source)
            return key
        } catch {
            failures[keyID] = error
            throw error
        }
    }
}
