/// Strings, numbers and literals.
extension JSONTokenizer {
    /// Reads the string at `position` (its opening quote); returns its span, quotes included,
    /// and its decoded content, or nil for the content when `decoding` is false (the string
    /// is still checked).
    mutating func string(decoding: Bool = true) throws(JSONSyntaxError) -> (
        Range<Int>, DecodedText?
    ) {
        let start = position
        position += 1
        var text: DecodedText? = decoding ? DecodedText(capacity: 32) : nil
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                text?.appendVerbatim(runStart..<position, of: bytes)
                position += 1
                return (start..<position, text)
            }
            if byte == UInt8(ascii: "\\") {
                text?.appendVerbatim(runStart..<position, of: bytes)
                let escapeStart = position
                let decoded = try escape()
                text?.appendReplacement(decoded.utf8, source: escapeStart..<position)
                runStart = position
                continue
            }
            guard byte >= 0x20 else {
                throw JSONSyntaxError("control character \(byte) in a string", at: position)
            }
            guard
                let length = UTF8Validation.sequenceLength(bytes, at: position, limit: bytes.count)
            else { throw JSONSyntaxError("invalid UTF-8 in a string", at: position) }
            position += length
        }
        throw JSONSyntaxError("string is not closed", at: start)
    }

    /// Reads the escape at `position` (a backslash) and returns its character.
    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = position
        guard position + 1 < bytes.count else {
            throw JSONSyntaxError("string is not closed", at: start)
        }
        let letter = bytes[position + 1]
        position += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            return Unicode.Scalar(letter)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape(start: start)
        default: throw JSONSyntaxError("invalid escape in a string", at: start)
        }
    }

    /// `\uXXXX`, combining a surrogate pair; a lone surrogate is refused.
    private mutating func unicodeEscape(start: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try hexQuad(escapeStart: start)
        var value = first
        if (0xD800...0xDBFF).contains(first) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw JSONSyntaxError("lone surrogate escape in a string", at: start) }
            position += 2
            let second = try hexQuad(escapeStart: start)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONSyntaxError("lone surrogate escape in a string", at: start)
            }
            value = 0x10000 + (first - 0xD800) << 10 + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw JSONSyntaxError("lone surrogate escape in a string", at: start)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw JSONSyntaxError("invalid escape in a string", at: start)
        }
        return scalar
    }

    private mutating func hexQuad(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else {
            throw JSONSyntaxError("invalid \\u escape in a string", at: escapeStart)
        }
        var value: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            guard let digit = hexValue(byte) else {
                throw JSONSyntaxError("invalid \\u escape in a string", at: escapeStart)
            }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func number() throws(JSONSyntaxError) {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
        } else {
            try digits()
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
    }

    private mutating func digits() throws(JSONSyntaxError) {
        let start = position
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            position += 1
        }
        guard position > start else { throw unexpected("a digit") }
    }

    /// `true`, `false` or `null`.
    mutating func literal() throws(JSONSyntaxError) {
        for word in ["true", "false", "null"] {
            let utf8 = Array(word.utf8)
            guard position + utf8.count <= bytes.count,
                bytes[position..<(position + utf8.count)].elementsEqual(utf8)
            else { continue }
            position += utf8.count
            return
        }
        throw unexpected("a value")
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
}
