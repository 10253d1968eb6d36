/// One piece of an XML document as `XMLTokenizer` splits it, with the byte spans the
/// renderer needs to replace text in place.
public enum XMLToken: Sendable, Hashable {
    /// `<?xml version="1.0" ...?>`; the span covers the whole declaration.
    case declaration(Range<Int>)
    /// `<?target ...?>`; the span covers the whole instruction.
    case processingInstruction(Range<Int>)
    /// `<!-- ... -->`; the span covers the comment's content.
    case comment(Range<Int>)
    /// `<name attr="value">`.
    case startTag(XMLTag)
    /// `<name attr="value"/>`.
    case emptyElementTag(XMLTag)
    /// `</name>`.
    case endTag(XMLName, span: Range<Int>)
    /// Character data between tags (entities still encoded in the span).
    case text(XMLCharacterData)
    /// The content of `<![CDATA[ ... ]]>`.
    case cdata(XMLCharacterData)
}

/// A qualified XML name as written, split at its colon.
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    /// The name as written: `bpmn:serviceTask`.
    public let qualified: String
    /// The part before the colon, or nil when there is none.
    public let prefix: String?
    /// The part after the colon (or the whole name).
    public let local: String
    /// Where the name is in the file.
    public let span: Range<Int>

    /// Splits `qualified`, which the tokenizer has checked holds at most one colon.
    public init(_ qualified: String, span: Range<Int>) {
        self.qualified = qualified
        self.span = span
        if let colon = qualified.firstIndex(of: ":") {
            prefix = String(qualified[..<colon])
            local = String(qualified[qualified.index(after: colon)...])
        } else {
            prefix = nil
            local = qualified
        }
    }

    /// The name as written.
    /// A name whose parts the tokenizer has already split at `colon` (an index into
    /// `bytes`), so no `String` is searched character by character.
    init(_ bytes: ArraySlice<UInt8>, colon: Int?, span: Range<Int>) {
        qualified = String(decoding: bytes, as: UTF8.self)
        self.span = span
        if let colon {
            prefix = String(decoding: bytes[..<colon], as: UTF8.self)
            local = String(decoding: bytes[(colon + 1)...], as: UTF8.self)
        } else {
            prefix = nil
            local = qualified
        }
    }

    public var description: String { qualified }
}

/// A start or empty-element tag.
public struct XMLTag: Sendable, Hashable {
    /// The element's name.
    public let name: XMLName
    /// The attributes in the order written.
    public let attributes: [XMLAttribute]
    /// The whole tag, `<` to `>`.
    public let span: Range<Int>
}

/// One `name="value"` of a tag.
public struct XMLAttribute: Sendable, Hashable {
    /// The attribute's name.
    public let name: XMLName
    /// The value's bytes between the quotes, entities still encoded.
    public let valueSpan: Range<Int>
    /// The quote the value is delimited with: `"` or `'`.
    public let quote: UInt8
    /// False when the value can be copied as it is (no entity, no white space to normalise).
    public let needsDecoding: Bool

    /// The value with entities decoded and white space normalised as XML requires.
    public func value(in file: [UInt8]) -> DecodedText {
        guard needsDecoding else { return DecodedText(verbatim: valueSpan, of: file) }
        return XMLEntityDecoder.decode(valueSpan, of: file, isAttribute: true)
    }

    /// The same, written into `text`.
    func decode(in file: [UInt8], into text: inout some DecodedTextSink) {
        XMLEntityDecoder.decode(valueSpan, of: file, isAttribute: true, into: &text)
    }
}

/// Text or CDATA content between tags.
public struct XMLCharacterData: Sendable, Hashable {
    /// The raw bytes in the file (for CDATA, between `<![CDATA[` and `]]>`).
    public let span: Range<Int>
    /// False when the text can be copied as it is (no entity, no carriage return).
    public let needsDecoding: Bool
    /// True for CDATA, whose content has no entities.
    public let isCDATA: Bool

    /// The text with entities decoded and line ends normalised.
    public func value(in file: [UInt8]) -> DecodedText {
        guard needsDecoding else { return DecodedText(verbatim: span, of: file) }
        var text = DecodedText()
        decode(in: file, into: &text)
        return text
    }

    /// The same, written into `text`.
    func decode(in file: [UInt8], into text: inout some DecodedTextSink) {
        if isCDATA {
            XMLEntityDecoder.decodeLineEnds(span, of: file, into: &text)
        } else {
            XMLEntityDecoder.decode(span, of: file, isAttribute: false, into: &text)
        }
    }
}
