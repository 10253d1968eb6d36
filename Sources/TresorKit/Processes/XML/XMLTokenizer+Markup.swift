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
        try checkVersion(in: start..<close)
        try checkEncoding(in: start..<close)
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
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private func checkCharacters(in range: Range<Int>) throws(XMLSyntaxError) {
        for offset in range { try checkCharacter(at: offset) }
    }

    /// Requires what libxml2 requires of the declaration: `version` first, its value 1.0
    /// (or another 1.x, which libxml2 reads as 1.0), and `standalone`, where given, `yes`
    /// or `no` (`usage`, which runs no second opinion, read files libxml2 refuses; found
    /// by a fresh tester).
    private func checkVersion(in declaration: Range<Int>) throws(XMLSyntaxError) {
        var offset = declaration.lowerBound + 5
        while offset < declaration.upperBound, isBlank(bytes[offset]) { offset += 1 }
        guard has("version", at: offset),
            let version = try declarationValue("version", in: offset..<declaration.upperBound)
        else {
            throw XMLSyntaxError(
                "the XML declaration must start with version=\"1.0\"", at: declaration.lowerBound)
        }
        let digits = bytes[version].dropFirst(2)
        guard bytes[version].starts(with: Array("1.".utf8)),
            digits.allSatisfy({ (0x30...0x39).contains($0) })
        else {
            let text = TerminalText.escaped(String(decoding: bytes[version], as: UTF8.self))
            throw XMLSyntaxError(
                "XML version \(text) is not supported; write version=\"1.0\"",
                at: declaration.lowerBound)
        }
        if let standalone = try declarationValue("standalone", in: declaration),
            !["yes", "no"].contains(String(decoding: bytes[standalone], as: UTF8.self))
        {
            throw XMLSyntaxError(
                "the XML declaration's standalone must be \"yes\" or \"no\"",
                at: declaration.lowerBound)
        }
    }

    /// Where the quoted value of the declaration's pseudo-attribute `name` lies, between
    /// its quotes; nil when `range` does not hold `name`. Reads the declaration's bytes:
    /// nearly every process file has one, and a `String` search through Foundation cost
    /// more than the rest of the declaration.
    private func declarationValue(
        _ name: StaticString, in range: Range<Int>
    ) throws(XMLSyntaxError) -> Range<Int>? {
        var offset = range.lowerBound
        while offset < range.upperBound, !has(name, at: offset) { offset += 1 }
        guard offset < range.upperBound else { return nil }
        offset += name.utf8CodeUnitCount
        while offset < range.upperBound, [0x20, 0x3D, 0x09].contains(bytes[offset]) {
            offset += 1
        }
        let malformed = XMLSyntaxError(
            "malformed \(name) in the XML declaration", at: range.lowerBound)
        guard offset < range.upperBound, bytes[offset] == 0x22 || bytes[offset] == 0x27 else {
            throw malformed
        }
        let quote = bytes[offset]
        let start = offset + 1
        // The value ends at its closing quote, which a blank or the declaration's end
        // follows (a combining mark right after it would make it another character).
        guard let end = bytes[start..<range.upperBound].firstIndex(of: quote),
            end + 1 == range.upperBound || isBlank(bytes[end + 1])
        else { throw malformed }
        return start..<end
    }

    /// Refuses an `encoding` other than UTF-8: the spans and decoding work on UTF-8 bytes.
    private func checkEncoding(in declaration: Range<Int>) throws(XMLSyntaxError) {
        guard let value = try declarationValue("encoding", in: declaration) else { return }
        let name = String(decoding: bytes[value], as: UTF8.self).lowercased()
        guard !name.isEmpty else {
            throw XMLSyntaxError(
                "the XML declaration's encoding is empty; write encoding=\"UTF-8\"",
                at: declaration.lowerBound)
        }
        guard name == "utf-8" || name == "utf8" else {
            // Limitation: only UTF-8 process files are read; others must be converted first.
            // The name is shown with control characters escaped: it comes from the file.
            // Both halves of the fix are named: a file of ASCII only needs just the first.
            throw XMLSyntaxError(
                "encoding \(TerminalText.escaped(name)) is not supported; save the file as UTF-8 "
                    + "and declare encoding=\"UTF-8\"",
                at: declaration.lowerBound)
        }
    }
}
