/// Splits strict JSON (RFC 8259) into tokens with byte spans and the path of each value.
///
/// Used for task input files and for JSON payloads embedded in BPMN task inputs, where the
/// renderer must know whether a placeholder sits in a string value (escape as JSON) or in a
/// key (refuse). Iterative with an explicit stack, nesting limited to `maximumDepth`, each
/// byte read a bounded number of times. No comments, no trailing commas, one top-level value;
/// strings must hold valid UTF-8 and valid escapes.
public struct JSONTokenizer {
    /// The deepest nesting accepted.
    public static let maximumDepth = 512

    /// What may come next.
    enum Expectation {
        case value, firstValueOrEnd, firstKeyOrEnd, key, colon, commaOrEnd, end
    }

    /// One open object or array.
    struct Frame {
        var isObject: Bool
        /// True once the frame has a component in `components` (arrays at once, objects
        /// from their first key).
        var hasComponent: Bool
    }

    /// The document.
    public let bytes: [UInt8]
    /// Start offsets of placeholders that may stand where a value belongs.
    let placeholderRanges: [Int: Int]
    var position = 0
    var frames: [Frame] = []
    /// The current path, kept step by step so that handing it to a token shares storage
    /// instead of rebuilding it: a deep document costs no more per token than a flat one.
    var components: [JSONPath.Component] = []
    var expectation = Expectation.value
    /// False for a rendered document (deploy): string values hold values, so they are
    /// checked but not decoded, and their tokens carry no text. Keys are decoded always.
    public var decodesStringValues = true

    /// Prepares to tokenize `bytes`. `placeholders` (ranges in `bytes`) are accepted as values
    /// when they stand outside a string, so a payload such as `{"port": {{secret:PORT}}}`
    /// still reads as JSON and the placeholder is reported as a `.placeholder` token.
    public init(_ bytes: [UInt8], placeholders: some Sequence<Range<Int>> = []) {
        self.bytes = bytes
        var ranges: [Int: Int] = [:]
        for range in placeholders { ranges[range.lowerBound] = range.upperBound }
        placeholderRanges = ranges
    }

    /// The whole document as tokens.
    public static func tokens(
        of bytes: [UInt8], placeholders: [Range<Int>] = []
    ) throws(JSONSyntaxError) -> [JSONToken] {
        var tokenizer = JSONTokenizer(bytes, placeholders: placeholders)
        var tokens: [JSONToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        return tokens
    }

    /// The path of the value being read.
    public var path: JSONPath { JSONPath(components) }

    /// The next token, or nil at the end of a valid document.
    public mutating func next() throws(JSONSyntaxError) -> JSONToken? {
        while true {
            skipBlanks()
            guard position < bytes.count else {
                guard expectation == .end else {
                    throw JSONSyntaxError("the document ends too early", at: position)
                }
                return nil
            }
            if let token = try step() { return token }
        }
    }

    /// Reads one token, or only punctuation (`:` `,`), returning nil for the latter.
    private mutating func step() throws(JSONSyntaxError) -> JSONToken? {
        let byte = bytes[position]
        switch expectation {
        case .value:
            return try value()
        case .firstValueOrEnd:
            return byte == UInt8(ascii: "]") ? close(isObject: false) : try value()
        case .firstKeyOrEnd:
            return byte == UInt8(ascii: "}") ? close(isObject: true) : try key()
        case .key:
            return try key()
        case .colon:
            guard byte == UInt8(ascii: ":") else { throw unexpected("':'") }
            position += 1
            expectation = .value
            return nil
        case .commaOrEnd:
            return try commaOrEnd(byte)
        case .end:
            // A second value, or a byte no value starts with (a NUL, a stray bracket).
            guard Self.startsValue(byte) else {
                throw JSONSyntaxError(
                    "the document goes on after its value (byte 0x"
                        + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                        + ")",
                    at: position)
            }
            throw JSONSyntaxError("more than one top-level value", at: position)
        }
    }

    private mutating func commaOrEnd(_ byte: UInt8) throws(JSONSyntaxError) -> JSONToken? {
        let isObject = frames.last?.isObject ?? false
        if byte == UInt8(ascii: isObject ? "}" : "]") { return close(isObject: isObject) }
        guard byte == UInt8(ascii: ",") else {
            throw unexpected(isObject ? "',' or '}'" : "',' or ']'")
        }
        position += 1
        if isObject {
            expectation = .key
        } else if case .index(let index) = components.last {
            components[components.count - 1] = .index(index + 1)
            expectation = .value
        }
        return nil
    }

    private mutating func key() throws(JSONSyntaxError) -> JSONToken {
        guard bytes[position] == UInt8(ascii: "\"") else { throw unexpected("a key") }
        let (span, decoded) = try string()
        let text = decoded ?? DecodedText()
        if frames[frames.count - 1].hasComponent {
            components[components.count - 1] = .key(text.string)
        } else {
            frames[frames.count - 1].hasComponent = true
            components.append(.key(text.string))
        }
        expectation = .colon
        return JSONToken(kind: .key, span: span, text: text, path: path)
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONToken {
        let start = position
        let byte = bytes[position]
        if let end = placeholderRanges[start] {
            position = end
            return finishValue(.placeholder, start..<end, text: nil)
        }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try open(isObject: byte == UInt8(ascii: "{"))
        case UInt8(ascii: "\""):
            let (span, text) = try string(decoding: decodesStringValues)
            return finishValue(.string, span, text: text)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return finishValue(.number, start..<position, text: nil)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            try literal()
            return finishValue(.literal, start..<position, text: nil)
        default:
            throw unexpected("a value")
        }
    }

    private mutating func finishValue(
        _ kind: JSONToken.Kind, _ span: Range<Int>, text: DecodedText?
    ) -> JSONToken {
        let token = JSONToken(kind: kind, span: span, text: text, path: path)
        expectation = frames.isEmpty ? .end : .commaOrEnd
        return token
    }

    private mutating func open(isObject: Bool) throws(JSONSyntaxError) -> JSONToken {
        guard frames.count < Self.maximumDepth else {
            throw JSONSyntaxError(
                "nesting deeper than \(Self.maximumDepth) levels", at: position)
        }
        let token = JSONToken(
            kind: isObject ? .beginObject : .beginArray, span: position..<(position + 1),
            text: nil, path: path)
        frames.append(Frame(isObject: isObject, hasComponent: !isObject))
        if !isObject { components.append(.index(0)) }
        position += 1
        expectation = isObject ? .firstKeyOrEnd : .firstValueOrEnd
        return token
    }

    private mutating func close(isObject: Bool) -> JSONToken {
        if frames.removeLast().hasComponent { components.removeLast() }
        position += 1
        return finishValue(
            isObject ? .endObject : .endArray, (position - 1)..<position, text: nil)
    }

    private mutating func skipBlanks() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// True for the bytes a JSON value can start with.
    static func startsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"),
            UInt8(ascii: "n"):
            true
        default: false
        }
    }

    func unexpected(_ expected: String) -> JSONSyntaxError {
        JSONSyntaxError("\(expected) expected", at: position)
    }
}
