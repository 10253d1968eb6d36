import Foundation
import Testing

@testable import TresorKit

/// Hostile and malformed documents: refused with a located finding, never expanded, never
/// a crash.
@Suite struct BPMNReaderSafetyTests {
    private func read(_ text: String) -> ProcessDocument {
        BPMNReader.read(bytes: Array(text.utf8), path: "x.bpmn")
    }

    @Test func doctypeIsRefused() {
        let document = read(
            """
            <?xml version="1.0"?>
            <!DOCTYPE definitions SYSTEM "file:///etc/passwd">
            <definitions/>
            """)
        #expect(document.findings.map(\.rule) == [.xmlDoctype])
        #expect(
            document.findings.first?.location == SourceLocation(path: "x.bpmn", line: 2, column: 1)
        )
    }

    /// A file cut short inside a tag says so first (found by a sixteenth fresh tester: it
    /// read "'=' expected after attribute na"); a tag or element it leaves open is named.
    @Test func aTruncatedFileSaysItEndsTooEarly() {
        let whole = #"<definitions><process id="p" name="P"></process></definitions>"#
        for cut in [24, 35, 40] {
            let document = read(String(whole.prefix(cut)))
            #expect(document.findings.count == 1, "\(cut)")
            #expect(
                document.findings.first?.message.hasPrefix("the file ends too early: ") == true,
                "\(cut): \(document.findings.first?.message ?? "")")
        }
        for cut in [16, whole.utf8.count - 3] {
            let message = read(String(whole.prefix(cut))).findings.first?.message ?? ""
            #expect(message.contains("is not closed"), "\(cut): \(message)")
        }
        // An error before the end is said as it was.
        #expect(read("<a><b></a>").findings.first?.message.hasPrefix("the file ends") == false)
    }

    @Test func billionLaughsIsRefusedQuicklyWithoutExpansion() {
        var entities = #"<!ENTITY l0 "{{secret:LOL}}">"#
        for level in 1...30 {
            let previous = "&l\(level - 1);"
            entities += "<!ENTITY l\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let text = "<?xml version=\"1.0\"?><!DOCTYPE d [\(entities)]><d>&l30;</d>"
        let document = read(text)
        #expect(document.findings.map(\.rule) == [.xmlDoctype])
        #expect(document.references.isEmpty)
    }

    @Test(arguments: ["<a><b></a>", "<bpmn:definitions/>", "<a>", "", "<a>&nbsp;</a>"])
    func malformedDocumentsGetAnXMLError(_ text: String) {
        let document = read(text)
        #expect(document.findings.contains { $0.rule == .xml && $0.severity == .error })
        #expect(!document.isRenderable)
    }

    @Test func whatOnlyXMLParserRefusesIsStillAnError() {
        // Invalid UTF-8 in text: the byte tokenizer passes it, libxml2 does not.
        let bytes = Array("<a>\n x".utf8) + [0xFF] + Array("</a>".utf8)
        let document = BPMNReader.read(bytes: bytes, path: "u.bpmn")
        let finding = document.findings.first
        #expect(finding?.rule == .xml)
        #expect(finding?.location.line == 2)
    }

    /// Of two problems, the first in the file is reported, whichever reader stops there: a
    /// mistyped declaration before a mismatched tag, a mistyped `<?` that hides the tags
    /// after it from the tokenizer (found by a fresh tester: the later one was reported).
    @Test(arguments: [
        ("<?xml version=\"1.0\" encodin=\"UTF-8\"?>\n<a>\n<b></c>\n</a>", 1),
        ("<a>\n<?p:x y?>\n<b/>\n<c></d>\n</a>", 2),
        ("<a>\n<b></c>\n<?p:x y?>\n</a>", 2),
    ])
    func theFirstProblemIsReported(_ text: String, line: Int) {
        let document = read(text)
        #expect(document.findings.count == 1)
        #expect(document.findings.first?.rule == .xml)
        #expect(document.findings.first?.location.line == line)
    }

    /// UTF-16, with or without a byte order mark, is named for what it is (found by two
    /// fresh testers).
    @Test func utf16WithoutAByteOrderMarkIsNamed() {
        let units = Array("<?xml version=\"1.0\"?><a/>".utf16)
        let little: [UInt8] = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let marked: [UInt8] = [0xFF, 0xFE] + little
        for bytes in [little, big, marked] {
            for document in [
                BPMNReader.read(bytes: bytes, path: "w.bpmn"),
                BPMNReader.readReferences(bytes: bytes, path: "w.bpmn"),
            ] {
                #expect(document.findings.map(\.rule) == [.xml])
                #expect(document.findings.first?.message.contains("UTF-16") == true)
            }
        }
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 200_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let document = read(text)
        // libxml2 refuses nesting this deep; what matters is a finding instead of a crash.
        #expect(document.references.isEmpty)
        let nested = String(repeating: "[", count: 100_000)
        let payload = BPMNFixture.c7Task(
            """
            <camunda:inputOutput><camunda:inputParameter name="p">\(nested){{secret:A}}
            </camunda:inputParameter></camunda:inputOutput>
            """)
        let deepJSON = read(BPMNFixture.definitions(payload))
        #expect(deepJSON.references.isEmpty)
        #expect(deepJSON.findings.map(\.rule) == [.unsafeContext])
    }
}
