import CXML2

#if canImport(Glibc)
    import Glibc
#endif

/// A second opinion on well-formedness from libxml2, the parser FoundationXML is built on,
/// called directly: a strict parse (no recovery), with no callback but the error one, so it
/// builds no tree and no string per element.
///
/// Strict means the parse stops at the first fatal error, and that error's line and column
/// are where the document breaks. Namespace errors (an undeclared prefix) are errors too.
/// No entity is ever substituted and no external resource is loaded: the parse runs
/// without `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and the tokenizer refuses any DOCTYPE
/// before this runs. Files libxml2 must not read (another declared encoding, an element of
/// too many attributes) are refused before it, in XMLWellFormedness+Guards.swift.
enum XMLWellFormedness {
    /// Nil when libxml2 accepts `bytes`; otherwise the first problem with its line and column.
    static func check(_ bytes: [UInt8]) -> XMLSyntaxError? {
        parse(bytes, runs: nil).problem
    }

    /// ``check(_:)``, and, when libxml2 accepts `bytes`, the elements it met fed to `runs`
    /// as they start and end (their byte offsets taken from libxml2's input position), so
    /// that a reader needs no light pass of its own to find the elements it may step over.
    /// `runs` is nil afterwards when the file is refused. A file declaring another encoding
    /// than UTF-8 is refused before libxml2 would convert it (``foreignEncoding(_:)``), so
    /// the offsets are always the file's.
    ///
    /// Call it only on UTF-8 without a DOCTYPE (see ``mayParseFirst(_:)``): the tokenizer
    /// refuses a DOCTYPE before libxml2 ever sees one.
    static func check(
        _ bytes: [UInt8], finding runs: inout XMLSkippableElements.Runs?
    ) -> XMLSyntaxError? {
        let result = parse(bytes, runs: runs)
        runs = result.runs
        return result.problem
    }

    /// True when `bytes` may go to libxml2 before the tokenizer: valid UTF-8 (libxml2 is
    /// never handed anything else) holding no `<!DOCTYPE`.
    static func mayParseFirst(_ bytes: [UInt8]) -> Bool {
        guard UTF8Check.firstInvalidOffset(bytes) == nil else { return false }
        // Found through its `!`, a byte rare in a process file (comments, CDATA).
        let doctype = Array("<!DOCTYPE".utf8)
        var offset = 0
        while let mark = bytes.firstOffset(of: UInt8(ascii: "!"), from: offset) {
            if mark > 0, bytes[(mark - 1)...].starts(with: doctype) { return false }
            offset = mark + 1
        }
        return true
    }

    private static func parse(
        _ bytes: [UInt8], runs: XMLSkippableElements.Runs?
    ) -> (problem: XMLSyntaxError?, runs: XMLSkippableElements.Runs?) {
        _ = initialized
        if let declaration = foreignEncoding(bytes) {
            return (
                XMLSyntaxError(
                    "the XML declaration names an encoding other than UTF-8; save the file as "
                        + "UTF-8 and declare encoding=\"UTF-8\"", at: declaration), nil
            )
        }
        if let crowded = crowdedTag(bytes) {
            return (
                XMLSyntaxError(
                    "an element with more than \(maximumAttributes) attributes: the XML parser "
                        + "(libxml2) would take time growing with the square of their number, so "
                        + "the file is refused", at: crowded), nil
            )
        }
        guard !bytes.isEmpty else {
            return (
                XMLSyntaxError("malformed XML (the document is empty)", line: 1, column: 1), nil
            )
        }
        guard bytes.count <= Int(Int32.max) else {
            return (
                XMLSyntaxError(
                    "the XML parser (libxml2) reads documents under 2 GiB only", line: 1,
                    column: 1), nil
            )
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let state = ParseState(base: buffer.baseAddress!, runs: runs)
            let status = withExtendedLifetime(state) { run(buffer, state) }
            if var first = state.errors.first {
                first.column = byteColumn(first.column, line: first.line, in: bytes)
                return (problem(first), nil)
            }
            guard status == 0 else {
                return (
                    XMLSyntaxError(
                        "malformed XML (XML parser error \(status))", line: 1, column: 1), nil
                )
            }
            return (nil, state.runs)
        }
    }

