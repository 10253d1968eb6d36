import Testing

@testable import TresorKit

@Suite struct CryptoSecretBytesTests {
    static let canary = "fake-canary-Zq7Xv-not-a-real-secret"

    @Test func holdsTheBytesItWasGiven() {
        let secret = SecretBytes(Self.canary.utf8)
        #expect(secret.count == Self.canary.utf8.count)
        #expect(!secret.isEmpty)
        #expect(secret.copyBytes() == Array(Self.canary.utf8))
        #expect(SecretBytes([UInt8]()).isEmpty)
    }

    @Test func printingNeverShowsTheBytes() {
        let secret = SecretBytes(Self.canary.utf8)
        var dumped = ""
        dump(secret, to: &dumped)
        let shown = [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped,
            "\([secret])", String(reflecting: Optional(secret)),
        ]
        for text in shown {
            #expect(!text.contains("canary"), "leaked in: \(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(dumped.contains("<redacted>"))
    }

    @Test func comparesByContent() {
        #expect(SecretBytes(Array("fake-a".utf8)) == SecretBytes(Array("fake-a".utf8)))
        #expect(SecretBytes(Array("fake-a".utf8)) != SecretBytes(Array("fake-b".utf8)))
        #expect(SecretBytes(Array("fake".utf8)) != SecretBytes(Array("fake-a".utf8)))
        #expect(SecretBytes([UInt8]()) == SecretBytes([UInt8]()))
    }

    @Test func keyTypesDoNotPrintTheSecretKey() throws {
        let key = MasterKey.generate()
        let text = String(decoding: key.encoded.copyBytes(), as: UTF8.self)
        var dumped = ""
        dump(key, to: &dumped)
        let body = String(text.dropFirst("TRESOR-SECRET-KEY-1".count).prefix(20))
        for shown in ["\(key)", String(reflecting: key), dumped] {
            #expect(!shown.contains(body))
            #expect(!shown.contains("TRESOR-SECRET-KEY"))
        }
    }
}
