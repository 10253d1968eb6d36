/// Declarations, processing instructions, comments and CDATA sections.
extension XMLTokenizer {
    mutating func processingInstruction() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        guard let close = find("?>", from: position + 2) else {
            throw XMLSyntaxError("processing instruction is not closed", at: start)
        }
        let target = try processingTarget(from: start + 2)
        try checkCharacters(in: start..<close)
        position = close + 2
        guard target.lowercased() == "xml" else { return .processingInstruction(start..<position) }
        guard !sawToken, start == 0 || start == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) else {
            throw XMLSyntaxError("the XML declaration must come first", at: start)
        }
        // `XML` or `Xml` is a reserved target, not the declaration, for libxml2 as for XML.
        guard target == "xml" else {
            throw XMLSyntaxError("the XML declaration is written <?xml, in lower case", at: start)
        }
        try checkDeclaration(in: start..<close)
        return .declaration(start..<position)
    }

    mutating func comment() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        guard let dashes = find("--", from: start + 4) else {
            throw XMLSyntaxError("comment is not closed", at: start)
        }
        guard has("-->", at: dashes) else {
            throw XMLSyntaxError("'--' is not allowed inside a comment", at: dashes)
        }
        try checkCharacters(in: (start + 4)..<dashes)
        position = dashes + 3
        return .comment((start + 4)..<dashes)
    }

    mutating func cdata() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        guard !open.isEmpty else {
            throw XMLSyntaxError("CDATA section outside the root element", at: start)
        }
        guard let close = find("]]>", from: start + 9) else {
            throw XMLSyntaxError("CDATA section is not closed", at: start)
        }
        let content = (start + 9)..<close
        try checkCharacters(in: content)
        position = close + 3
        let needsDecoding = bytes[content].contains(0x0D)
        return .cdata(XMLCharacterData(span: content, needsDecoding: needsDecoding, isCDATA: true))
    }

    private func processingTarget(from offset: Int) throws(XMLSyntaxError) -> String {
        var end = offset
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        guard end > offset, end < bytes.count,
            isBlank(bytes[end]) || has("?>", at: end)
        else { throw XMLSyntaxError("malformed processing instruction", at: offset) }
        // Namespaces in XML allow no colon in a target, and libxml2 refuses one.
        if bytes[offset..<end].contains(UInt8(ascii: ":")) {
            throw XMLSyntaxError("a processing instruction's target has no colon", at: offset)
        }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private func checkCharacters(in range: Range<Int>) throws(XMLSyntaxError) {
        for offset in range { try checkCharacter(at: offset) }
    }

    /// Reads the declaration as libxml2 does: `version`, then optionally `encoding`, then
    /// optionally `standalone`, each once, a blank before each, nothing else; the version
    /// 1.0 (or another 1.x, which libxml2 reads as 1.0), the encoding UTF-8, `standalone`
    /// `yes` or `no` (`usage`, which runs no second opinion, read files libxml2 refuses;
    /// found by two fresh testers). Reads the declaration's bytes: nearly every process
    /// file has one, and a `String` search through Foundation cost more than the rest.
    private func checkDeclaration(in declaration: Range<Int>) throws(XMLSyntaxError) {
        let at = declaration.lowerBound
        var values: (version: Range<Int>?, encoding: Range<Int>?, standalone: Range<Int>?)
        var offset = at + 5
        var next = 0
        while true {
            let blank = offset
            while offset < declaration.upperBound, isBlank(bytes[offset]) { offset += 1 }
            guard offset < declaration.upperBound else { break }
            guard
                let index = (next..<3).first(where: { has(Self.pseudoAttributes[$0], at: offset) })
            else {
                throw XMLSyntaxError(
                    next == 0
                        ? "the XML declaration must start with version=\"1.0\""
                        : "the XML declaration takes version, then encoding and standalone, in "
                            + "that order, each once", at: at)
            }
            guard next > 0 || index == 0 else {
                throw XMLSyntaxError(
                    "the XML declaration must start with version=\"1.0\"", at: at)
            }
            guard offset > blank else {
                throw XMLSyntaxError(
                    "white space expected before \(Self.pseudoAttributes[index]) in the XML "
                        + "declaration", at: at)
            }
            let value = try declarationValue(
                Self.pseudoAttributes[index], at: offset, end: declaration.upperBound,
                declaration: at)
            switch index {
            case 0: values.version = value
            case 1: values.encoding = value
            default: values.standalone = value
            }
            offset = value.upperBound + 1
            next = index + 1
        }
        guard let version = values.version else {
            throw XMLSyntaxError("the XML declaration must start with version=\"1.0\"", at: at)
        }
        let digits = bytes[version].dropFirst(2)
        guard bytes[version].starts(with: Array("1.".utf8)),
            digits.allSatisfy({ (0x30...0x39).contains($0) })
        else {
            let text = TerminalText.escaped(String(decoding: bytes[version], as: UTF8.self))
            throw XMLSyntaxError(
                "XML version \"\(text)\" is not supported; write version=\"1.0\"", at: at)
        }
        if let encoding = values.encoding { try checkEncoding(encoding, at: at) }
        if let standalone = values.standalone,
            !["yes", "no"].contains(String(decoding: bytes[standalone], as: UTF8.self))
        {
            throw XMLSyntaxError(
                "the XML declaration's standalone must be \"yes\" or \"no\"", at: at)
        }
    }

    /// The declaration's pseudo-attributes, in the order they must come.
    private static let pseudoAttributes: [StaticString] = ["version", "encoding", "standalone"]

    /// Where the quoted value of the pseudo-attribute `name` at `offset` lies, between its
    /// quotes (`=` with optional blanks around it before them). The closing quote must be
    /// followed by a blank, a letter (the next name, told its blank is missing) or the
    /// end: a combining mark right after it would make it another character.
    private func declarationValue(
        _ name: StaticString, at offset: Int, end: Int, declaration: Int
    ) throws(XMLSyntaxError) -> Range<Int> {
        var offset = offset + name.utf8CodeUnitCount
        let malformed = XMLSyntaxError(
            "malformed \(name) in the XML declaration", at: declaration)
        while offset < end, isBlank(bytes[offset]) { offset += 1 }
        guard offset < end, bytes[offset] == UInt8(ascii: "=") else { throw malformed }
        offset += 1
        while offset < end, isBlank(bytes[offset]) { offset += 1 }
        guard offset < end, bytes[offset] == 0x22 || bytes[offset] == 0x27 else {
            throw malformed
        }
        let quote = bytes[offset]
        let start = offset + 1
        guard let close = bytes[start..<end].firstIndex(of: quote),
            close + 1 == end || isBlank(bytes[close + 1])
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[close + 1] | 0x20)
        else { throw malformed }
        return start..<close
    }

    /// Refuses an `encoding` other than UTF-8 (`value`, between its quotes): the spans and
    /// decoding work on UTF-8 bytes.
    private func checkEncoding(_ value: Range<Int>, at declaration: Int) throws(XMLSyntaxError) {
        let name = String(decoding: bytes[value], as: UTF8.self).lowercased()
        guard !name.isEmpty else {
            throw XMLSyntaxError(
                "the XML declaration's encoding is empty; write encoding=\"UTF-8\"",
                at: declaration)
        }
        guard name == "utf-8" || name == "utf8" else {
            // Limitation: only UTF-8 process files are read; others must be converted first.
            // The name is shown with control characters escaped: it comes from the file.
            // Both halves of the fix are named: a file of ASCII only needs just the first.
            throw XMLSyntaxError(
                "encoding \(TerminalText.escaped(name)) is not supported; save the file as UTF-8 "
                    + "and declare encoding=\"UTF-8\"",
                at: declaration)
        }
    }
}
