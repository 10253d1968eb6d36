import CSodium

extension SealedValue {
    /// Seals `value` for the master key whose public half is `key`, binding it to `name`.
    ///
    /// The box holds three fields, each a 4-byte big-endian length and its bytes: the name
    /// (UTF-8), the recipient key id text, and the value. The plaintext is assembled in
    /// wiped memory.
    public static func seal(
        _ value: SecretBytes, name: String, to key: PublicKey
    ) throws(CryptoError) -> SealedValue {
        let keyID = key.keyID
        guard value.count <= Int(UInt32.max) else { throw .cannotSeal(name: name) }
        let plaintext = Plaintext.encode(name: name, keyID: keyID, value: value)

        var box = [UInt8](repeating: 0, count: plaintext.count + crypto_box_sealbytes())
        let status = plaintext.withUnsafeBytes { message in
            box.withUnsafeMutableBufferPointer { out in
                crypto_box_seal(
                    out.baseAddress!, message.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    UInt64(message.count), key.bytes)
            }
        }
        guard status == 0 else { throw .cannotSeal(name: name) }
        return SealedValue(entries: [Recipient(keyID: keyID, box: box)])
    }

    /// Opens the box sealed for `key` and returns the value, after checking that the box
    /// was sealed for the secret `name` and for this key.
    ///
    /// A wrong key, a damaged box and a box taken from another secret all throw the same
    /// ``CryptoError/cannotOpen(name:)``: the message must not tell an attacker which.
    public func open(name: String, with key: MasterKey) throws(CryptoError) -> SecretBytes {
        let keyID = key.keyID
        guard let entry = entries.first(where: { $0.keyID == keyID }) else {
            throw .notSealedToKey(expected: keyID, found: recipients)
        }
        let plaintext = try SealedValue.openBox(entry.box, name: name, with: key)
        // `plaintext` is wiped when released, right after the value is copied out.
        guard let value = Plaintext.decode(plaintext, name: name, keyID: keyID) else {
            throw .cannotOpen(name: name)
        }
        return value
    }

    private static func openBox(
        _ box: [UInt8], name: String, with key: MasterKey
    ) throws(CryptoError) -> SecretBytes {
        let length = box.count - crypto_box_sealbytes()
        guard length >= 0 else { throw .cannotOpen(name: name) }
        return try SecretBytes(capacity: length) { out throws(CryptoError) in
            let status = key.secret.withUnsafeBytes { secret in
                crypto_box_seal_open(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), box,
                    UInt64(box.count), key.publicKey.bytes,
                    secret.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard status == 0 else { throw .cannotOpen(name: name) }
            return length
        }
    }
}

/// The layout of the plaintext inside a box: three length-prefixed fields.
enum Plaintext {
    /// Builds name, key id and value into wiped memory.
    static func encode(name: String, keyID: KeyID, value: SecretBytes) -> SecretBytes {
        let nameBytes = Array(name.utf8)
        let idBytes = Array(keyID.text.utf8)
        let total = 12 + nameBytes.count + idBytes.count + value.count
        return SecretBytes(capacity: total) { buffer in
            var offset = 0
            func append(_ field: UnsafeRawBufferPointer) {
                withUnsafeBytes(of: UInt32(field.count).bigEndian) {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]).copyMemory(from: $0)
                }
                offset += 4
                UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]).copyMemory(from: field)
                offset += field.count
            }
            nameBytes.withUnsafeBytes { append($0) }
            idBytes.withUnsafeBytes { append($0) }
            value.withUnsafeBytes { append($0) }
            return offset
        }
    }

    /// The value in `plaintext` when its name and key id fields equal `name` and `keyID`
    /// and the three fields fill it exactly; nil otherwise.
    static func decode(_ plaintext: SecretBytes, name: String, keyID: KeyID) -> SecretBytes? {
        plaintext.withUnsafeBytes { bytes in
            var reader = FieldReader(bytes: bytes)
            guard let nameField = reader.next(), nameField.elementsEqual(name.utf8),
                let idField = reader.next(), idField.elementsEqual(keyID.text.utf8),
                let valueField = reader.next(), reader.isAtEnd
            else { return nil }
            return SecretBytes(valueField)
        }
    }
}

/// Reads length-prefixed fields from a buffer, refusing lengths that overrun it.
private struct FieldReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func next() -> UnsafeRawBufferPointer? {
        guard bytes.count - offset >= 4 else { return nil }
        var length = 0
        for byte in bytes[offset..<offset + 4] { length = length << 8 | Int(byte) }
        offset += 4
        guard bytes.count - offset >= length else { return nil }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }
}
