import Testing

@testable import TresorKit

@Suite struct SecretNameTests {
    @Test(arguments: ["FTP_PASSWORD", "A", "X9_", String(repeating: "A", count: 64)])
    func acceptsValidNames(_ text: String) throws {
        #expect(try SecretName(text).text == text)
    }

    @Test(arguments: [
        "", "ftp", "9A", "_A", "A-B", "A/B", "..", "A\u{0}B", "ÄBC", "Ａ", "VAULT",
        String(repeating: "A", count: 65),
    ])
    func rejectsInvalidNames(_ text: String) {
        #expect(throws: NameError.self) { try SecretName(text) }
    }

    @Test func warnsAboutVagueAndLongNames() throws {
        #expect(try SecretName("SECRET_1").warnings.count == 1)
        #expect(try SecretName("PASSWORD2").warnings.count == 1)
        #expect(try SecretName("FTP_PASSWORD").warnings.isEmpty)
        #expect(try SecretName("SHIPMENT_TRACKING_API_KEY").warnings.count == 1)
    }

    @Test func errorMessageEscapesControlCharacters() {
        do {
            _ = try SecretName("A\u{1}B")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("\\u{1}"))
        }
    }
}
