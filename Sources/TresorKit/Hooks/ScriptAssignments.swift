/// Finds string literals given to names in the script of an input parameter (JavaScript,
/// Groovy, Python and the like): `var password = "x";`, `password: 'x'`, `"token": "x"`,
/// `cfg["apiKey"] = "x"`, with `'`, `"`, backquote and triple quotes, and a Python `r`,
/// `b` or `u` before the quote. Only a literal that is the whole value counts (`"Basic " +
/// creds` is not one). The hook judges each name (see
/// ``CredentialField/isScriptCredential(_:)``): a script is code, so no placeholder is
/// resolved there, and a credential written in one was committed in plain text (found by a
/// twenty-eighth fresh tester, on a public process that hard-codes a mail password).
// Limitation: a lexical scan, not a parser: a literal reached any other way (a call's
// argument, concatenation, a Groovy slashy string, a heredoc) is not found, and a quote
// in a comment may hide the assignments after it on its line (README, Known limitations).
enum ScriptAssignments {
    /// One `name = "literal"`: the name as written and the literal's content, as offsets
    /// into the script, where the literal's closing quote ends, and whether the name was
    /// quoted (a quoted key is text of the script's, which a finding never prints).
    struct Assignment: Equatable {
        var name: Range<Int>
        var literal: Range<Int>
        var end: Int
        var isQuotedName = false
    }

