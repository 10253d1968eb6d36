/// Finds where a byte sequence stops being valid UTF-8, for readers that report the
/// position of the first bad byte (vault files, process files).
public enum UTF8Check {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence
    /// (overlong forms and surrogates included), or nil when all of `bytes` is valid.
    public static func firstInvalidOffset(_ bytes: some Sequence<UInt8>) -> Int? {
        // Process and vault files are nearly all ASCII: skip ASCII eight bytes at a time and
        // let the standard library's parser check each stretch that is not.
        let start =
            bytes.withContiguousStorageIfAvailable {
                asciiPrefixLength(UnsafeRawBufferPointer($0))
            } ?? 0
        var iterator = bytes.makeIterator()
        for _ in 0..<start { _ = iterator.next() }
        var parser = Unicode.UTF8.ForwardParser()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// How many bytes at the start of `raw` are ASCII.
    private static func asciiPrefixLength(_ raw: UnsafeRawBufferPointer) -> Int {
        var index = 0
        let count = raw.count
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count, raw[index] < 0x80 { index += 1 }
        return index
    }
}
