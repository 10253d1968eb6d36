/// Looking at eight bytes at a time in plain 64-bit arithmetic, to find the first byte of a
/// buffer that is one of a few, or below a bound, without a branch per byte.
///
/// Each test marks the bytes it finds with their high bit. The lowest mark of a test is
/// always right; a byte above a found one may be marked falsely (a borrow runs on from the
/// found byte). So only the first mark may be trusted, and ``firstByte(in:)`` of the marks
/// of several tests ORed together is the first byte that passes any of them.
enum ByteWords {
    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The eight bytes at `pointer` as one word, the first byte lowest.
    @inline(__always)
    static func word(at pointer: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
    }

    /// Marks the bytes of `word` below `bound` (at most 0x80), given as ``repeated(_:)``.
    @inline(__always)
    static func below(_ word: UInt64, _ bound: UInt64) -> UInt64 {
        (word &- bound) & ~word & 0x8080_8080_8080_8080
    }

    /// Marks the bytes of `word` equal to the byte `pattern` repeats.
    @inline(__always)
    static func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        below(word ^ pattern, 0x0101_0101_0101_0101)
    }

    /// Marks exactly the bytes of `word` equal to the byte `pattern` repeats, with no false
    /// mark above a found one (no borrow runs from byte to byte): for a search backwards,
    /// whose answer is the highest mark.
    @inline(__always)
    static func exactlyEqual(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~(((x & low) &+ low) | x) & ~low
    }

    /// Which byte of a word holds the highest mark of `marks` (not zero), 0 to 7.
    @inline(__always)
    static func lastByte(in marks: UInt64) -> Int { (63 - marks.leadingZeroBitCount) >> 3 }

    /// Which byte of a word holds the lowest mark of `marks` (not zero), 0 to 7.
    @inline(__always)
    static func firstByte(in marks: UInt64) -> Int { marks.trailingZeroBitCount >> 3 }
}
