/// Start, empty-element and end tags, their names and attributes.
extension XMLTokenizer {
    mutating func startTag() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        position += 1
        guard open.isEmpty ? !sawRoot : true else {
            throw XMLSyntaxError("a second root element", at: start)
        }
        let name = try name()
        scratch.removeAll(keepingCapacity: true)
        while true {
            let hadSpace = skipBlanks()
            guard position < bytes.count else {
                throw XMLSyntaxError("tag <\(text(name))> is not closed", at: start)
            }
            if bytes[position] == UInt8(ascii: ">") || has("/>") { break }
            guard hadSpace else { throw XMLSyntaxError("white space expected", at: position) }
            scratch.append(try attribute())
        }
        // One allocation of the exact size (none without attributes), not one per growth.
        let attributes = scratch.isEmpty ? [] : Array(scratch)
        try refuseRepeatedAttributes(attributes)
        let isEmpty = bytes[position] == UInt8(ascii: "/")
        position += isEmpty ? 2 : 1
        let tag = XMLTag(name: name, attributes: attributes, span: start..<position)
        sawRoot = true
        guard !isEmpty else { return .emptyElementTag(tag) }
        open.append(name)
        return .startTag(tag)
    }

    mutating func endTag() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        position += 2
        // Nearly always the name of the open element: compare it whole, and read the name
        // byte by byte only when it differs.
        let name: XMLName
        if let repeated = openElementName() { name = repeated } else { name = try self.name() }
        skipBlanks()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw XMLSyntaxError("end tag </\(text(name))> is not closed", at: start)
        }
        guard let expected = open.last else {
            throw XMLSyntaxError("end tag </\(text(name))> without a start tag", at: start)
        }
        guard XMLBytes.equal(expected.span, name.span, in: bytes) else {
            let opened = expected.qualified(in: bytes)
            throw XMLSyntaxError(
                "end tag </\(text(name))> does not match <\(opened)>", at: start)
        }
        open.removeLast()
        position += 1
        return .endTag(name, span: start..<position)
    }

    /// The innermost open element's name when the bytes at `position` repeat it and end
    /// there (a `>` or white space follows); moves past it. Nil otherwise, `position` kept.
    private mutating func openElementName() -> XMLName? {
        guard let expected = open.last else { return nil }
        let count = expected.span.count
        let end = position + count
        guard end < bytes.count else { return nil }
        let next = bytes[end]
        guard next == UInt8(ascii: ">") || isBlank(next),
            XMLBytes.equal(expected.span, position..<end, in: bytes)
        else { return nil }
        let shift = position - expected.span.lowerBound
        let name = XMLName(span: position..<end, colon: expected.colon.map { $0 + shift })
        position = end
        return name
    }

    /// Refuses an attribute written twice in one tag: pairwise for the usual handful, by
    /// hashing beyond that, so a hostile tag with thousands of attributes stays linear.
    private func refuseRepeatedAttributes(_ attributes: [XMLAttribute]) throws(XMLSyntaxError) {
        guard attributes.count > 1 else { return }
        if attributes.count <= 16 {
            for later in 1..<attributes.count {
                let span = attributes[later].name.span
                for earlier in 0..<later
                where XMLBytes.equal(attributes[earlier].name.span, span, in: bytes) {
                    throw repeated(attributes[later].name)
                }
            }
            return
        }
        var seen = Set<ArraySlice<UInt8>>()
        for attribute in attributes where !seen.insert(bytes[attribute.name.span]).inserted {
            throw repeated(attribute.name)
        }
    }

    private func repeated(_ name: XMLName) -> XMLSyntaxError {
        XMLSyntaxError("attribute \(text(name)) appears twice", at: name.span.lowerBound)
    }

    /// The name as written, for messages.
    func text(_ name: XMLName) -> String { name.qualified(in: bytes) }

    private mutating func attribute() throws(XMLSyntaxError) -> XMLAttribute {
        let name = try name()
        skipBlanks()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw XMLSyntaxError(
                "'=' expected after attribute \(text(name))", at: position)
        }
        position += 1
        skipBlanks()
        guard position < bytes.count,
            bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else {
            throw XMLSyntaxError(
                "quoted value expected for attribute \(text(name))", at: position)
        }
        let quote = bytes[position]
        position += 1
        let start = position
        let needsDecoding = try attributeValue(quote: quote)
        let attribute = XMLAttribute(
            name: name, valueSpan: start..<position, quote: quote, needsDecoding: needsDecoding)
        position += 1
        return attribute
    }

    /// Moves to the closing quote; true when the value holds entities or white space that
    /// decoding changes.
    private mutating func attributeValue(quote: UInt8) throws(XMLSyntaxError) -> Bool {
        var needsDecoding = false
        while true {
            position = plainValueEnd(from: position, quote: quote)
            guard position < bytes.count, bytes[position] != quote else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") {
                throw XMLSyntaxError("'<' is not allowed in an attribute value", at: position)
            }
            if byte == UInt8(ascii: "&") {
                position = try referenceEnd(at: position, limit: bytes.count)
                needsDecoding = true
                continue
            }
            try checkCharacter(at: position)
            needsDecoding = needsDecoding || (byte != 0x20 && isBlank(byte))
            position += 1
        }
        guard position < bytes.count else {
            throw XMLSyntaxError("attribute value is not closed", at: position)
        }
        return needsDecoding
    }

    /// The offset of the first byte at or after `offset` that an attribute value cannot
    /// simply go on with: the quote, `<`, `&`, a control character, or 0xEF (which starts
    /// U+FFFE and U+FFFF) (or the end).
    private func plainValueEnd(from offset: Int, quote: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            XMLTokenizer.valueStops.withUnsafeBufferPointer { stops in
                var index = offset
                while index < buffer.count {
                    let byte = buffer[index]
                    guard !stops[Int(byte)], byte != quote else { break }
                    index += 1
                }
                return index
            }
        }
    }

    /// The bytes a value cannot simply go on with, whatever its quote (see
    /// ``plainValueEnd(from:quote:)``), as a table.
    static let valueStops: [Bool] = (0...255).map { (value: Int) -> Bool in
        let byte = UInt8(value)
        return byte < 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0xEF
    }

    private mutating func name() throws(XMLSyntaxError) -> XMLName {
        let start = position
        guard position < bytes.count, isNameStartByte(bytes[position]) else {
            throw XMLSyntaxError("a name expected", at: position)
        }
        // One pass: the end of the name, and its colons on the way.
        var colons = bytes[start] == UInt8(ascii: ":") ? 1 : 0
        var colon: Int? = colons == 1 ? start : nil
        // The bytes of the name OR-ed together: its top bit tells whether any lies beyond
        // ASCII, whose characters are then checked.
        var bits = bytes[start]
        position = bytes.withUnsafeBufferPointer { buffer in
            XMLNameBytes.table.withUnsafeBufferPointer { table in
                let base = buffer.baseAddress!
                var index = start + 1
                while index < buffer.count {
                    let byte = base[index]
                    let kind = table[Int(byte)]
                    if kind == XMLNameBytes.other { break }
                    if kind == XMLNameBytes.colon {
                        colons += 1
                        colon = index
                    }
                    bits |= byte
                    index += 1
                }
                return index
            }
        }
        guard colons == 0 || colons == 1 && colon != start && colon != position - 1 else {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            throw XMLSyntaxError("name \(text) is not a valid qualified name", at: start)
        }
        // Bytes beyond ASCII are taken as name bytes above; the characters they make are
        // checked here, rarely needed (found by a fresh tester: U+FFFE or a space such as
        // U+2000 passed in a name, which libxml2 refuses).
        if bits >= 0x80,
            let offset = XMLNameBytes.firstInvalidCharacter(in: bytes, start..<position)
        {
            let text = TerminalText.escaped(
                String(decoding: bytes[start..<position], as: UTF8.self))
            throw XMLSyntaxError(
                "name \(text) holds a character XML does not allow in names", at: offset)
        }
        return XMLName(span: start..<position, colon: colon)
    }

    @discardableResult
    private mutating func skipBlanks() -> Bool {
        let start = position
        while position < bytes.count, isBlank(bytes[position]) { position += 1 }
        return position > start
    }

    func isNameStartByte(_ byte: UInt8) -> Bool {
        XMLNameBytes.isStart(byte)
    }

    func isNameByte(_ byte: UInt8) -> Bool {
        XMLNameBytes.isName(byte)
    }
}

