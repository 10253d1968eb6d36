/// Whether a placeholder stands inside the JSON document a text opens with, as a lenient
/// reader takes it: Python's `json` and Jackson read a lone surrogate escape, NaN, and the
/// first document of `{...} x`; Jackson with its options, and JSON5, read comments,
/// single quotes and unquoted keys. A value in such a document, escaped once for the
/// string around it, could break out of it (found by the thirty-ninth and fortieth fresh
/// testers), whether the text is valid JSON or not.
///
/// The document is found by its brackets alone: from a first `{` or `[` (leading white
/// space and byte order marks skipped; `{{` opening a placeholder is no document) to the
/// bracket that closes it, double-quoted strings and placeholders stepped over. Text after
/// it (`[INFO] {{secret:X}}`, `{} logged in with {{secret:X}}`) is not inside.
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

    /// The index of the first byte of `text` that is neither ASCII white space nor part of
    /// a byte order mark (U+FEFF, which readers skip at the start of a document).
    static func firstContent(of text: ArraySlice<UInt8>) -> Int? {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if (0x09...0x0D).contains(byte) || byte == 0x20 {
                index += 1
            } else if byte == 0xEF, text[index...].starts(with: [0xEF, 0xBB, 0xBF]) {
                index += 3
            } else {
                return index
            }
        }
        return nil
    }
}
