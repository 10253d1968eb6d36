/// One token of a JSON document as `JSONTokenizer` reads it, with its byte span and the
/// path of the value it belongs to.
public struct JSONToken: Sendable {
    /// What the token is.
    public enum Kind: Sendable, Hashable {
        case beginObject, endObject, beginArray, endArray
        /// An object member's name.
        case key
        /// A string value.
        case string
        case number
        /// `true`, `false` or `null`.
        case literal
        /// A placeholder written where a value belongs, outside any string (only when the
        /// tokenizer was told where placeholders are).
        case placeholder
    }

    /// What the token is.
    public let kind: Kind
    /// The token's bytes; for keys and strings including the quotes.
    public let span: Range<Int>
    /// Decoded content of a key or string (escapes resolved), mapped back to the file.
    public let text: DecodedText?
    /// The path of the value: for a key, the value it names; for brackets, the container.
    public let path: JSONPath

    /// The bytes between the quotes of a key or string.
    public var contentSpan: Range<Int> {
        guard kind == .key || kind == .string else { return span }
        return (span.lowerBound + 1)..<(span.upperBound - 1)
    }
}

/// Why a JSON document was refused, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// Byte offset of the problem.
    public let offset: Int
    /// What is wrong, without quoting the document.
    public let message: String
    /// What to do about it, when more is known than that the JSON is invalid.
    public var hint: String?

    /// A problem at `offset`.
    public init(_ message: String, at offset: Int, hint: String? = nil) {
        self.offset = offset
        self.message = message
        self.hint = hint
    }

    /// The finding that reports this error in the file at `path`.
    public func finding(path: String, lines: LineIndex) -> Finding {
        let position = lines.position(of: offset)
        let location = SourceLocation(path: path, line: position.line, column: position.column)
        return Finding(
            .error, .json, at: location, "invalid JSON: \(message)",
            hint: hint
                ?? "fix the JSON at that position; task inputs are strict JSON (RFC 8259)")
    }
}
