import Testing

@testable import TresorKit

/// Inputs the fuzz targets found, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// FuzzEnvelope: libsodium decoded the UTF-8 bytes of U+FFFD inside a box's base64 as
    /// if they were base64 characters, so a damaged value line parsed (and opened) as
    /// another text's box.
    @Test func nonASCIIBytesInsideBase64AreRefused() throws {
        let key = MasterKey.generate()
        let value = try SealedValue.seal(
            SecretBytes(Array("fake-fuzz".utf8)), name: "FUZZ_TOKEN", to: key.publicKey)
        // Six base64 characters replaced by the six UTF-8 bytes of two U+FFFD.
        var bytes = Array(value.text.utf8)
        bytes.replaceSubrange(40..<46, with: Array("\u{FFFD}\u{FFFD}".utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(throws: CryptoError.malformedEnvelope(.badBase64)) { try SealedValue(text: text) }
        var keyText = Array(key.encoded.copyBytes().dropLast())
        keyText[30] = 0xC3
        #expect(throws: CryptoError.self) { try MasterKey(encoded: keyText) }
    }

    /// FuzzProcessFile: invalid UTF-8 inside an element name makes FoundationXML's parser
    /// trap (SIGILL in `_NSXMLParserStartElementNs`). The reader must refuse the file with a
    /// finding before libxml2 ever sees it.
    @Test func invalidUTF8InAnElementNameIsAFindingNotACrash() {
        let bytes =
            Array("<?xml version=\"1.0\"?>\n<bpmn:de".utf8) + [0xC9]
            + Array("finitions xmlns:bpmn=\"urn:x\"/>".utf8)
        let document = BPMNReader.read(bytes: bytes, path: "crash.bpmn")
        #expect(document.findings.map(\.rule) == [.xml])
        #expect(document.findings.first?.location.line == 2)
    }
}
