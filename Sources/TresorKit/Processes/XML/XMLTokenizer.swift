/// Splits an XML document into tokens with byte spans, checking well-formedness as it goes.
///
/// Rendering replaces placeholders in place, so the reader must know the exact bytes of each
/// text and attribute value, which libxml2's parser does not tell. The tokenizer is
/// iterative (an explicit stack of open elements), reads each byte a bounded number of times,
/// and refuses a DOCTYPE outright: process files need none, and without one no entity can be
/// declared, so none is ever expanded or fetched.
///
/// Only UTF-8 documents are accepted. The reader also runs libxml2's parser over the same
/// bytes (`XMLWellFormedness`) and accepts a file only when both agree.
public struct XMLTokenizer {
    /// The document.
    public let bytes: [UInt8]
    var position = 0
    /// The qualified names of the open elements, innermost last.
    var open: [XMLName] = []
    var sawRoot = false
    /// The attributes of the tag being read, reused from tag to tag.
    var scratch: [XMLAttribute] = []
    var sawToken = false

    /// Prepares to tokenize `bytes`; a UTF-8 byte order mark is skipped.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The whole document as tokens.
    public static func tokens(of bytes: [UInt8]) throws(XMLSyntaxError) -> [XMLToken] {
        var tokenizer = XMLTokenizer(bytes)
        var tokens: [XMLToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        return tokens
    }

    /// The next token, or nil at the end of a well-formed document.
    public mutating func next() throws(XMLSyntaxError) -> XMLToken? {
        guard position < bytes.count else {
            try finish()
            return nil
        }
        let token = bytes[position] == UInt8(ascii: "<") ? try markup() : try text()
        sawToken = true
        return token
    }

    private func finish() throws(XMLSyntaxError) {
        if let name = open.last {
            let text = name.qualified(in: bytes)
            throw XMLSyntaxError("element <\(text)> is not closed", at: bytes.count)
        }
        guard sawRoot else { throw XMLSyntaxError("the document has no root element", at: 0) }
    }

    private mutating func markup() throws(XMLSyntaxError) -> XMLToken {
        if has("<?") { return try processingInstruction() }
        if has("<!--") { return try comment() }
        if has("<![CDATA[") { return try cdata() }
        if has("<!DOCTYPE") {
            throw XMLSyntaxError("the document has a DOCTYPE", at: position, rule: .xmlDoctype)
        }
        if has("<!") { throw XMLSyntaxError("unexpected markup declaration", at: position) }
        if has("</") { return try endTag() }
        return try startTag()
    }

    private mutating func text() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        guard !open.isEmpty else {
            while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
                guard isBlank(bytes[position]) else {
                    throw XMLSyntaxError("text outside the root element", at: position)
                }
                position += 1
            }
            return .text(
                XMLCharacterData(span: start..<position, needsDecoding: false, isCDATA: false))
        }
        var needsDecoding = false
        while true {
            position = plainTextEnd(from: position)
            guard position < bytes.count, bytes[position] != UInt8(ascii: "<") else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                position = try referenceEnd(at: position, limit: bytes.count)
                needsDecoding = true
                continue
            }
            if byte == UInt8(ascii: ">"), position - start >= 2, has("]]>", at: position - 2) {
                throw XMLSyntaxError("']]>' is not allowed in text", at: position - 2)
            }
            try checkCharacter(at: position)
            needsDecoding = needsDecoding || byte == 0x0D
            position += 1
        }
        return .text(
            XMLCharacterData(
                span: start..<position, needsDecoding: needsDecoding, isCDATA: false))
    }

    /// The offset of the first byte at or after `offset` that text cannot simply go on
    /// with: `<`, `&`, `>`, a carriage return or another control character, or 0xEF (which
    /// starts U+FFFE and U+FFFF) (or the end).
    private func plainTextEnd(from offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            XMLTokenizer.textStops.withUnsafeBufferPointer { stops in
                var index = offset
                while index < buffer.count, !stops[Int(buffer[index])] { index += 1 }
                return index
            }
        }
    }

    /// The bytes text cannot simply go on with (see ``plainTextEnd(from:)``), as a table:
    /// one load a byte instead of a chain of comparisons.
    static let textStops: [Bool] = (0...255).map { (value: Int) -> Bool in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: ">"), 0xEF: return true
        case 0x09, 0x0A: return false
        default: return byte < 0x20
        }
    }

    // MARK: Shared helpers

    /// The offset after the entity or character reference at `offset`, or an error.
    func referenceEnd(at offset: Int, limit: Int) throws(XMLSyntaxError) -> Int {
        guard let reference = XMLEntityDecoder.reference(in: bytes, at: offset, limit: limit)
        else {
            // `&#0;` is well written, but stands for a character XML forbids: said so, not
            // "malformed" (found by a fresh tester).
            if let value = XMLEntityDecoder.forbiddenCharacter(in: bytes, at: offset, limit: limit)
            {
                let code = String(value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                throw XMLSyntaxError(
                    "character reference to U+\(padded), a character XML does not allow",
                    at: offset)
            }
            throw XMLSyntaxError(
                "unknown or malformed entity (only &amp; &lt; &gt; &quot; &apos; and "
                    + "character references are allowed)", at: offset)
        }
        return reference.end
    }

    /// Refuses control characters and the non-characters U+FFFE and U+FFFF, which XML 1.0
    /// does not allow anywhere (libxml2 refused the second two where the tokenizer did
    /// not, so `usage` listed a placeholder beside one; found by a fresh tester).
    func checkCharacter(at offset: Int) throws(XMLSyntaxError) {
        let byte = bytes[offset]
        if byte == 0xEF {
            guard offset + 2 < bytes.count, bytes[offset + 1] == 0xBF, bytes[offset + 2] >= 0xBE
            else { return }
            let name = bytes[offset + 2] == 0xBE ? "U+FFFE" : "U+FFFF"
            throw XMLSyntaxError("the non-character \(name) is not allowed in XML", at: offset)
        }
        guard byte < 0x20, !isBlank(byte) else { return }
        throw XMLSyntaxError("control character \(byte) is not allowed in XML", at: offset)
    }

    func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    func has(_ literal: StaticString, at offset: Int? = nil) -> Bool {
        let start = offset ?? position
        let count = literal.utf8CodeUnitCount
        guard start >= 0, start + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<count where bytes[start + index] != pointer[index] { return false }
        return true
    }

    /// The offset where `literal` next occurs at or after `offset`, or nil.
    func find(_ literal: StaticString, from offset: Int) -> Int? {
        let first = literal.utf8Start[0]
        var index = offset
        while index < bytes.count {
            if bytes[index] == first, has(literal, at: index) { return index }
            index += 1
        }
        return nil
    }
}
