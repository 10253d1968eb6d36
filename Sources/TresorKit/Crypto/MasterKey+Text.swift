import CSodium

#if canImport(Glibc)
    import Glibc
#endif

extension MasterKey {
    /// The text form followed by a newline, ready to write to a key file or show once to the
    /// user. It is ``SecretBytes``, so it is wiped when released.
    public var encoded: SecretBytes {
        let prefix = MasterKey.prefix
        let payloadCount = MasterKey.byteCount + MasterKey.checksumCount
        // Key and checksum side by side in wiped memory, then base64 of both.
        let payload = secret.withUnsafeBytes { key in
            let sum = MasterKey.checksum(of: key)
            return SecretBytes(capacity: payloadCount) { buffer in
                buffer.copyMemory(from: key)
                UnsafeMutableRawBufferPointer(rebasing: buffer[key.count...]).copyBytes(from: sum)
                return payloadCount
            }
        }
        // prefix + body + "\n": libsodium writes its NUL where the newline goes, and the
        // newline then replaces it.
        let total = prefix.count + MasterKey.bodyLength + 1
        return SecretBytes(capacity: total) { buffer in
            buffer.copyBytes(from: prefix)
            payload.withUnsafeBytes { input in
                Sodium.base64(
                    input, into: UnsafeMutableRawBufferPointer(rebasing: buffer[prefix.count...]),
                    variant: .urlSafeUnpadded)
            }
            buffer[total - 1] = 0x0A
            return total
        }
    }

    /// Reads a key's text form, as found in `TRESOR_KEY` or a key file. Surrounding ASCII
    /// white space and newlines are ignored. Errors say which rule failed and never echo the
    /// input, which is probably a secret.
    public init(encoded: some Collection<UInt8>) throws(CryptoError) {
        try self.init(text: SecretBytes(encoded))
    }

    /// Reads a key's text form held in wiped memory (the key-file path uses this).
    init(text: SecretBytes) throws(CryptoError) {
        let secret = try text.withUnsafeBytes { raw throws(CryptoError) in
            try MasterKey.decode(MasterKey.trimmed(raw))
        }
        self.init(secret: secret)
    }

    /// `raw` without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF),
    /// and without a UTF-8 byte order mark before it, which Windows editors write: such a
    /// key file was refused as "does not start with TRESOR-SECRET-KEY-1", and `redact` did
    /// not mask its key (found by a twenty-sixth fresh tester).
    static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var end = raw.count
        while start < end, isSpace(raw[start]) { start += 1 }
        while end > start, isSpace(raw[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }

    /// Checks prefix, length, alphabet and checksum of a trimmed key text and returns the
    /// 32 key bytes.
    static func decode(_ text: UnsafeRawBufferPointer) throws(CryptoError) -> SecretBytes {
        guard !text.isEmpty else { throw .malformedMasterKey(.empty) }
        guard text.starts(with: prefix) else { throw .malformedMasterKey(.missingPrefix) }
        let body = UnsafeRawBufferPointer(rebasing: text[prefix.count...])
        guard body.count == bodyLength else { throw .malformedMasterKey(.wrongLength) }

        let payload = try SecretBytes(capacity: byteCount + checksumCount) {
            buffer throws(CryptoError) in
            let written = Sodium.decodeBase64(body, into: buffer, variant: .urlSafeUnpadded)
            guard written == buffer.count else { throw .malformedMasterKey(.badEncoding) }
            return buffer.count
        }
        return try payload.withUnsafeBytes { bytes throws(CryptoError) in
            let key = UnsafeRawBufferPointer(rebasing: bytes[..<byteCount])
            let stored = Array(bytes[byteCount...])
            let computed = checksum(of: key)
            guard sodium_memcmp(stored, computed, checksumCount) == 0 else {
                throw .malformedMasterKey(.badChecksum)
            }
            return SecretBytes(key)
        }
    }

    /// True when `bytes` contain a valid master key anywhere: the prefix, 48 characters of
    /// the key alphabet, and a checksum that holds. For scanners (the pre-commit hook) that
    /// must find a leaked key in any file without reporting look-alikes.
    public static func containsMasterKey(_ bytes: some Collection<UInt8>) -> Bool {
        masterKeyOffset(in: bytes) != nil
    }

    /// `text` with each master key in it written `[master key]`, or nil when it holds
    /// none: for a name a message prints (a key pasted into a file name was printed by the
    /// hook, `validate` and `list`; found by sixth and seventh fresh testers). Cheap when
    /// the text holds no key prefix, as nearly all text does.
    public static func masked(_ text: String) -> String? {
        guard text.utf8.count >= prefix.count + bodyLength,
            text.utf8.withContiguousStorageIfAvailable({
                mayHoldKey(UnsafeRawBufferPointer($0))
            }) ?? true
        else { return nil }
        return masked(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `bytes` with each master key in them written `[master key]`, or nil when they hold
    /// none: for text written as bytes (`diff-text`, which `git diff` shows).
    public static func masked(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= prefix.count + bodyLength, bytes.withUnsafeBytes(mayHoldKey) else {
            return nil
        }
        var bytes = bytes
        var found = false
        while let offset = masterKeyOffset(in: bytes) {
            bytes.replaceSubrange(
                offset..<offset + prefix.count + bodyLength, with: Array("[master key]".utf8))
            found = true
        }
        return found ? bytes : nil
    }

    /// Where the `Y` of `KEY` is in ``prefix``.
    private static let keyAnchor = prefix.firstIndex(of: UInt8(ascii: "Y"))!

    static func mayHoldKey(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= prefix.count else { return false }
        // Found through the `Y` of `KEY` with memchr: `usage` asks for every row, and rows
        // hold many a `T` (of `Task`) but seldom an upper-case `Y`.
        let anchor = keyAnchor
        var offset = anchor
        let end = bytes.count - (prefix.count - anchor) + 1
        while offset < end, let found = memchr(base + offset, Int32(prefix[anchor]), end - offset) {
            let start = base.distance(to: found) - anchor
            if prefix.withUnsafeBytes({ memcmp(base + start, $0.baseAddress!, prefix.count) }) == 0
            {
                return true
            }
            offset = start + anchor + 1
        }
        return false
    }

    /// Where the first master key in `bytes` starts (its prefix), or nil when there is none.
    public static func masterKeyOffset(in bytes: some Collection<UInt8>) -> Int? {
        // Limitation: the scan copies the input into an array that is not wiped; scanned
        // files are plain files on disk anyway.
        let data = Array(bytes)
        let need = prefix.count + bodyLength
        guard data.count >= need else { return nil }
        return data.withUnsafeBytes { raw -> Int? in
            var start = 0
            while start + need <= raw.count {
                let candidate = UnsafeRawBufferPointer(rebasing: raw[start..<start + need])
                if candidate.starts(with: prefix), (try? decode(candidate)) != nil {
                    return start
                }
                start += 1
            }
            return nil
        }
    }
}
