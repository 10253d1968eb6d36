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
    /// time, and each other sequence is checked by ``UTF8Validation``. Returns the offset
    /// where the bad sequence starts.
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
            guard let length = UTF8Validation.sequenceLength(raw, at: index, limit: count)
            else { return index }
            index += length
        }
        return nil
    }
}
