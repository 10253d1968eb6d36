/// Checks UTF-8 one sequence at a time, for tokenizers that walk bytes themselves.
enum UTF8Validation {
    /// The length of the valid UTF-8 sequence starting at `offset`, or nil when the bytes there
    /// are not one (stray continuation byte, truncation, overlong form, surrogate, or beyond
    /// U+10FFFF).
    static func sequenceLength(_ bytes: [UInt8], at offset: Int, limit: Int) -> Int? {
        bytes.withUnsafeBytes { sequenceLength($0, at: offset, limit: limit) }
    }

    /// The same, on raw bytes (``UTF8Check`` runs it over whole files).
    static func sequenceLength(
        _ bytes: UnsafeRawBufferPointer, at offset: Int, limit: Int
    ) -> Int? {
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)
        default: return nil
        }
        guard offset + length <= limit else { return nil }
        guard (low...high).contains(bytes[offset + 1]) else { return nil }
        for index in (offset + 2)..<(offset + length) where !(0x80...0xBF).contains(bytes[index]) {
            return nil
        }
        return length
    }
}
