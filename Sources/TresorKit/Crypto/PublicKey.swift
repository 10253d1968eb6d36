import CSodium

/// The public half of a master key (X25519, 32 bytes): anyone with it can seal values that
/// only the master key opens.
///
/// It is stored in the vault as standard base64 so that teammates without the master key
/// can still add or change secrets.
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The size of an X25519 public key in bytes.
    public static let byteCount = 32

    /// The raw key bytes.
    let bytes: [UInt8]

    /// Wraps raw bytes already known to be 32 long.
    init(bytes: [UInt8]) {
        precondition(bytes.count == PublicKey.byteCount, "a public key is 32 bytes")
        self.bytes = bytes
    }

    /// Reads the standard base64 form (with padding), as `vault.yaml` stores it.
    /// The error does not quote the input.
    public init(base64: String) throws(CryptoError) {
        guard let bytes = Base64Text.decode(base64[...]),
            bytes.count == PublicKey.byteCount
        else { throw .malformedPublicKey }
        self.init(bytes: bytes)
    }

    /// The standard base64 form (44 characters, with padding).
    public var base64: String { Sodium.base64(bytes, variant: .standard) }

    /// The key id that names this key and its master key.
    public var keyID: KeyID { KeyID(publicKey: self) }

    /// The base64 form; a public key is not secret.
    public var description: String { base64 }
}
