/// Start, empty-element and end tags, their names and attributes.
extension XMLTokenizer {
    mutating func startTag() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        position += 1
        guard open.isEmpty ? !sawRoot : true else {
            throw XMLSyntaxError("a second root element", at: start)
        }
        let name = try name()
        var attributes: [XMLAttribute] = []
        var seen = SeenNames<String>()
        while true {
            let hadSpace = skipBlanks()
            guard position < bytes.count else {
                throw XMLSyntaxError("tag <\(name)> is not closed", at: start)
            }
            if bytes[position] == UInt8(ascii: ">") || has("/>") { break }
            guard hadSpace else { throw XMLSyntaxError("white space expected", at: position) }
            let attribute = try attribute()
            guard seen.insert(attribute.name.qualified) else {
                let offset = attribute.name.span.lowerBound
                throw XMLSyntaxError("attribute \(attribute.name) appears twice", at: offset)
            }
            attributes.append(attribute)
        }
        let isEmpty = bytes[position] == UInt8(ascii: "/")
        position += isEmpty ? 2 : 1
        let tag = XMLTag(name: name, attributes: attributes, span: start..<position)
        sawRoot = true
        guard !isEmpty else { return .emptyElementTag(tag) }
        open.append(name.qualified)
        return .startTag(tag)
    }

    mutating func endTag() throws(XMLSyntaxError) -> XMLToken {
        let start = position
        position += 2
        let name = try name()
        skipBlanks()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw XMLSyntaxError("end tag </\(name)> is not closed", at: start)
        }
        guard let expected = open.last else {
            throw XMLSyntaxError("end tag </\(name)> without a start tag", at: start)
        }
        guard expected == name.qualified else {
            throw XMLSyntaxError("end tag </\(name)> does not match <\(expected)>", at: start)
        }
        open.removeLast()
        position += 1
        return .endTag(name, span: start..<position)
    }

    private mutating func attribute() throws(XMLSyntaxError) -> XMLAttribute {
        let name = try name()
        skipBlanks()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw XMLSyntaxError("'=' expected after attribute \(name)", at: position)
        }
        position += 1
        skipBlanks()
        guard position < bytes.count,
            bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else { throw XMLSyntaxError("quoted value expected for attribute \(name)", at: position) }
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
        while position < bytes.count, bytes[position] != quote {
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

    private mutating func name() throws(XMLSyntaxError) -> XMLName {
        let start = position
        guard position < bytes.count, isNameStartByte(bytes[position]) else {
            throw XMLSyntaxError("a name expected", at: position)
        }
        var colons = 0
        var colon: Int?
        while position < bytes.count, isNameByte(bytes[position]) {
            if bytes[position] == UInt8(ascii: ":") {
                colons += 1
                colon = position
            }
            position += 1
        }
        guard colons == 0 || colons == 1 && colon != start && colon != position - 1 else {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            throw XMLSyntaxError("name \(text) is not a valid qualified name", at: start)
        }
        return XMLName(bytes[start..<position], colon: colon, span: start..<position)
    }

    @discardableResult
    private mutating func skipBlanks() -> Bool {
        let start = position
        while position < bytes.count, isBlank(bytes[position]) { position += 1 }
        return position > start
    }

    func isNameStartByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        case UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF: true
        default: false
        }
    }

    func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): true
        default: isNameStartByte(byte)
        }
    }
}
