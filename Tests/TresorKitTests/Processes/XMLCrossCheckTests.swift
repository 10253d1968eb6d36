import Foundation
import Testing

@testable import TresorKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The tokenizer must see the same document as FoundationXML's parser: same elements (by
/// namespace URI and local name), same attribute values, same text between tags.
@Suite struct XMLCrossCheckTests {
    @Test func corpusIsNotEmpty() {
        #expect(Corpus.files().count >= 20)
    }

    @Test(arguments: Corpus.files())
    func tokenizerAgreesWithXMLParser(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let ours = try TokenizerEvents.events(of: bytes)
        let theirs = ParserEvents.events(of: bytes)
        #expect(theirs.count == ours.count, "\(path)")
        for (index, (mine, reference)) in zip(ours, theirs).enumerated() where mine != reference {
            Issue.record("\(path) event \(index): \(mine) != \(reference)")
            break
        }
        #expect(XMLWellFormedness.check(bytes) == nil)
    }

    @Test(arguments: ["<a><b></a>", "<p:a/>", "<a>", "", "<a></a>junk"])
    func xmlParserCheckRefusesWhatParseAccepts(_ text: String) {
        #expect(XMLWellFormedness.check(Array(text.utf8)) != nil)
    }

    /// An element with more than 1,000 attributes never reaches libxml2, whose check of
    /// them grows with the square of their number (found by a sixteenth fresh tester:
    /// 200,000 on one element held `validate` and the hook for minutes); 1,000 do.
    @Test func anElementWithTooManyAttributesIsRefusedBeforeLibXML2() {
        func element(_ count: Int, _ value: String = "x") -> [UInt8] {
            let attributes = (0..<count).map { "a\($0)=\"\(value)\"" }.joined(separator: " ")
            return Array("<?xml version=\"1.0\"?>\n<r>\n<e \(attributes)/></r>".utf8)
        }
        #expect(XMLWellFormedness.check(element(1_000)) == nil)
        let refused = XMLWellFormedness.check(element(1_001))
        #expect(refused?.message.contains("more than 1000 attributes") == true)
        #expect(refused?.offset == 26)
        // A `=` or `>` inside a value is no attribute, and no end of the tag.
        #expect(XMLWellFormedness.crowdedTag(element(600, "=>=")) == nil)
        #expect(XMLWellFormedness.crowdedTag(element(1_001, "'>")) == 26)
        // Comments, CDATA sections and processing instructions hold no tag.
        let hidden = String(repeating: "a=", count: 2_000)
        for wrapped in ["<!--\(hidden)-->", "<![CDATA[\(hidden)]]>", "<?pi \(hidden)?>"] {
            #expect(XMLWellFormedness.crowdedTag(Array("<r>\(wrapped)</r>".utf8)) == nil)
        }
        // 200,000 attributes: a finding at the element, from the reader, at once.
        let document = BPMNReader.read(bytes: element(200_000), path: "crowded.bpmn")
        #expect(document.findings.map(\.rule) == [.xml])
        #expect(document.findings.first?.location.line == 3)
    }

    /// A file declaring another encoding never reaches libxml2: in UTF-7, `="x"` is
    /// `+AD0AIgB4ACI-`, and 200,000 attributes so written passed the attribute count and
    /// took libxml2 26 s (found by a seventeenth fresh tester).
    @Test func aFileDeclaringAnotherEncodingNeverReachesLibXML2() {
        let attributes = (0..<200_000).map { "a\($0)+AD0AIgB4ACI-" }.joined(separator: " ")
        let text = #"<?xml version="1.0" encoding="UTF-7"?>"# + "\n<r><e \(attributes)/></r>"
        #expect(XMLWellFormedness.check(Array(text.utf8)) != nil)
        let document = BPMNReader.read(bytes: Array(text.utf8), path: "utf7.bpmn")
        #expect(document.findings.map(\.rule) == [.xml])
        #expect(document.findings.first?.message.contains("utf-7") == true)
        for declaration in [
            #"<?xml version="1.0" encoding = 'UTF-7'?>"#,
            "\u{FEFF}<?xml version='1.0'\nencoding='latin1' ?>",
        ] {
            #expect(XMLWellFormedness.foreignEncoding(Array((declaration + "<r/>").utf8)) != nil)
        }
        for declaration in [
            #"<?xml version="1.0" encoding="utf-8"?>"#, #"<?xml version="1.0" encoding='UTF8'?>"#,
            #"<?xml version="1.0"?>"#, "",
        ] {
            #expect(XMLWellFormedness.foreignEncoding(Array((declaration + "<r/>").utf8)) == nil)
        }
    }

