import CSodium

/// The team's X25519 private key: it opens every sealed value in a vault.
///
/// It lives only in ``SecretBytes`` (wiped on release) and outside the repository: in
/// `TRESOR_KEY`, a file named by `TRESOR_KEY_FILE`, or the default key file (see
/// ``KeyStore``). Its text form is `TRESOR-SECRET-KEY-1` followed by 48 characters of
/// URL-safe base64 holding the 32 key bytes and a 4-byte checksum: the prefix makes leaked
/// keys easy to find with ``containsMasterKey(_:)``, and the checksum catches a key that
/// was mistyped or cut short before it produces confusing "cannot open" errors.
public struct MasterKey: Sendable {
    /// The size of an X25519 secret key in bytes.
    static let byteCount = 32
    /// The size of the checksum after the key bytes.
    static let checksumCount = 4
    /// The start of every master key's text form.
    static let prefix = Array("TRESOR-SECRET-KEY-1".utf8)
    /// The number of base64 characters after the prefix (36 bytes, unpadded).
    static let bodyLength = Base64Variant.urlSafeUnpadded.encodedLength(
        of: byteCount + checksumCount)
    /// What the checksum hashes before the key, so it cannot be mistaken for another hash.
    static let checksumContext = Array("tresor-key-checksum-1".utf8)

    /// A description of the text form, as a regular expression, for documentation and for
    /// configuring other secret scanners. Matching it is not enough to be a valid key: the
    /// checksum must also hold, which ``containsMasterKey(_:)`` checks.
    public static let pattern = "TRESOR-SECRET-KEY-1[A-Za-z0-9_-]{48}"

    /// The 32 secret key bytes.
    let secret: SecretBytes
    /// The public half, derived from the secret once.
    public let publicKey: PublicKey

    /// Wraps 32 secret bytes and derives the public key.
    init(secret: SecretBytes) {
        precondition(secret.count == MasterKey.byteCount, "a master key is 32 bytes")
        self.secret = secret
        publicKey = MasterKey.derivePublicKey(from: secret)
    }

    /// A new random key from libsodium's generator (`randombytes_buf`).
    public static func generate() -> MasterKey {
        let secret = SecretBytes(capacity: byteCount) { buffer in
            randombytes_buf(buffer.baseAddress!, buffer.count)
            return buffer.count
        }
        return MasterKey(secret: secret)
    }

    /// The id of this key: the id of its public key.
    public var keyID: KeyID { publicKey.keyID }

    private static func derivePublicKey(from secret: SecretBytes) -> PublicKey {
        var bytes = [UInt8](repeating: 0, count: PublicKey.byteCount)
        let status = secret.withUnsafeBytes { secretKey in
            bytes.withUnsafeMutableBufferPointer { out in
                crypto_scalarmult_base(
                    out.baseAddress!, secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        precondition(status == 0, "crypto_scalarmult_base failed")
        return PublicKey(bytes: bytes)
    }

    /// The checksum of `secret`: the first 4 bytes of BLAKE2b-128 of the context string
    /// followed by the key. The concatenation lives in wiped memory too.
    static func checksum(of secret: UnsafeRawBufferPointer) -> [UInt8] {
        let context = checksumContext
        let input = SecretBytes(capacity: context.count + secret.count) { buffer in
            buffer.copyBytes(from: context)
            UnsafeMutableRawBufferPointer(rebasing: buffer[context.count...]).copyMemory(
                from: secret)
            return buffer.count
        }
        let digest = input.withUnsafeBytes { Sodium.blake2b($0, length: 16) }
        return Array(digest.prefix(checksumCount))
    }
}