    /// The assignments of a literal to a name in `script`, in order.
    static func find(in script: [UInt8]) -> [Assignment] {
        var found: [Assignment] = []
        var index = 0
        while index < script.count {
            let byte = script[index]
            // Comments are skipped whole: an unclosed quote in one made the scanner read a
            // literal's text as code, and a finding printed it as a name (found by a
            // thirty-second fresh tester).
            if let end = commentEnd(script, at: index) {
                index = end
                continue
            }
            if isQuote(byte) {
                // A quoted name (`"token": "x"`, `cfg["token"] = "x"`), or a literal
                // skipped whole: no name inside it counts.
                let literal = self.literal(script, at: index)
                var after = literal.content.upperBound + literal.quoteLength
                if after < script.count, script[after] == UInt8(ascii: "]") { after += 1 }
                // A key stands where one can: first on its line, or after `{`, `[`, `(` or
                // `,`; after `?` the literal is a ternary's (`c ? "a" : "b"`; found by a
                // thirtieth fresh tester, whose literal a finding printed as a name).
                if isKeyPlace(script, before: index),
                    var assignment = assigned(script, name: literal.content, after: after)
                {
                    assignment.isQuotedName = true
                    found.append(assignment)
                    index = assignment.end
                } else {
                    index = max(after, index + 1)
                }
            } else if isNameByte(byte), index == 0 || !isNameByte(script[index - 1]) {
                var end = index
                while end < script.count, isNameByte(script[end]) { end += 1 }
                if let assignment = assigned(script, name: index..<end, after: end) {
                    found.append(assignment)
                    index = assignment.end
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
    /// and block comments around it), then a closed literal, then the end of the value.
    private static func assigned(_ script: [UInt8], name: Range<Int>, after: Int) -> Assignment? {
        guard !name.isEmpty, name.upperBound <= script.count else { return nil }
        var index = skipBlanks(script, from: after)
        guard index < script.count else { return nil }
        let sign = script[index]
        guard sign == UInt8(ascii: "=") || sign == UInt8(ascii: ":") else { return nil }
        // `==`, `=>`, `=~` compare or map; `::` is a scope.
        let next = index + 1 < script.count ? script[index + 1] : 0
        let follows: [UInt8] = sign == UInt8(ascii: "=") ? Array("=>~".utf8) : [sign]
        guard !follows.contains(next) else { return nil }
        // `:=` assigns too; the literal may start on the next line.
        if sign == UInt8(ascii: ":"), next == UInt8(ascii: "=") { index += 1 }
        index = skipBlanks(script, from: index + 1, lines: true)
        // Python's raw, bytes and unicode prefixes (not `f`, whose text is evaluated).
        if index + 1 < script.count, Array("rRbBuU".utf8).contains(script[index]),
            isQuote(script[index + 1])
        {
            index += 1
        }
        guard index < script.count, isQuote(script[index]) else { return nil }
        let literal = self.literal(script, at: index)
        guard literal.closed else { return nil }
        let closed = literal.content.upperBound + literal.quoteLength
        let end = skipBlanks(script, from: closed)
        // The value ends there: at the end of the line or script, before a comment (`//`,
        // `#`; a Groovy line has no `;`; found by a thirty-first fresh tester), or at a
        // punctuation mark that closes it.
        let ends =
            end >= script.count || Array(";,)}]\n\r#".utf8).contains(script[end])
            || script[end...].starts(with: Array("//".utf8))
        guard ends else { return nil }
        return Assignment(name: name, literal: literal.content, end: closed)
    }

    /// The literal opened by the quote at `start`: its content, how long its quotes are
    /// (3 for `"""` and `'''`), and whether it is closed (a one-quote literal ends at the
    /// line's end; a backslash escapes the byte after it).
    private static func literal(
        _ script: [UInt8], at start: Int
    ) -> (content: Range<Int>, quoteLength: Int, closed: Bool) {
        let quote = script[start]
        let triple = [quote, quote, quote]
        if script[start...].starts(with: triple) {
            var index = start + 3
            while index < script.count, !script[index...].starts(with: triple) {
                index += script[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            let end = min(index, script.count)
            return (start + 3..<end, 3, end < script.count)
        }
        var index = start + 1
        while index < script.count {
            let byte = script[index]
            if byte == quote { return (start + 1..<index, 1, true) }
            // A backquoted template may span lines; other one-quote literals end with theirs.
            if byte == 0x0A || byte == 0x0D, quote != UInt8(ascii: "`") {
                return (start + 1..<index, 0, false)
            }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return (start + 1..<script.count, 0, false)
    }

    /// The offset after the comment that starts at `index` (`// ...` and `# ...` to the
    /// line's end, `#` first on its line; `/* ... */`), or nil when none starts there.
    private static func commentEnd(_ script: [UInt8], at index: Int) -> Int? {
        let rest = script[index...]
        let lineEnd = { (from: Int) in
            script[from...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? script.count
        }
        if rest.starts(with: Array("//".utf8)) { return lineEnd(index) }
        if rest.starts(with: Array("/*".utf8)) {
            var end = index + 2
            while end < script.count, !script[end...].starts(with: Array("*/".utf8)) { end += 1 }
            return min(end + 2, script.count)
        }
        if script[index] == UInt8(ascii: "#") {
            var start = index
            while start > 0, script[start - 1] == 0x20 || script[start - 1] == 0x09 { start -= 1 }
            if start == 0 || script[start - 1] == 0x0A || script[start - 1] == 0x0D {
                return lineEnd(index)
            }
        }
        return nil
    }

    /// True when a quoted text at `start` stands where a key does: after `{`, `[`, `(` or
    /// `,` (blanks between), or first on its line.
    private static func isKeyPlace(_ script: [UInt8], before start: Int) -> Bool {
        var index = start
        while index > 0, script[index - 1] == 0x20 || script[index - 1] == 0x09 { index -= 1 }
        guard index > 0 else { return true }
        return Array("{[(,\n\r".utf8).contains(script[index - 1])
    }

    /// The offset after the blanks and block comments (`/* ... */`) from `start`, and the
    /// line breaks too with `lines`.
    private static func skipBlanks(_ script: [UInt8], from start: Int, lines: Bool = false) -> Int {
        var index = start
        while index < script.count {
            let byte = script[index]
            if byte == 0x20 || byte == 0x09 || lines && (byte == 0x0A || byte == 0x0D) {
                index += 1
            } else if script[index...].starts(with: Array("/*".utf8)) {
                var end = index + 2
                while end < script.count, !script[end...].starts(with: Array("*/".utf8)) {
                    end += 1
                }
                index = min(end + 2, script.count)
            } else {
                break
            }
        }
        return index
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
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
