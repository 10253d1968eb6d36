import Foundation
import FuzzSupport
import TresorKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The process-file readers on any bytes: they never crash, every reference lies inside
/// the file, the read that steps over elements equals the walk over every element,
/// `usage`'s shorter read of a readable file finds the same references as the
/// full read, and the XML tokenizer agrees with FoundationXML's parser: a document the
/// parser reads completely the tokenizer reads too, with the same elements in order.
enum ProcessFileInvariants {
    static func check(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        let bpmn = BPMNReader.read(bytes: bytes, path: "f.bpmn")
        let every = BPMNReader.readEveryElement(bytes: bytes, path: "f.bpmn")
        FuzzDriver.require(
            bpmn.findings == every.findings && bpmn.references == every.references
                && bpmn.processes == every.processes,
            "stepping over elements changed the read")
        if bpmn.unreadable == nil {
            let cheap = BPMNReader.readReferences(bytes: bytes, path: "f.bpmn")
            FuzzDriver.require(cheap.references == bpmn.references, "usage's read differs")
        }
        for document in [bpmn, JSONInputReader.read(bytes: bytes, path: "p/t.json")] {
            for reference in document.references {
                let range = reference.sourceRange
                FuzzDriver.require(
                    range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside")
            }
        }
        crossCheck(bytes)
    }

    /// True when `bytes` hold `<?` and a target directly followed by `?>`.
    private static func hasProcessingInstructionWithoutData(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") else {
                continue
            }
            var end = index + 2
            while end < bytes.count, !" \t\r\n?".utf8.contains(bytes[end]) { end += 1 }
            if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?"),
                bytes[end + 1] == UInt8(ascii: ">")
            {
                return true
            }
        }
        return false
    }

    /// Elements by local name, in document order, from both readers.
    private static func crossCheck(_ bytes: [UInt8]) {
        // FoundationXML traps on invalid UTF-8 in a name (found by this target); the
        // reader checks UTF-8 before it, so the harness does too.
        guard UTF8Check.firstInvalidOffset(bytes) == nil else { return }
        // FoundationXML also crashes (strlen of a null pointer) on a processing
        // instruction with no data, `<?x?>` (found by this target). Tresor no longer uses
        // FoundationXML, and libxml2 called directly reads it; only the harness's
        // reference parser cannot.
        guard !hasProcessingInstructionWithoutData(bytes) else { return }
        guard let theirs = ParserElements.names(in: bytes) else { return }
        let tokens: [XMLToken]
        do throws(XMLSyntaxError) { tokens = try XMLTokenizer.tokens(of: bytes) } catch {
            // Refusing a declared encoding other than UTF-8 is a rule of the reader (libxml2
            // reads `encoding="UTF-7"`, found by this target); anything else is a bug.
            let declaredEncoding =
                error.message.hasPrefix("encoding ") && error.message.contains(" is not supported")
            return FuzzDriver.require(
                declaredEncoding, "XMLParser accepted what the tokenizer refused: \(error.message)")
        }
        let ours = tokens.compactMap { token -> String? in
            switch token {
            case .startTag(let tag), .emptyElementTag(let tag): tag.name.local(in: bytes)
            default: nil
            }
        }
        FuzzDriver.require(ours == theirs, "elements differ: \(ours) vs \(theirs)")
    }
}

/// The element names FoundationXML reports, or nil when it does not read the document to
/// its end without an error.
final class ParserElements: NSObject, XMLParserDelegate {
    private var names: [String] = []
    private var depth = 0
    private var ended = false

    static func names(in bytes: [UInt8]) -> [String]? {
        let parser = XMLParser(data: Data(bytes))
        let collector = ParserElements()
        parser.delegate = collector
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        guard parsed, parser.parserError == nil, collector.ended, collector.depth == 0 else {
            return nil
        }
        return collector.names
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        names.append(elementName)
        depth += 1
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?
    ) { depth -= 1 }

    func parserDidEndDocument(_ parser: XMLParser) { ended = true }
}
