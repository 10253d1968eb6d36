/// Finds where a byte sequence stops being valid UTF-8, for readers that report the
/// position of the first bad byte (vault files, process files).
public enum UTF8Check {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence
    /// (overlong forms and surrogates included), or nil when all of `bytes` is valid.
    public static func firstInvalidOffset(_ bytes: some Sequence<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
