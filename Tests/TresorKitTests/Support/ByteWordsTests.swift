import Testing

@testable import TresorKit

/// Eight bytes at a time: the exact test marks every equal byte and no other, so the
/// highest mark is the last equal byte, wherever the equal bytes and their neighbours are.
@Suite struct ByteWordsTests {
    @Test func exactlyEqualMarksEveryEqualByteAndNoOther() {
        let pattern = UInt8(ascii: "<")
        // Neighbours that trip borrow-based tests: 0x00, pattern ± 1, 0x80 and 0xFF.
        let fillers: [UInt8] = [0x00, pattern - 1, pattern + 1, 0x80, 0xFF, 0x41]
        for filler in fillers {
            for mask in 0..<256 {
                var bytes = [UInt8](repeating: filler, count: 8)
                for bit in 0..<8 where mask & (1 << bit) != 0 { bytes[bit] = pattern }
                let word = bytes.withUnsafeBytes { ByteWords.word(at: $0.baseAddress!) }
                let marks = ByteWords.exactlyEqual(word, ByteWords.repeated(pattern))
                let marked = (0..<8).filter { marks & (0x80 << (8 * UInt64($0))) != 0 }
                #expect(marked == (0..<8).filter { mask & (1 << $0) != 0 })
                if mask != 0 {
                    #expect(ByteWords.lastByte(in: marks) == 7 - (mask.leadingZeroBitCount - 56))
                }
            }
        }
    }
}