/// Which bytes may start and continue an XML name, as two 128-bit masks (every byte of a
/// multi-byte UTF-8 sequence counts as a name byte): a test is a shift and an AND.
enum XMLNameBytes {
    /// Bits 0-63 and 64-127 of the bytes that may start a name: letters, `_`, `:`.
    private static let startLow: UInt64 = 1 << 0x3A
    private static let startHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    /// Digits, `-` and `.` may also continue one.
    private static let nameLow: UInt64 = startLow | 0x03FF_6000_0000_0000

    static func isStart(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte < 64 ? startLow >> byte : startHigh >> (byte - 64)) & 1 == 1
    }

    static func isName(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte < 64 ? nameLow >> byte : startHigh >> (byte - 64)) & 1 == 1
    }

    /// `isName` as a table for the tokenizer's name loop: `other` for bytes that end a
    /// name, `colon` for `:`, `name` for the rest.
    static let other: UInt8 = 0
    static let name: UInt8 = 1
    static let colon: UInt8 = 2
    static let table: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        byte == 0x3A ? colon : isName(UInt8(byte)) ? name : other
    }

    /// The offset of the first character of the name at `span` (valid UTF-8) that XML 1.0
    /// (fifth edition, as libxml2 reads it) does not allow there, looking only at those
    /// beyond ASCII, which the byte tables take on trust; nil when every one is allowed.
    static func firstInvalidCharacter(in bytes: [UInt8], _ span: Range<Int>) -> Int? {
        guard bytes[span].contains(where: { $0 >= 0x80 }) else { return nil }
        var offset = span.lowerBound
        for scalar in String(decoding: bytes[span], as: UTF8.self).unicodeScalars {
            let value = scalar.value
            if value >= 0x80, !(offset == span.lowerBound ? isStart(value) : isName(value)) {
                return offset
            }
            offset += scalar.utf8.count
        }
        return nil
    }

    /// XML's NameStartChar beyond ASCII.
    private static func isStart(_ value: UInt32) -> Bool {
        switch value {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
            0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    /// XML's NameChar beyond ASCII.
    private static func isName(_ value: UInt32) -> Bool {
        isStart(value) || value == 0xB7 || (0x300...0x36F).contains(value)
            || (0x203F...0x2040).contains(value)
    }
}
