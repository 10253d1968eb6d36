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

/// A qualified XML name as written, split at its colon: byte spans only, so tokenizing a
/// document builds no string for the names of its elements and attributes. The `in:`
/// accessors make strings from the file's bytes when a message or a caller needs one.
public struct XMLName: Sendable, Hashable {
    /// Where the name is in the file.
    public let span: Range<Int>
    /// The offset of the colon between prefix and local part, or nil when there is none.
    public let colon: Int?

    /// A name at `span` whose colon (checked by the tokenizer: at most one, not at either
    /// end) is at `colon`.
    init(span: Range<Int>, colon: Int?) {
        self.span = span
        self.colon = colon
    }

    /// The part before the colon, or nil when there is none.
    public var prefixSpan: Range<Int>? { colon.map { span.lowerBound..<$0 } }
    /// The part after the colon (or the whole name).
    public var localSpan: Range<Int> { (colon.map { $0 + 1 } ?? span.lowerBound)..<span.upperBound }

    /// The name as written: `bpmn:serviceTask`.
    public func qualified(in file: [UInt8]) -> String { XMLBytes.string(span, in: file) }
    /// The prefix as written, or nil.
    public func prefix(in file: [UInt8]) -> String? {
        prefixSpan.map { XMLBytes.string($0, in: file) }
    }
    /// The local part as written.
    public func local(in file: [UInt8]) -> String { XMLBytes.string(localSpan, in: file) }
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
        var text = DecodedText(capacity: span.count)
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
