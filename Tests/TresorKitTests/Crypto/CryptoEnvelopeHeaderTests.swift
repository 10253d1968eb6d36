import Testing

@testable import TresorKit

@Suite struct CryptoEnvelopeHeaderTests {
    static let id = "0123456789abcdef"
    /// A syntactically valid box (all zero bytes, long enough); it would never open.
    static let box = Sodium.base64([UInt8](repeating: 0, count: 60), variant: .standard)

    @Test func acceptsAWellFormedHeader() throws {
        let value = try SealedValue(text: "tresor:v1:\(Self.id):\(Self.box)")
        #expect(value.recipients.map(\.text) == [Self.id])
        #expect(value.sealedLength == 60)
    }

    @Test func acceptsSeveralRecipients() throws {
        let other = "fedcba9876543210"
        let text = "tresor:v1:\(Self.id):\(Self.box);\(other):\(Self.box)"
        let value = try SealedValue(text: text)
        #expect(value.recipients.map(\.text) == [Self.id, other])
        #expect(value.isSealed(to: KeyID(text: other)!))
        #expect(value.text == text)
    }

    @Test func namesAnUnknownVersion() {
        #expect(throws: CryptoError.unknownEnvelopeVersion("v2")) {
            try SealedValue(text: "tresor:v2:\(Self.id):\(Self.box)")
        }
    }

    @Test(arguments: [
        ("", CryptoError.EnvelopeProblem.missingPrefix),
        ("fake-plaintext-password", .missingPrefix),
        ("TRESOR:v1:\(id):\(box)", .missingPrefix),
        ("tresor:", .badVersion),
        ("tresor:V1:\(id):\(box)", .badVersion),
        ("tresor:vx:\(id):\(box)", .badVersion),
        ("tresor:v1", .noRecipient),
        ("tresor:v1:", .noRecipient),
        ("tresor:v1:0123456789ABCDEF:\(box)", .badKeyID),
        ("tresor:v1:0123456789abcde:\(box)", .badKeyID),
        ("tresor:v1:\(id)", .badKeyID),
        ("tresor:v1:\(id):\(box);", .badKeyID),
        ("tresor:v1:\(id):\(box.dropLast())", .badBase64),
        ("tresor:v1:\(id):\(box) ", .badBase64),
        ("tresor:v1:\(id):!!!!", .badBase64),
        ("tresor:v1:\(id):", .tooShort),
        ("tresor:v1:\(id):\(box.prefix(20))", .tooShort),
        ("tresor:v1:\(id):\(box);\(id):\(box)", .duplicateRecipient(KeyID(text: id)!)),
    ])
    func rejectsMalformedHeaders(_ text: String, _ problem: CryptoError.EnvelopeProblem) {
        do {
            _ = try SealedValue(text: text)
            Issue.record("accepted a malformed header")
        } catch {
            #expect(error == .malformedEnvelope(problem))
            #expect(error.exitCode == .vault)
            #expect(!error.message.contains("fake-plaintext"))
        }
    }
}