    /// Parses `buffer` as `xmlSAXUserParseMemory` does, with a parser context of its own so
    /// that the element callbacks can read the input position: the status is 0 for a
    /// well-formed document, else libxml2's error number (or -1).
    private static func run(_ buffer: UnsafeBufferPointer<UInt8>, _ state: ParseState) -> Int32 {
        let context = buffer.withMemoryRebound(to: CChar.self) { text in
            xmlCreateMemoryParserCtxt(text.baseAddress, Int32(text.count))
        }
        guard let context else { return -1 }
        state.spans?.pointee.context = context
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.serror = { data, error in
            guard let data, let error else { return }
            let state = Unmanaged<ParseState>.fromOpaque(data).takeUnretainedValue()
            state.errors.note(error.pointee)
            // Only the first error is kept: stop there. Left alone, libxml2 goes on to the
            // end of the file after a fatal error, and a file of a million bad bytes
            // reports a million errors (seconds of work for nothing).
            if state.errors.first != nil, let parser = error.pointee.ctxt {
                xmlStopParser(parser.assumingMemoryBound(to: xmlParserCtxt.self))
            }
        }
        if state.spans != nil {
            handler.startElementNs = { data, localName, _, _, _, _, _, _, _ in
                guard let data else { return }
                Unmanaged<ParseState>.fromOpaque(data).takeUnretainedValue().spans?.pointee
                    .started(localName)
            }
            handler.endElementNs = { data, _, _, _ in
                guard let data else { return }
                Unmanaged<ParseState>.fromOpaque(data).takeUnretainedValue().spans?.pointee
                    .ended()
            }
        }
        let defaultHandler = context.pointee.sax
        context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
        // The handler is the context's only while the parse runs, inside this closure.
        withUnsafeMutablePointer(to: &handler) { handler in
            context.pointee.sax = handler
            xmlParseDocument(context)
            // libxml2 frees the context's handler with the context: give it back its own.
            context.pointee.sax = defaultHandler
        }
        let status =
            context.pointee.wellFormed != 0
            ? 0
            : context.pointee.errNo != 0
                ? context.pointee.errNo : -1
        // Converted input has offsets of its own (a declared encoding is refused before,
        // see `foreignEncoding`; kept should libxml2 convert for another reason).
        if context.pointee.input?.pointee.buf?.pointee.encoder != nil {
            state.spans?.pointee.failed = true
        }
        context.pointee.userData = nil
        state.spans?.pointee.context = nil
        xmlFreeParserCtxt(context)
        // libxml2 keeps a copy of the last error (its message quotes names from the file)
        // in its global state until the next one: freed now, so nothing of the file stays
        // behind the parse (and the fuzz target's leak check, which ran after every file
        // with an error, no longer slows it down tenfold).
        xmlResetLastError()
        return status
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

    /// Sets up libxml2's global state, once, for a caller of its other functions
    /// (``XMLPlainCheck`` calls its URI parser).
    static func prepareLibXML2() { _ = initialized }

    private static func problem(_ error: FirstError.Found) -> XMLSyntaxError {
        let line = max(error.line, 1)
        let column = max(error.column, 1)
        // libxml2's size and depth limits (10,000,000 bytes for one attribute value, CDATA
        // section, comment or processing instruction, 50,000 for a name, about 256 levels
        // of elements) are not malformed XML: the document is too big for the parser. Its
        // own words say which limit (not always the one a user would guess; found by a
        // fresh tester); its advice (XML_PARSE_HUGE) is for programs, not for users.
        guard !error.isLimit else {
            let reason =
                error.message.firstRange(of: " use XML_PARSE_HUGE").map {
                    String(error.message[..<$0.lowerBound])
                } ?? error.message
            return XMLSyntaxError(
                "the XML parser (libxml2) stopped at one of its limits (\(reason)); it takes "
                    + "at most 10,000,000 bytes in one attribute value, CDATA section, comment or "
                    + "processing instruction, 50,000 in a name, and about 256 levels of elements",
                line: line, column: column)
        }
        let detail = error.message.isEmpty ? "" : ": \(error.message)"
        return XMLSyntaxError(
            "malformed XML (XML parser error \(error.code)\(detail))", line: line,
            column: column)
    }

    /// What one parse keeps between libxml2's callbacks: its first error, and the elements
    /// it met, when asked for.
    private final class ParseState {
        var errors = FirstError()
        /// The element spans, read and written at every element: behind a pointer, which
        /// (unlike a class's `var`) takes no run-time exclusivity check per access.
        let spans: UnsafeMutablePointer<ElementSpans>?

        init(base: UnsafePointer<UInt8>, runs: XMLSkippableElements.Runs?) {
            spans = runs.map { runs in
                let spans = UnsafeMutablePointer<ElementSpans>.allocate(capacity: 1)
                spans.initialize(to: ElementSpans(base: base, runs: runs))
                return spans
            }
        }

        deinit {
            spans?.deinitialize(count: 1)
            spans?.deallocate()
        }

        /// The runs built, or nil when none were asked for or they cannot be trusted.
        var runs: XMLSkippableElements.Runs? {
            guard let spans, !spans.pointee.failed else { return nil }
            return spans.pointee.runs
        }
    }

    /// The elements libxml2 meets, as byte offsets of the file, fed to the runs of
    /// skippable elements.
    private struct ElementSpans {
        let base: UnsafePointer<UInt8>
        var runs: XMLSkippableElements.Runs
        var context: xmlParserCtxtPtr?
        /// Set when an offset could not be told: the runs are then not to be used.
        var failed = false

        init(base: UnsafePointer<UInt8>, runs: XMLSkippableElements.Runs) {
            self.base = base
            self.runs = runs
        }

        /// The byte offset libxml2 has read up to: in a start tag's callback, its `>` or
        /// `/>`; in an end tag's, just after the tag.
        private var offset: Int {
            guard let input = context?.pointee.input else { return 0 }
            guard let cur = input.pointee.cur, let inputBase = input.pointee.base else {
                return 0
            }
            return Int(input.pointee.consumed) + (cur - inputBase)
        }

        mutating func started(_ localName: UnsafePointer<xmlChar>?) {
            // No `<` stands in an attribute value: the last one before the tag's end is
            // where the tag starts.
            guard let start = lastTagStart(before: offset) else { return failed = true }
            let isSpared =
                localName.map { $0.pointee == UInt8(ascii: "p") && strcmp($0, "process") == 0 }
                ?? false
            runs.started(at: start, nameEnd: start, isSpared: isSpared)
        }

        mutating func ended() {
            runs.ended(at: offset)
        }

        /// The offset of the last `<` before `end`, eight bytes at a time.
        private func lastTagStart(before end: Int) -> Int? {
            var index = end
            while index >= 8 {
                let marks = ByteWords.exactlyEqual(
                    ByteWords.word(at: base + index - 8), ByteWords.repeated(UInt8(ascii: "<")))
                if marks != 0 { return index - 8 + ByteWords.lastByte(in: marks) }
                index -= 8
            }
            while index > 0 {
                index -= 1
                if base[index] == UInt8(ascii: "<") { return index }
            }
            return nil
        }
    }

    /// Keeps the first error (not warning) libxml2 reports during one parse.
    private struct FirstError {
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

        mutating func note(_ error: xmlError) {
            // Limitation: libxml2 raises a namespace name that is not a valid URI as an
            // error, and it is kept as one (README, Known limitations).
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
