import Foundation
import FoundationXML
import TresorKit

/// Reads an escaped value back through FoundationXML, inside a one-element document.
final class XMLReader: NSObject, XMLParserDelegate {
    private var text: [UInt8] = []
    private var attribute: [UInt8]?
    private var depth = 0
    private var ended = false

    /// The decoded text or attribute value, or nil when the document is not well formed.
    static func read(_ escaped: [UInt8], in outer: EscapeContext.Outer) -> [UInt8]? {
        let document: [UInt8]
        switch outer {
        case .none: return escaped
        case .xmlText: document = Array("<a>".utf8) + escaped + Array("</a>".utf8)
        case .cdata:
            document = Array("<a><![CDATA[".utf8) + escaped + Array("]]></a>".utf8)
        case .xmlAttribute(let quote):
            document = Array("<a v=".utf8) + [quote] + escaped + [quote] + Array("/>".utf8)
        }
        let reader = XMLReader()
        let parser = XMLParser(data: Data(document))
        parser.delegate = reader
        // A parse succeeded only with all four (PLATFORM.md).
        guard parser.parse(), parser.parserError == nil, reader.ended, reader.depth == 0 else {
            return nil
        }
        if case .xmlAttribute = outer { return reader.attribute }
        return reader.text
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        depth += 1
        attribute = attributeDict["v"].map { Array($0.utf8) }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        depth -= 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += Array(string.utf8)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += Array(CDATABlock)
    }

    func parserDidEndDocument(_ parser: XMLParser) {
        ended = true
    }
}
