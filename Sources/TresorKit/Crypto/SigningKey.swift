import CSodium

/// The Ed25519 key pair that vouches for a change of the vault's key. It is derived from the
/// master key (libsodium's `crypto_kdf_derive_from_key`, then `crypto_sign_seed_keypair`), so
/// it needs no storage of its own: whoever holds the master key holds it.
///
/// `vault.yaml` names the public half (`signing_key`). A rekey signs the new keys with the
/// old key's signing key (`key_change`), and the pre-commit hook and `tresor verify` check
/// that signature against the `signing_key` committed before: a committer without the old
/// master key cannot point the vault at a key of their own.
public struct SigningKey: Sendable {
    /// The size of an Ed25519 signature in bytes.
    static let signatureCount = 64
    /// The context libsodium's key derivation separates this key by (exactly 8 bytes).
    static let derivationContext = Array("tresorsg".utf8)
    /// The text every key-change signature starts with, so that it signs nothing else.
    static let changeContext = "tresor-key-change-1"

    /// The Ed25519 secret key (seed and public half, 64 bytes), in wiped memory.
    private let secret: SecretBytes
    public let publicKey: SigningPublicKey

    /// The signing key of `master`.
    public init(of master: MasterKey) {
        var seed = [UInt8](repeating: 0, count: Int(crypto_sign_SEEDBYTES))
        defer { sodium_memzero(&seed, seed.count) }
        let derived = master.secret.withUnsafeBytes { key in
            Self.derivationContext.withUnsafeBufferPointer { context in
                context.withMemoryRebound(to: CChar.self) { context in
                    crypto_kdf_derive_from_key(
                        &seed, seed.count, 1, context.baseAddress!,
                        key.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        precondition(derived == 0, "crypto_kdf_derive_from_key failed")
        var publicBytes = [UInt8](repeating: 0, count: SigningPublicKey.byteCount)
        secret = SecretBytes(capacity: Int(crypto_sign_SECRETKEYBYTES)) { buffer in
            let made = crypto_sign_seed_keypair(
                &publicBytes, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), seed)
            precondition(made == 0, "crypto_sign_seed_keypair failed")
            return buffer.count
        }
        publicKey = SigningPublicKey(bytes: publicBytes)
    }

    /// The `key_change` signature for a change from the key `old` (this signing key's) to
    /// `newKey`, whose signing key is `newSigningKey`.
    public func signChange(
        from old: KeyID, to newKey: PublicKey, signingKey newSigningKey: SigningPublicKey
    ) -> KeyChangeSignature {
        let message = Self.changeMessage(from: old, to: newKey, signingKey: newSigningKey)
        var signature = [UInt8](repeating: 0, count: Self.signatureCount)
        let status = secret.withUnsafeBytes { key in
            crypto_sign_detached(
                &signature, nil, message, UInt64(message.count),
                key.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        precondition(status == 0, "crypto_sign_detached failed")
        return KeyChangeSignature(bytes: signature)
    }

    /// What a key-change signature signs: the context, the old key id, the new public key
    /// and the new signing key, one per line.
    static func changeMessage(
        from old: KeyID, to newKey: PublicKey, signingKey: SigningPublicKey
    ) -> [UInt8] {
        Array(
            [changeContext, old.text, newKey.base64, signingKey.base64].joined(separator: "\n").utf8
        )
    }
}

/// The public half of a ``SigningKey`` (Ed25519, 32 bytes), as `vault.yaml` names it.
public struct SigningPublicKey: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = Int(crypto_sign_PUBLICKEYBYTES)
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount, "a signing key is 32 bytes")
        self.bytes = bytes
    }

    /// Reads the standard base64 form; nil when it is not 32 bytes of it.
    public init?(base64: String) {
        guard let bytes = Base64Text.decode(base64[...]), bytes.count == Self.byteCount else {
            return nil
        }
        self.bytes = bytes
    }

    public var base64: String { Sodium.base64(bytes, variant: .standard) }
    public var description: String { base64 }

    /// True when `signature` is this key's signature of the change from `old` to `newKey`
    /// with `newSigningKey` (`crypto_sign_verify_detached`).
    public func verifies(
        _ signature: KeyChangeSignature, from old: KeyID, to newKey: PublicKey,
        signingKey newSigningKey: SigningPublicKey
    ) -> Bool {
        Sodium.ready()
        let message = SigningKey.changeMessage(from: old, to: newKey, signingKey: newSigningKey)
        return crypto_sign_verify_detached(signature.bytes, message, UInt64(message.count), bytes)
            == 0
    }
}

/// A rekey's signature of the new keys by the old key's signing key (`key_change`, 64 bytes
/// in standard base64).
public struct KeyChangeSignature: Sendable, Hashable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == SigningKey.signatureCount, "a signature is 64 bytes")
        self.bytes = bytes
    }

    /// Reads the standard base64 form; nil when it is not 64 bytes of it.
    public init?(base64: String) {
        guard let bytes = Base64Text.decode(base64[...]), bytes.count == SigningKey.signatureCount
        else { return nil }
        self.bytes = bytes
    }

    public var base64: String { Sodium.base64(bytes, variant: .standard) }
}
