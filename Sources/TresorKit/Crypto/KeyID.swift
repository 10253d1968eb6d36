/// The short, public name of a master key: 16 lower-case hex characters derived from its
/// public key, for example `3f9a0c5be27d4418`.
///
/// Sealed values and the vault name the key they need by this id, so `tresor` can tell "you
/// have the wrong key" from "the value is damaged", and key files are named after it. It is
/// the first 8 bytes of BLAKE2b-128 of the 32-byte public key: short enough to read aloud,
/// and 64 bits make an accidental clash between a team's few keys practically impossible.
/// It is a label, not an authenticator: opening a value still proves the key.
public struct KeyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of hex characters in a key id.
    public static let length = 16

    /// The 16 lower-case hex characters.
    public let text: String

    /// Accepts `text` only in the exact form `tresor` writes: 16 characters of `[0-9a-f]`.
    /// Upper case is refused so that each key has one spelling in files and diffs.
    public init?(text: some StringProtocol) {
        guard KeyID.isWellFormed(text.utf8) else { return nil }
        self.text = String(text)
    }

    /// The id of `publicKey`.
    init(publicKey: PublicKey) {
        let digest = publicKey.bytes.withUnsafeBytes { Sodium.blake2b($0, length: 16) }
        text = Sodium.hex(Array(digest.prefix(8)))
    }

    /// True when `bytes` spell a key id. Byte-level so parsers can check slices.
    static func isWellFormed(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == length else { return false }
        return bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The key id text.
    public var description: String { text }

    /// Orders by text, so lists of key ids print the same way every time.
    public static func < (lhs: KeyID, rhs: KeyID) -> Bool { lhs.text < rhs.text }
}
