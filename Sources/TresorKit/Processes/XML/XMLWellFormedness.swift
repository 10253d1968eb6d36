import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A second opinion on well-formedness from FoundationXML's parser (libxml2).
///
/// `XMLParser.parse()` returns true for many malformed documents (`<a><b></a>`, an undeclared
/// prefix, empty data), so a parse counts as a success only when it returned true, reported
/// no error, reached the end of the document, and closed every element it opened. External
/// entities are never resolved; the tokenizer refuses any DOCTYPE before this runs.
enum XMLWellFormedness {
    /// Nil when the parser accepts `bytes`; otherwise the problem with its line and column.
    static func check(_ bytes: [UInt8]) -> XMLSyntaxError? {
        let parser = XMLParser(data: Data(bytes))
        let observer = Observer()
        parser.delegate = observer
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        // The parser holds its delegate weakly: keep the observer alive until here.
        return withExtendedLifetime(observer) {
            if parsed, parser.parserError == nil, observer.ended, observer.depth == 0 {
                return nil
            }
            return problem(parser, observer)
        }
    }

    private static func problem(_ parser: XMLParser, _ observer: Observer) -> XMLSyntaxError {
        let line = max(parser.lineNumber, 1)
        let column = max(parser.columnNumber, 1)
        if let error = parser.parserError as NSError? {
            // libxml2's error 1 (XML_ERR_INTERNAL_ERROR) is what its size limits raise:
            // the document is not malformed, it is too big for the parser in one piece.
            guard error.code != 1 else {
                return XMLSyntaxError(
                    "the XML parser (libxml2) stopped at an internal limit, most likely a text "
                        + "or attribute value over 10,000,000 bytes", line: line, column: column)
            }
            return XMLSyntaxError(
                "malformed XML (XML parser error \(error.code))", line: line, column: column)
        }
        let why = observer.ended ? "elements are not closed" : "the document ended early"
        return XMLSyntaxError("malformed XML (\(why))", line: line, column: column)
    }

    /// Counts open elements and notes whether the end of the document was reached.
    private final class Observer: NSObject, XMLParserDelegate {
        var depth = 0
        var ended = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            depth += 1
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            depth -= 1
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            ended = true
        }
    }
}
