import CXML2

/// A second opinion on well-formedness from libxml2, the parser FoundationXML is built on,
/// called directly: a strict parse (no recovery), with no callback but the error one, so it
/// builds no tree and no string per element.
///
/// Strict means the parse stops at the first fatal error, and that error's line and column
/// are where the document breaks. Namespace errors (an undeclared prefix) are errors too.
/// No entity is ever substituted and no external resource is loaded: the parse runs
/// without `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and the tokenizer refuses any DOCTYPE
/// before this runs.
enum XMLWellFormedness {
    /// Nil when libxml2 accepts `bytes`; otherwise the first problem with its line and column.
    static func check(_ bytes: [UInt8]) -> XMLSyntaxError? {
        _ = initialized
        guard !bytes.isEmpty else {
            return XMLSyntaxError("malformed XML (the document is empty)", line: 1, column: 1)
        }
        guard bytes.count <= Int(Int32.max) else {
            return XMLSyntaxError(
                "the XML parser (libxml2) reads documents under 2 GiB only", line: 1, column: 1)
        }
        let errors = FirstError()
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.serror = { context, error in
            guard let context, let error else { return }
            let errors = Unmanaged<FirstError>.fromOpaque(context).takeUnretainedValue()
            errors.note(error.pointee)
            // Only the first error is kept: stop there. Left alone, libxml2 goes on to the
            // end of the file after a fatal error, and a file of a million bad bytes
            // reports a million errors (seconds of work for nothing).
            if errors.first != nil, let parser = error.pointee.ctxt {
                xmlStopParser(parser.assumingMemoryBound(to: xmlParserCtxt.self))
            }
        }
        let status = withExtendedLifetime(errors) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { text in
                    xmlSAXUserParseMemory(
                        &handler, Unmanaged.passUnretained(errors).toOpaque(),
                        text.baseAddress, Int32(text.count))
                }
            }
        }
        if var first = errors.first {
            first.column = byteColumn(first.column, line: first.line, in: bytes)
            return problem(first)
        }
        guard status == 0 else {
            return XMLSyntaxError(
                "malformed XML (XML parser error \(status))", line: 1, column: 1)
        }
        return nil
    }

    /// The byte column of libxml2's `column`, which counts characters: Tresor's own
    /// positions count bytes, as compilers do, and both must point at the same place.
    /// Lines are counted at line feeds; a column past the line's end stays where it is.
    static func byteColumn(_ column: Int, line: Int, in bytes: [UInt8]) -> Int {
        var offset = 0
        var lines = 1
        while lines < line {
            guard let feed = bytes[offset...].firstIndex(of: 0x0A) else { return column }
            offset = feed + 1
            lines += 1
        }
        var characters = 1
        var position = offset
        while characters < column, position < bytes.count, bytes[position] != 0x0A {
            position += 1
            // Continuation bytes (10xxxxxx) belong to the character before them.
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            characters += 1
        }
        return characters == column ? position - offset + 1 : column
    }

    /// libxml2 sets up its global state once, before any thread parses.
    private static let initialized: Void = xmlInitParser()

    private static func problem(_ error: FirstError.Found) -> XMLSyntaxError {
        let line = max(error.line, 1)
        let column = max(error.column, 1)
        // libxml2's size and depth limits (an attribute value over 10,000,000 bytes,
        // elements nested about 256 deep) are not malformed XML: the document is too big
        // for the parser. Its advice (XML_PARSE_HUGE) is for programs, not for users.
        guard !error.isLimit else {
            let reason =
                error.message.firstRange(of: " use XML_PARSE_HUGE").map {
                    String(error.message[..<$0.lowerBound])
                } ?? error.message
            return XMLSyntaxError(
                "the XML parser (libxml2) stopped at an internal limit (\(reason)): most "
                    + "likely an attribute value over 10,000,000 bytes or elements nested about "
                    + "256 deep", line: line, column: column)
        }
        let detail = error.message.isEmpty ? "" : ": \(error.message)"
        return XMLSyntaxError(
            "malformed XML (XML parser error \(error.code)\(detail))", line: line,
            column: column)
    }

    /// Keeps the first error (not warning) libxml2 reports during one parse.
    private final class FirstError {
        struct Found {
            var code: Int32
            var line: Int
            /// In characters, as libxml2 counts; `check` turns it into bytes.
            var column: Int
            var message: String

            /// An error libxml2 raises at one of its limits: XML_ERR_INTERNAL_ERROR (nesting
            /// depth, text size), or a message saying a value is too long or too big.
            var isLimit: Bool {
                code == Int32(XML_ERR_INTERNAL_ERROR.rawValue)
                    || ["too long", "too big", "huge"].contains { message.contains($0) }
            }
        }

        private(set) var first: Found?

        func note(_ error: xmlError) {
            guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.message.map { String(cString: $0) } ?? ""
            first = Found(
                code: error.code, line: Int(error.line), column: Int(error.int2),
                message: Self.oneLine(message))
        }

        /// libxml2's message on one line, without its trailing newline, and short.
        private static func oneLine(_ message: String) -> String {
            let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
            return flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
        }
    }
}
