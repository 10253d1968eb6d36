/// Finds the string literals of a FEEL expression, so a placeholder can be checked to sit
/// inside one: there its value is escaped as FEEL string content; anywhere else it would
/// become code.
enum FEELStringLiterals {
    /// True when `text` is a FEEL expression: its first byte is `=` (Zeebe's rule: it
    /// matches `=(.+)` against the whole text; found by a twenty-eighth fresh tester, as
    /// the first non-blank byte was taken for it, and values were FEEL-escaped where Zeebe
    /// reads static text).
    static func isExpression(_ text: [UInt8]) -> Bool {
        text.first == UInt8(ascii: "=")
    }

    /// True when `text` starts with blanks and then `=`: static text to Zeebe, though it
    /// reads like an expression.
    static func isMarkedAfterBlanks(_ text: [UInt8]) -> Bool {
        text.first.map(isBlank) == true && text.first { !isBlank($0) } == UInt8(ascii: "=")
    }

    // Limitation: a lexical scan, not a FEEL parser: a literal in an expression the engine
    // would reject still counts as a string literal.

    /// The content ranges (between the quotes) of the closed `"..."` literals in `text`.
    /// Comments (`//`, `/* */`) and backquoted names are skipped, so quotes in them do not
    /// open a literal.
    static func contents(of text: [UInt8]) -> [Range<Int>] {
        var literals: [Range<Int>] = []
        var index = 0
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\""):
                guard let end = closing(text, after: index) else { return literals }
                literals.append((index + 1)..<end)
                index = end + 1
            case UInt8(ascii: "`"):
                index = (text[(index + 1)...].firstIndex(of: UInt8(ascii: "`")) ?? text.count) + 1
            case UInt8(ascii: "/") where index + 1 < text.count:
                index = afterComment(text, at: index)
            default:
                index += 1
            }
        }
        return literals
    }

    /// The text a literal's content (`contents(of:)`) stands for: `\"`, `\\`, `\n`, `\r`
    /// and `\t` resolved; another escape is kept as written.
    static func decoded(_ content: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var escaped = false
        for byte in content {
            if escaped {
                switch byte {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                default: out += [UInt8(ascii: "\\"), byte]
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// The offset of the quote that closes the literal opened at `open`, or nil.
    private static func closing(_ text: [UInt8], after open: Int) -> Int? {
        var index = open + 1
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }

    /// The offset after a comment starting at `index`, or `index + 1` when none starts there.
    private static func afterComment(_ text: [UInt8], at index: Int) -> Int {
        switch text[index + 1] {
        case UInt8(ascii: "/"):
            return (text[index...].firstIndex(of: 0x0A) ?? text.count) + 1
        case UInt8(ascii: "*"):
            var end = index + 2
            while end + 1 < text.count,
                !(text[end] == UInt8(ascii: "*") && text[end + 1] == UInt8(ascii: "/"))
            {
                end += 1
            }
            return end + 2
        default:
            return index + 1
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
