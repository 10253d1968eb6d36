/// Finds the `${...}` and `#{...}` expressions in the text of a Camunda 7 or Flowable
/// parameter or field, where the engine evaluates code (JUEL).
///
/// A placeholder inside one would splice its value into code, and EL string escaping
/// differs between engines, so such a placeholder is refused; one outside them is text.
enum ELExpressions {
    /// The byte ranges of the expressions, from `${` or `#{` through the matching `}`
    /// (nested braces and quoted strings inside are skipped); an unclosed one runs to the
    /// end of the text.
    static func ranges(in text: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index + 1 < text.count {
            let opens =
                (text[index] == UInt8(ascii: "$") || text[index] == UInt8(ascii: "#"))
                && text[index + 1] == UInt8(ascii: "{")
            guard opens else {
                index += 1
                continue
            }
            let end = closingBrace(in: text, from: index + 2)
            result.append(index..<end)
            index = end
        }
        return result
    }

    /// The offset just after the `}` that closes an expression whose body starts at
    /// `start`, or the end of the text.
    private static func closingBrace(in text: [UInt8], from start: Int) -> Int {
        var depth = 1
        var quote: UInt8?
        var index = start
        while index < text.count {
            let byte = text[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == open {
                    quote = nil
                }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return text.count
    }
}
