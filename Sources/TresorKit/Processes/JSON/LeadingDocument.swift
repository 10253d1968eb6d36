/// Whether a placeholder stands inside the JSON document a text opens with, as a lenient
/// reader takes it: Python's `json` and Jackson read a lone surrogate escape, NaN, and the
/// first document of `{...} x`; Jackson with its options, and JSON5, read comments,
/// single quotes and unquoted keys. A value in such a document, escaped once for the
/// string around it, could break out of it (found by the thirty-ninth and fortieth fresh
/// testers), whether the text is valid JSON or not.
///
/// The document is found by its brackets alone: from a first `{` or `[` (leading white
/// space, Unicode's included, byte order marks and comments skipped; `{{` opening a
/// placeholder is no document) to the bracket that closes it, double-quoted strings,
/// comments (`/* */`, `//` to the line's end) and placeholders stepped over. Text after it
/// (`[INFO] {{secret:X}}`, `{} logged in with {{secret:X}}`) is not inside. A bracket in
/// a comment ended the document early, and a no-break space before it hid it (found by a
/// forty-first fresh tester).
// Limitation: single-quoted strings are not followed (an apostrophe is common text), so
// a bracket inside one ends the document early; a prefix before the document (`)]}',`)
// hides it (README, Known limitations).
enum LeadingDocument {
    /// True when some placeholder of `text` (`placeholders`: sorted ranges) stands inside
    /// the document `text` opens with.
    static func holdsPlaceholder(_ text: ArraySlice<UInt8>, _ placeholders: [Range<Int>]) -> Bool {
        placeholders.indices.contains { index in
            isOpen(before: placeholders[index].lowerBound, in: text, placeholders[..<index])
        }
    }

    /// True when `text` opens with a document that is still open at `end` (an offset of
    /// `text`); `placeholders` before `end` are stepped over.
    static func isOpen(
        before end: Int, in text: ArraySlice<UInt8>, _ placeholders: ArraySlice<Range<Int>>
    ) -> Bool {
        guard let start = firstContent(of: text), start < end else { return false }
        switch text[start] {
        case UInt8(ascii: "["): break
        case UInt8(ascii: "{") where !placeholders.contains(where: { $0.lowerBound == start }):
            break
        default: return false
        }
        var depth = 0
        var inString = false
        var index = start
        var next = placeholders.startIndex
        while index < end {
            while next < placeholders.endIndex, placeholders[next].upperBound <= index { next += 1 }
            if !inString, next < placeholders.endIndex, placeholders[next].lowerBound == index {
                index = placeholders[next].upperBound
                continue
            }
            let byte = text[index]
            if !inString, let after = comment(at: index, in: text) {
                index = after
                continue
            }
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return false }
                default: break
                }
            }
            index += 1
        }
        return true
    }

    /// False when `text` surely opens no document: its first content is neither `{` nor
    /// `[` (or `"`, which may start one joined with more text).
    static func mayOpen(_ text: [UInt8]) -> Bool {
        guard let start = firstContent(of: text[...]) else { return false }
        return [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\"")].contains(text[start])
    }

    /// The index of the first byte of `text` that is neither white space (ASCII, or a
    /// Unicode space a reader's trim takes: no-break, the en to hair spaces, the line and
    /// paragraph separators, the ideographic space), a byte order mark (U+FEFF), nor in a
    /// comment.
    static func firstContent(of text: ArraySlice<UInt8>) -> Int? {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if (0x09...0x0D).contains(byte) || byte == 0x20 {
                index += 1
            } else if let length = unicodeSpace(at: index, in: text) {
                index += length
            } else if let after = comment(at: index, in: text) {
                index = after
            } else {
                return index
            }
        }
        return nil
    }

    /// The length of the Unicode space or byte order mark at `index`, nil for none.
    private static func unicodeSpace(at index: Int, in text: ArraySlice<UInt8>) -> Int? {
        let rest = text[index...]
        switch text[index] {
        case 0xC2 where rest.starts(with: [0xC2, 0xA0]) || rest.starts(with: [0xC2, 0x85]):
            return 2
        case 0xE1 where rest.starts(with: [0xE1, 0x9A, 0x80]): return 3
        case 0xE2:
            guard rest.count >= 3 else { return nil }
            let (second, third) = (rest[index + 1], rest[index + 2])
            let isSpace =
                (second == 0x80
                    && ((0x80...0x8A).contains(third) || [0xA8, 0xA9, 0xAF].contains(third)))
                || (second == 0x81 && third == 0x9F)
            return isSpace ? 3 : nil
        case 0xE3 where rest.starts(with: [0xE3, 0x80, 0x80]): return 3
        case 0xEF where rest.starts(with: [0xEF, 0xBB, 0xBF]): return 3
        default: return nil
        }
    }

    /// The index after the comment starting at `index` (`/* ... */`, or `//` to the end of
    /// its line), nil when none starts there; an unclosed one runs to the end.
    private static func comment(at index: Int, in text: ArraySlice<UInt8>) -> Int? {
        guard text[index] == UInt8(ascii: "/"), index + 1 < text.endIndex else { return nil }
        switch text[index + 1] {
        case UInt8(ascii: "*"):
            var end = index + 2
            while end + 1 < text.endIndex,
                !(text[end] == UInt8(ascii: "*") && text[end + 1] == UInt8(ascii: "/"))
            {
                end += 1
            }
            return min(end + 2, text.endIndex)
        case UInt8(ascii: "/"):
            return text[(index + 2)...].firstIndex(of: 0x0A) ?? text.endIndex
        default: return nil
        }
    }
}
