import Foundation
import Testing

@testable import TresorKit

/// The fast check of plain documents stands in for libxml2's parse: whatever it accepts,
/// libxml2 must accept with the same elements (runs); what it cannot tell it leaves to
/// libxml2. These tests hold it to that on hand-written documents, on the public corpus,
/// and on thousands of damaged copies of both, and check that it does accept the plain
/// process files it exists for.
@Suite struct XMLPlainCheckTests {
    /// Checks the one promise on `bytes`: accepted means libxml2 accepts, same runs.
    /// Returns whether the fast check accepted.
    @discardableResult
    private func holdsPromise(
        _ bytes: [UInt8], keeping kept: [Int]? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Bool {
        guard XMLWellFormedness.mayParseFirst(bytes) else { return false }
        let kept = kept ?? BPMNReader.siteStarts(bytes)
        guard let plain = XMLPlainCheck.runs(of: bytes, keeping: kept) else { return false }
        let document = String(decoding: bytes.prefix(300), as: UTF8.self)
        let libxml2 = libXML2Runs(bytes, keeping: kept)
        #expect(
            libxml2 != nil, "accepted what libxml2 refuses: \(document)",
            sourceLocation: sourceLocation)
        #expect(
            libxml2 == plain.skippable, "other runs than libxml2's: \(document)",
            sourceLocation: sourceLocation)
        return true
    }

    /// A process file as modellers' tools write them.
    static let plainProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- exported by a modeller -->
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="http://x">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:serviceTask id="t" name="Upload &amp; check &#x263A;" camunda:type="external">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="password">{{secret:FTP_PASSWORD}}</camunda:inputParameter>
                  <camunda:inputParameter name="body"><![CDATA[a < b && {{secret:B}}]]></camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:scriptTask id="s" scriptFormat="groovy"><bpmn:script>x &lt; 3 ü ]</bpmn:script></bpmn:scriptTask>
            <?tool hint?>
          </bpmn:process>
          <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="d">
            <bpmndi:BPMNPlane id="pl" bpmnElement="p"><bpmndi:BPMNShape id="sh" /></bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>

        """

    @Test func acceptsThePlainProcessFilesItIsFor() throws {
        for document in [
            Self.plainProcess, "\u{FEFF}<r/>", "<r><a/>{{x}}<b>é</b></r>",
            "<?xml version='1.0' standalone='yes'?><r a='\"' b=\"'\"/>",
            "<r xmlns='urn:a'><p:q xmlns:p='urn:b' p:x='1' y='2'/></r>",
        ] {
            #expect(holdsPromise(Array(document.utf8)), "\(document)")
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/upload.bpmn")
        #expect(holdsPromise(Array(try Data(contentsOf: fixture))))
    }

    /// Documents libxml2 refuses or warns about, and what the check does not judge: it
    /// accepts none of them.
    @Test(arguments: [
        "", "   ", "<r>", "<r></s>", "<r/><s/>", "<r/>text", "<r><a></r></a>", "<ab></abc>",
        "<r a='1' a='2'/>", "<r a='1'b='2'/>", "<r a=1/>", "<r a='<'/>", "<r a='&x;'/>",
        "<r>&nbsp;</r>", "<r>&#0;</r>", "<r>&#xD800;</r>", "<r>&#X41;</r>", "<r>&#12345678;</r>",
        "<r>a]]>b</r>", "<r><!-- a -- b --></r>", "<r><!-- a ---></r>", "<r><![CDATA[x</r>",
        "<r><?xml version='1.0'?></r>", "<r><?XmL x?></r>", "<r><?a:b x?></r>",
        "<r><?pi\u{1}?></r>",
        " <?xml version='1.0'?><r/>", "<?xml version='1.1'?><r/>",
        "<?xml version='1.0' encoding='ISO-8859-1'?><r/>", "<?xml-stylesheet href='a'?><r/>",
        "<!DOCTYPE r><r/>", "<p:r/>", "<r p:a='1'/>", "<r xmlns:p=''/>",
        "<r xmlns:p='a b'/>", "<r xmlns:p='relative'/>",
        "<r xmlns:xml='http://www.w3.org/XML/1998/namespace'/>", "<r xml:lang='en'/>",
        "<r xmlns:p='urn:a' xmlns:q='urn:a' p:x='1' q:x='2'/>",
        "<r xmlns='http://www.w3.org/2000/xmlns/'/>",
        "<r\u{1}/>", "<r>\u{1}</r>", "<r>\u{FFFE}</r>", "<r a='\u{FFFF}'/>", "<é/>", "<r é='1'/>",
        "<r:/>", "<:r/>", "<a:b:c/>", "<r / >", "</r>", "<r></r >x",
        // Case folding that turned a control character into `-` or `8` (a fresh tester).
        "<?xml version='1.0' encoding='utf\r8'?><r/>",
        "<?xml version='1.0' encoding='UTF-\u{18}'?><r/>",
    ])
    func acceptsNothingItCannotVouchFor(document: String) {
        #expect(!holdsPromise(Array(document.utf8)), "\(document)")
    }

    @Test func refusesWhatGoesBeyondItsLimits() {
        let deep = String(repeating: "<a>", count: 129) + String(repeating: "</a>", count: 129)
        #expect(!holdsPromise(Array(("<r>" + deep + "</r>").utf8)))
        let shallow = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(holdsPromise(Array(shallow.utf8)))
        let long = String(repeating: "n", count: 1_001)
        #expect(!holdsPromise(Array("<\(long)/>".utf8)))
    }

    /// The namespace names taken without libxml2's URI parser are ones it reads with a
    /// scheme, and a document declaring each is accepted as libxml2 accepts it; one with
    /// a space after it is not, and a name without a scheme still goes to the parser.
    @Test func wellKnownNamespaceNamesAreThoseLibXML2Reads() {
        for known in XMLPlainCheck.wellKnownNamespaceNames {
            let name = known.withUTF8Buffer { Array($0) }
            #expect(XMLPlainCheck.hasScheme(name), "\(known)")
            let declared = "<r xmlns=\"\(known)\" xmlns:p=\"\(known)\"><p:a/></r>"
            #expect(holdsPromise(Array(declared.utf8)), "\(known)")
            #expect(!holdsPromise(Array("<r xmlns=\"\(known) \"/>".utf8)), "\(known)")
        }
        #expect(!XMLPlainCheck.hasScheme(Array("camunda.org/schema/1.0/bpmn".utf8)))
        #expect(!holdsPromise(Array("<r xmlns=\"camunda.org/schema/1.0/bpmn\"/>".utf8)))
    }

    /// Every public file as it is and kept at every seventh `<`; then damaged copies.
    @Test(arguments: Corpus.files())
    func publicFilesKeepThePromise(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        holdsPromise(bytes)
        let tags = bytes.indices.filter { bytes[$0] == UInt8(ascii: "<") }
        for phase in 0..<7 {
            let kept = tags.enumerated().filter { $0.offset % 7 == phase }.map(\.element)
            holdsPromise(bytes, keeping: kept)
        }
        var generator = SeededBytes(seed: UInt64(bytes.count))
        for _ in 0..<150 { holdsPromise(generator.damaged(bytes)) }
    }

    /// Thousands of damaged copies of a plain process file: one byte changed, removed or
    /// added where XML's syntax lives. Some stay well-formed; none breaks the promise.
    @Test func damagedDocumentsKeepThePromise() {
        let bytes = Array(Self.plainProcess.utf8)
        var generator = SeededBytes(seed: 6)
        var accepted = 0
        for _ in 0..<4_000 where holdsPromise(generator.damaged(bytes)) { accepted += 1 }
        // Some damage leaves a plain document (a letter in a name or in text).
        #expect(accepted > 100)
    }
}

/// A small seeded generator of damage: the same copies in every run.
private struct SeededBytes {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(max(1, bound)))
    }

    /// `bytes` with one byte changed, removed or added, mostly one of XML's own.
    mutating func damaged(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        let syntax = Array("<>/=\"'&;#:!?-[]x \u{1}\r\u{18}".utf8) + [0xEF, 0xBF, 0xBE]
        let byte = syntax[next(syntax.count)]
        let index = next(copy.count + 1)
        switch next(3) {
        case 0 where index < copy.count: copy[index] = byte
        case 1 where index < copy.count: copy.remove(at: index)
        default: copy.insert(byte, at: index)
        }
        return copy
    }
}
