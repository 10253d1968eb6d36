import CSodium

/// A secret's value as stored in the vault: sealed for one or more master keys, in the text
/// form `tresor:v1:<key id>:<base64 box>[;<key id>:<base64 box>...]`.
///
/// Why this shape: the header is plain text, so the vault can be checked without any key
/// ("is every value sealed for the current key?"), and the version lets the format change
/// later without guessing. Each box is a libsodium sealed box (`crypto_box_seal`: an
/// ephemeral X25519 key and XSalsa20-Poly1305) holding the secret's name, the recipient's
/// key id and the value, so a box copied into another secret's file, or relabelled for
/// another key, refuses to open. Writers of v1 emit one recipient; readers accept several,
/// which leaves room for a break-glass key or per-environment keys without a new format.
public struct SealedValue: Sendable, Hashable, CustomStringConvertible {
    /// One recipient: the key a box is sealed for, and the box.
    struct Recipient: Sendable, Hashable {
        let keyID: KeyID
        let box: [UInt8]
    }

    static let prefix = "tresor:"
    static let version = "v1"

    /// The recipients in the order they appear in the text.
    let entries: [Recipient]

    init(entries: [Recipient]) {
        self.entries = entries
    }

    /// The smallest box that can hold a value: the sealed-box overhead and the three length
    /// fields of the plaintext. Shorter boxes are refused before any key is tried.
    static var minimumBoxLength: Int { crypto_box_sealbytes() + 3 * 4 }

    /// The text form, as written in a secret file's `value`.
    public var text: String {
        let parts = entries.map { "\($0.keyID.text):" + Sodium.base64($0.box, variant: .standard) }
        return SealedValue.prefix + SealedValue.version + ":" + parts.joined(separator: ";")
    }

    /// The text form; it holds no plaintext.
    public var description: String { text }

    /// The sealed boxes, in file order: what a copied value has in common with its original
    /// even when recipients were added around it.
    public var boxes: [[UInt8]] { entries.map(\.box) }

    /// Each box in its base64 text, as it stands in a secret file.
    public var boxTexts: [String] { entries.map { Sodium.base64($0.box, variant: .standard) } }

    /// The key ids the value is sealed for, in file order.
    public var recipients: [KeyID] { entries.map(\.keyID) }

    /// True when the value can be opened by the master key with id `keyID`.
    public func isSealed(to keyID: KeyID) -> Bool {
        entries.contains { $0.keyID == keyID }
    }

    /// The length in bytes of the (first) sealed box. All boxes of a value hold the same
    /// plaintext, so they have the same length.
    public var sealedLength: Int { entries.first?.box.count ?? 0 }

    /// Parses and checks the plain header of `text`: prefix, version, key ids, base64 and
    /// box lengths. Needs no key and opens nothing. Errors never quote the input.
    public init(text: String) throws(CryptoError) {
        guard text.hasPrefix(SealedValue.prefix) else {
            throw .malformedEnvelope(.missingPrefix)
        }
        let afterPrefix = text.dropFirst(SealedValue.prefix.count)
        let version = afterPrefix.prefix { $0 != ":" }
        try SealedValue.checkVersion(version)

        let body = afterPrefix.dropFirst(version.count + 1)
        guard !body.isEmpty else { throw .malformedEnvelope(.noRecipient) }
        var entries: [Recipient] = []
        for part in SealedValue.recipientTexts(body) {
            let entry = try SealedValue.parseRecipient(part)
            guard !entries.contains(where: { $0.keyID == entry.keyID }) else {
                throw .malformedEnvelope(.duplicateRecipient(entry.keyID))
            }
            entries.append(entry)
        }
        self.init(entries: entries)
    }

    /// Accepts `v1`; names any other `v<digits>` as an unknown version, so an old `tresor`
    /// says "upgrade" instead of "corrupted" when it meets a newer file.
    private static func checkVersion(_ version: Substring) throws(CryptoError) {
        if version == SealedValue.version { return }
        let digits = version.utf8.dropFirst()
        let isVersion =
            version.hasPrefix("v") && (1...6).contains(digits.count)
            && digits.allSatisfy { (0x30...0x39).contains($0) }
        guard isVersion else { throw .malformedEnvelope(.badVersion) }
        throw .unknownEnvelopeVersion(String(version))
    }

    /// The `;`-separated parts of `body`, found in its UTF-8 bytes: grapheme-by-grapheme
    /// work, or a generic split, over kilobytes of base64 was most of the cost of reading a
    /// secret file.
    private static func recipientTexts(_ body: Substring) -> [Substring] {
        var body = body
        let ends = body.withUTF8 { bytes in
            bytes.indices.filter { bytes[$0] == UInt8(ascii: ";") } + [bytes.count]
        }
        let utf8 = body.utf8
        var start = utf8.startIndex
        return ends.map { end in
            let stop = utf8.index(utf8.startIndex, offsetBy: end)
            defer { start = stop < utf8.endIndex ? utf8.index(after: stop) : stop }
            return Substring(utf8[start..<stop])
        }
    }

    /// Parses `<key id>:<base64 box>`.
    private static func parseRecipient(_ part: Substring) throws(CryptoError) -> Recipient {
        let idText = part.prefix { $0 != ":" }
        guard let keyID = KeyID(text: idText), idText.utf8.count < part.utf8.count else {
            throw .malformedEnvelope(.badKeyID)
        }
        let encoded = Substring(part.utf8.dropFirst(idText.utf8.count + 1))
        guard let box = Base64Text.decode(encoded) else {
            throw .malformedEnvelope(.badBase64)
        }
        guard box.count >= minimumBoxLength else { throw .malformedEnvelope(.tooShort) }
        return Recipient(keyID: keyID, box: box)
    }
}