    /// A well-formed attribute past libxml2's 10,000,000-byte limit is reported as the
    /// parser's limit, not as malformed XML.
    @Test func anAttributeOverTheParsersLimitIsNamedAsSuch() throws {
        let bytes =
            Array(#"<a name=""#.utf8) + [UInt8](repeating: 0x78, count: 10_000_001)
            + Array(#""/>"#.utf8)
        let problem = try #require(XMLWellFormedness.check(bytes))
        #expect(problem.message.contains("one of its limits"), "\(problem.message)")
        #expect(!problem.message.contains("malformed"))
    }

    /// libxml2's second opinion stops at the first error, and says where and what it is.
    @Test func theFirstProblemIsReportedAtItsLineAndColumnWithLibxml2sWords() throws {
        let problem = try #require(
            XMLWellFormedness.check(Array("<a>\n  <b></c>\n</a>\n<d/>".utf8)))
        #expect(problem.line == 2)
        #expect(problem.message.contains("mismatch"), "\(problem.message)")
        let prefix = try #require(XMLWellFormedness.check(Array("<a>\n<p:b/></a>".utf8)))
        #expect(prefix.line == 2)
        #expect(prefix.message.contains("not defined"), "\(prefix.message)")
    }

    /// libxml2 counts columns in characters; the error is reported at the byte column, as
    /// Tresor's own reader reports positions.
    @Test func libxml2sColumnIsTurnedIntoBytes() throws {
        // The same mismatch after two 2-byte characters is two bytes further right.
        let ascii = try #require(XMLWellFormedness.check(Array("<a>\n<b>ee</b></c>\n</a>".utf8)))
        let wide = try #require(XMLWellFormedness.check(Array("<a>\n<b>éé</b></c>\n</a>".utf8)))
        #expect(ascii.line == 2 && wide.line == 2)
        #expect(wide.column == ascii.column.map { $0 + 2 }, "\(ascii) \(wide)")
        #expect(XMLWellFormedness.byteColumn(5, line: 2, in: Array("x\néé-z".utf8)) == 7)
        #expect(XMLWellFormedness.byteColumn(1, line: 1, in: Array("abc".utf8)) == 1)
        #expect(XMLWellFormedness.byteColumn(9, line: 1, in: Array("ab".utf8)) == 9)
    }

    /// Elements nested past libxml2's depth limit are named as its limit too.
    @Test func nestingOverTheParsersDepthLimitIsNamedAsSuch() throws {
        let depth = 300
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let problem = try #require(XMLWellFormedness.check(Array(text.utf8)))
        #expect(problem.message.contains("one of its limits"), "\(problem.message)")
        #expect(!problem.message.contains("XML_PARSE_HUGE"), "\(problem.message)")
    }
}

/// What both sides report, in order.
enum XMLEvent: Equatable, CustomStringConvertible {
    case start(String, [String: String])
    case end(String)
    case text(String)

    var description: String {
        switch self {
        case .start(let name, let attributes):
            "start \(name) \(attributes.sorted { $0.key < $1.key })"
        case .end(let name): "end \(name)"
        case .text(let text): "text \(text.debugDescription)"
        }
    }
}

/// Events from `XMLTokenizer` and `XMLNamespaceScope`.
enum TokenizerEvents {
    static func events(of bytes: [UInt8]) throws -> [XMLEvent] {
        var tokenizer = XMLTokenizer(bytes)
        var scope = XMLNamespaceScope()
        var events: [XMLEvent] = []
        var names: [String] = []
        var text = ""
        func flush() {
            if !text.isEmpty { events.append(.text(text)) }
            text = ""
        }
        while let token = try tokenizer.next() {
            switch token {
            case .startTag(let tag), .emptyElementTag(let tag):
                flush()
                let resolved = try scope.enter(tag, in: bytes)
                let name = scope.expanded(resolved.name, in: bytes).description
                events.append(.start(name, attributes(of: tag, bytes)))
                names.append(name)
                if case .emptyElementTag = token {
                    events.append(.end(names.removeLast()))
                    scope.leave()
                }
            case .endTag:
                flush()
                events.append(.end(names.removeLast()))
                scope.leave()
            case .text(let data), .cdata(let data):
                // XMLParser reports no white space outside the root element.
                if !names.isEmpty { text += data.value(in: bytes).string }
            default:
                break
            }
        }
        return events
    }

    private static func attributes(of tag: XMLTag, _ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for attribute in tag.attributes
        where attribute.name.prefix(in: bytes) != "xmlns"
            && attribute.name.qualified(in: bytes) != "xmlns"
        {
            result[attribute.name.qualified(in: bytes)] = attribute.value(in: bytes).string
        }
        return result
    }
}

/// Events from FoundationXML's `XMLParser` with namespace processing on.
final class ParserEvents: NSObject, XMLParserDelegate {
    private var events: [XMLEvent] = []
    private var text = ""

    static func events(of bytes: [UInt8]) -> [XMLEvent] {
        let parser = XMLParser(data: Data(bytes))
        let collector = ParserEvents()
        parser.delegate = collector
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        collector.flush()
        return collector.events
    }

    private func flush() {
        if !text.isEmpty { events.append(.text(text)) }
        text = ""
    }

    private func name(_ local: String, _ uri: String?) -> String {
        guard let uri, !uri.isEmpty else { return local }
        return "{\(uri)}\(local)"
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        flush()
        events.append(.start(name(elementName, namespaceURI), attributes))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        flush()
        events.append(.end(name(elementName, namespaceURI)))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text += String(decoding: block, as: UTF8.self)
    }
}
