import Testing

@testable import TresorKit

@Suite struct CryptoKeyTests {
    @Test func keyIDIsSixteenHexCharactersOfThePublicKey() {
        let key = MasterKey.generate()
        let id = key.publicKey.keyID
        #expect(id.text.count == 16)
        #expect(KeyID(text: id.text) == id)
        #expect(MasterKey.generate().keyID != id)
    }

    @Test func keyIDMatchesBlake2bOfAKnownPublicKey() throws {
        // All-zero public key; the digest was computed independently with Python's hashlib:
        // blake2b(bytes(32), digest_size=16).hexdigest()[:16]
        let key = try PublicKey(base64: String(repeating: "A", count: 43) + "=")
        #expect(key.keyID.text == "ff0f22492f44bac4")
    }

    @Test(arguments: [
        "", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF", "0123456789abcdeg",
    ])
    func keyIDRejectsMalformedText(_ text: String) {
        #expect(KeyID(text: text) == nil)
    }

    @Test func publicKeyBase64RoundTrips() throws {
        let key = MasterKey.generate().publicKey
        #expect(key.base64.count == 44)
        #expect(try PublicKey(base64: key.base64) == key)
        #expect(throws: CryptoError.malformedPublicKey) { try PublicKey(base64: "AAAA") }
        #expect(throws: CryptoError.malformedPublicKey) {
            try PublicKey(base64: key.base64 + " ")
        }
    }

    @Test func masterKeyTextRoundTrips() throws {
        let key = MasterKey.generate()
        let text = key.encoded.copyBytes()
        #expect(text.count == "TRESOR-SECRET-KEY-1".count + 48 + 1)
        #expect(text.last == 0x0A)
        let again = try MasterKey(encoded: Array("  \r\n".utf8) + text + Array("\n\n".utf8))
        #expect(again.keyID == key.keyID)
        #expect(again.secret == key.secret)
    }

    @Test func masterKeyTextMatchesTheDocumentedFormat() throws {
        // Secret bytes 0...31; text built independently with Python's hashlib and base64.
        let text = "TRESOR-SECRET-KEY-1AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-Cair5"
        let key = try MasterKey(encoded: Array(text.utf8))
        #expect(key.secret.copyBytes() == Array(0...31))
        #expect(key.encoded.copyBytes() == Array((text + "\n").utf8))
    }

    @Test func checksumCatchesAOneCharacterChange() throws {
        var text = MasterKey.generate().encoded.copyBytes()
        let position = "TRESOR-SECRET-KEY-1".count + 10
        text[position] =
            text[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: CryptoError.malformedMasterKey(.badChecksum)) {
            try MasterKey(encoded: text)
        }
    }

    @Test func malformedKeysGiveVagueErrors() throws {
        let text = Array(MasterKey.generate().encoded.copyBytes().dropLast())
        let cases: [([UInt8], CryptoError.MasterKeyProblem)] = [
            (Array(text.dropFirst()), .missingPrefix),
            (Array(text.dropLast()), .wrongLength),
            (Array(text.dropLast()) + [UInt8(ascii: "+")], .badEncoding),
            (Array("AGE-SECRET-KEY-1FAKE".utf8), .missingPrefix), ([], .empty),
        ]
        let body = String(decoding: text.suffix(48), as: UTF8.self)
        for (input, problem) in cases {
            do {
                _ = try MasterKey(encoded: input)
                Issue.record("accepted a malformed key")
            } catch {
                #expect(error == .malformedMasterKey(problem))
                #expect(!error.message.contains(body.prefix(8)))
            }
        }
    }

    @Test func scannerFindsAKeyInOtherText() {
        let key = String(decoding: MasterKey.generate().encoded.copyBytes(), as: UTF8.self)
        let trimmed = String(key.dropLast())
        let file = "env:\n  - name: TOKEN\n    value: \"\(trimmed)\"\n"
        #expect(MasterKey.containsMasterKey(Array(file.utf8)))
        #expect(MasterKey.containsMasterKey(Array(("x" + trimmed + "yz").utf8)))
        #expect(!MasterKey.containsMasterKey(Array("no key here".utf8)))
        #expect(!MasterKey.containsMasterKey(Array(MasterKey.pattern.utf8)))
    }

    @Test func scannerRejectsACorruptedKey() {
        var text = Array(MasterKey.generate().encoded.copyBytes().dropLast())
        let last = text.count - 1
        text[last] = text[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(!MasterKey.containsMasterKey(Array("value: ".utf8) + text))
        let fake = "TRESOR-SECRET-KEY-1" + String(repeating: "A", count: 48)
        #expect(!MasterKey.containsMasterKey(Array(fake.utf8)))
    }
}
