/// Finds where a byte sequence stops being valid UTF-8, for readers that report the
/// position of the first bad byte (vault files, process files).
public enum UTF8Check {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence
    /// (overlong forms and surrogates included), or nil when all of `bytes` is valid.
    public static func firstInvalidOffset(_ bytes: some Sequence<UInt8>) -> Int? {
        if let found = bytes.withContiguousStorageIfAvailable({
            firstInvalidOffset(in: UnsafeRawBufferPointer($0))
        }) {
            return found
        }
        return parsedInvalidOffset(bytes)
    }

    /// The standard library's parser, scalar by scalar: for sequences that are not
    /// contiguous, and the reference the tests hold the fast path to.
    static func parsedInvalidOffset(_ bytes: some Sequence<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Process and vault files are nearly all ASCII: ASCII is skipped eight bytes at a
    /// time, and each other sequence is checked by its lead byte's rule (Unicode, table 3-7:
    /// the second byte's range shuts out overlong forms, surrogates and code points past
    /// U+10FFFF). Returns the offset where the bad sequence starts.
    static func firstInvalidOffset(in raw: UnsafeRawBufferPointer) -> Int? {
        let count = raw.count
        var index = 0
        while index < count {
            while index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { return nil }
            let lead = raw[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return index
            }
            guard index + length <= count else { return index }
            let second = raw[index + 1]
            guard second >= low, second <= high else { return index }
            for offset in 2..<max(2, length) where raw[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
