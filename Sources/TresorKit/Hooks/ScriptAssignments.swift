/// Finds string literals given to names in the script of an input parameter (JavaScript,
/// Groovy, Python and the like): `var password = "x";`, `password: 'x'`, `"token": "x"`.
/// The hook judges each name as it judges a field's (a `plaintext-credential` when it
/// says it carries a credential): a script is code, so no placeholder is resolved there,
/// and a credential written in one was committed in plain text (found by a twenty-eighth
/// fresh tester, on a public process that hard-codes a mail service's password).
// Limitation: a lexical scan, not a parser: a literal reached any other way (a call's
// argument, string concatenation, a heredoc) is not found, and a quote in a comment may
// hide the assignments after it on its line (README, Known limitations).
enum ScriptAssignments {
    /// One `name = "literal"`: the name as written and the literal's content, as offsets
    /// into the script.
    struct Assignment: Equatable {
        var name: Range<Int>
        var literal: Range<Int>
    }

    /// The assignments of a literal to a name in `script`, in order.
    static func find(in script: [UInt8]) -> [Assignment] {
        var found: [Assignment] = []
        var index = 0
        while index < script.count {
            let byte = script[index]
            if isQuote(byte) {
                // A quoted name (`"token": "x"`), or a literal skipped whole.
                let end = literalEnd(script, from: index)
                if let assignment = assigned(script, name: index + 1..<end, after: end + 1) {
                    found.append(assignment)
                    index = assignment.literal.upperBound + 1
                } else {
                    index = end + 1
                }
            } else if isNameByte(byte), index == 0 || !isNameByte(script[index - 1]) {
                var end = index
                while end < script.count, isNameByte(script[end]) { end += 1 }
                if let assignment = assigned(script, name: index..<end, after: end) {
                    found.append(assignment)
                    index = assignment.literal.upperBound + 1
                } else {
                    index = end
                }
            } else {
                index += 1
            }
        }
        return found
    }

    /// The assignment of a literal to `name` when `=` or `:` follows it at `after` (blanks
    /// around it), and then a quoted literal on the same line.
    private static func assigned(_ script: [UInt8], name: Range<Int>, after: Int) -> Assignment? {
        guard !name.isEmpty, name.upperBound <= script.count else { return nil }
        var index = skipBlanks(script, from: after)
        guard index < script.count else { return nil }
        let sign = script[index]
        guard sign == UInt8(ascii: "=") || sign == UInt8(ascii: ":") else { return nil }
        // `==`, `=>`, `=~` compare or map; `::` is a scope.
        let next = index + 1 < script.count ? script[index + 1] : 0
        if sign == UInt8(ascii: "="),
            [UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "~")].contains(next)
        {
            return nil
        }
        if sign == UInt8(ascii: ":"), next == UInt8(ascii: ":") { return nil }
        index = skipBlanks(script, from: index + 1)
        guard index < script.count, isQuote(script[index]) else { return nil }
        let end = literalEnd(script, from: index)
        guard end < script.count, script[end] == script[index] else { return nil }
        return Assignment(name: name, literal: index + 1..<end)
    }

    /// The offset of the quote that closes the literal opened at `start` (a backslash
    /// escapes the next byte), or of the line end or the end of the script.
    private static func literalEnd(_ script: [UInt8], from start: Int) -> Int {
        let quote = script[start]
        var index = start + 1
        while index < script.count {
            switch script[index] {
            case quote, 0x0A, 0x0D: return index
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return script.count
    }

    private static func skipBlanks(_ script: [UInt8], from start: Int) -> Int {
        var index = start
        while index < script.count, script[index] == 0x20 || script[index] == 0x09 { index += 1 }
        return index
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"):
            true
        default: false
        }
    }
}
