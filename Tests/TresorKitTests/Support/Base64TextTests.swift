import Testing

@testable import TresorKit

/// `Base64Text` decodes sealed boxes and public keys as libsodium's decoder did: the same
/// bytes for every text libsodium accepts, nil for every text it refuses.
@Suite struct Base64TextTests {
    @Test(
        arguments: [
            ("", []), ("QQ==", [65]), ("QUI=", [65, 66]), ("QUJD", [65, 66, 67]),
            ("QUJDRA==", [65, 66, 67, 68]), ("+/8=", [251, 255]),
        ] as [(String, [UInt8])])
    func decodesCanonicalText(_ text: String, _ bytes: [UInt8]) {
        #expect(Base64Text.decode(text[...]) == bytes)
    }

    /// Wrong length, padding in the middle or alone, characters outside the alphabet (the
    /// URL-safe ones, white space, UTF-8), and non-zero unused bits (`QR==` would give the
    /// same byte as `QQ==`).
    @Test(arguments: [
        "Q", "QQ", "QQ=", "QU=D", "====", "A===", "QQ==QQ==", "QR==", "QUJ=", "QUJD\n",
        " QUJD", "QU-_", "QUJ\u{FF}", "Q\u{0}==", "ü===",
    ])
    func refusesWhatLibsodiumRefuses(_ text: String) {
        #expect(Base64Text.decode(text[...]) == nil, "\(text)")
        #expect(Sodium.decodeBase64(text[...], variant: .standard) == nil, "\(text)")
    }

    /// Random bytes round-trip through libsodium's encoder, and random mutations of the
    /// text are accepted or refused exactly as libsodium's decoder does.
    @Test func agreesWithLibsodiumOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCz09+/=-_ \n".utf8)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Sodium.base64(bytes, variant: .standard)
            #expect(Base64Text.decode(text[...]) == bytes)
            guard !text.isEmpty else { continue }
            var mutated = Array(text.utf8)
            let position = Int.random(in: 0..<mutated.count, using: &generator)
            mutated[position] = alphabet.randomElement(using: &generator)!
            let changed = String(decoding: mutated, as: UTF8.self)
            #expect(
                Base64Text.decode(changed[...])
                    == Sodium.decodeBase64(changed[...], variant: .standard), "\(changed)")
        }
    }
}
