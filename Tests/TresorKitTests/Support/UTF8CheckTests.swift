import Testing

@testable import TresorKit

/// The fast UTF-8 check finds the same first bad sequence as the standard library's parser.
@Suite struct UTF8CheckTests {
    @Test(
        arguments: [
            [UInt8](), Array("plain ASCII, longer than eight bytes".utf8), Array("Grüße 🎉 ok".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xFF], [0x80], Array("abcdefgh".utf8) + [0xE2, 0x82], Array("abcdefgh".utf8) + [0xE2],
            [0x41, 0xC3, 0x28, 0x41], [0xF0, 0x9F, 0x98, 0x41], [0xEF, 0xBF, 0xBF],
        ] as [[UInt8]])
    func edgeCases(bytes: [UInt8]) {
        #expect(UTF8Check.firstInvalidOffset(bytes) == UTF8Check.parsedInvalidOffset(bytes))
    }

    @Test func randomBytesAgreeWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 8)
        let pieces: [[UInt8]] = [
            Array("ascii text ".utf8), Array("ü".utf8), Array("€".utf8), Array("𝄞".utf8),
            [0x80], [0xC3], [0xE2, 0x82], [0xED, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF8],
        ]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let piece = pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                // Mostly valid pieces, so the bad ones land at every offset.
                if piece.count == 1, piece[0] >= 0x80, Bool.random(using: &generator) { continue }
                bytes += piece
            }
            #expect(UTF8Check.firstInvalidOffset(bytes) == UTF8Check.parsedInvalidOffset(bytes))
            // A non-contiguous sequence takes the parser's path and agrees too.
            #expect(
                UTF8Check.firstInvalidOffset(bytes.lazy.map { $0 })
                    == UTF8Check.parsedInvalidOffset(bytes))
        }
    }
}
