/// Text from files (names, ids, JSON keys, paths) made safe for a line of terminal output:
/// a control character (C0, DEL, or C1 such as U+009B, which some terminals take as an
/// escape) would break the line or drive the terminal; so would the line and paragraph
/// separators U+2028 and U+2029 in some viewers (found by a fresh tester); a bidirectional
/// control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) would make the terminal
/// show the line's parts in another order; an invisible character (a format character or
/// a default-ignorable code point: zero-width spaces and joiners, variation selectors,
/// Hangul fillers, tag characters, U+FEFF, the soft hyphen) would make
/// `{{secret:API\u200bTOKEN}}` look like a valid placeholder (found by two fresh
/// testers), and is written `\u200b` (`\U000e0041` above U+FFFF); and once those are
/// escaped, a backslash in a name must be too, or a name holding `\t` would read as one
/// holding a tab.
public enum TerminalText {
    /// `text` with each control character written as a C escape (`\n`, `\t`, `\r`,
    /// `\x1b`), each bidirectional control as `\u202e`, and a backslash as `\\`; text
    /// without any of them is returned as it is.
    ///
    /// Without `backslashes`, a backslash stays as it is: for a message, whose parts were
    /// escaped already where they needed it (a near-miss's text, a quoted key, a field
    /// path), and which escaping again would double.
    public static func escaped(_ text: String, backslashes: Bool = true) -> String {
        guard needsEscaping(text) else { return text }
        return escaped(bytes: Array(text.utf8), nonASCII: false, backslashes: backslashes)
    }

    /// `bytes` as text, escaped as ``escaped(_:)`` escapes; with `nonASCII`, every byte
    /// from 0x80 up too (`\xe9`), for names that are not UTF-8, so that two different names
    /// never look the same.
    public static func escaped(
        bytes: some Collection<UInt8>, nonASCII: Bool, backslashes: Bool = true
    ) -> String {
        let bytes = Array(bytes)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x5C where backslashes: out += Array(#"\\"#.utf8)
            case _ where byte < 0x20 || byte == 0x7F || (nonASCII && byte >= 0x80):
                out += Array(#"\x"#.utf8) + hex(UInt32(byte), digits: 2)
            default:
                if !nonASCII, let scalar = escapedScalar(in: bytes, at: index) {
                    out +=
                        scalar.value > 0xFFFF
                        ? Array(#"\U"#.utf8) + hex(scalar.value, digits: 8)
                        : Array(#"\u"#.utf8) + hex(scalar.value, digits: 4)
                    index += scalar.utf8.count
                    continue
                }
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` escaped as ``escaped(_:)`` escapes it, and every other character outside
    /// ASCII as `\u0422` (`\U0001f600` above U+FFFF): for text that ought to be a name,
    /// all ASCII, so that a look-alike (`F\u0422P`) shows what differs.
    public static func asciiOnly(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out += escaped(String(scalar))
            } else if escapedScalar(in: Array(String(scalar).utf8), at: 0) != nil {
                out += escaped(String(scalar))
            } else {
                let digits = scalar.value > 0xFFFF ? 8 : 4
                out +=
                    (digits == 8 ? "\\U" : "\\u")
                    + String(decoding: hex(scalar.value, digits: digits), as: UTF8.self)
            }
        }
        return out
    }

    /// `text` as it is, or in double quotes with C escapes (``escaped(_:)``, and `\"`) when
    /// it holds a character ``escaped(_:)`` escapes, as git quotes such paths.
    public static func quoted(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        return inQuotes(text)
    }

    /// `text` in double quotes with C escapes, always: a JSON key a message names.
    public static func inQuotes(_ text: String) -> String {
        "\"" + quotedContent(text) + "\""
    }

    /// What ``inQuotes(_:)`` puts between its quotes: `text` escaped, and its `"` as `\"`
    /// (for a name a line shows in quotes of its own).
    public static func quotedContent(_ text: String) -> String {
        // `escaped` writes no `"` of its own: each one in its result is one of `text`.
        escaped(text).replacing("\"", with: #"\""#)
    }

    /// True when `text` holds a character ``escaped(_:)`` escapes: a control character
    /// (below U+0020, or DEL), a bidirectional control, or a backslash.
    public static func needsEscaping(_ text: String) -> Bool {
        // Through the contiguous bytes, eight at a time: `usage` asks several times per row.
        text.utf8.withContiguousStorageIfAvailable { needsEscaping(UnsafeRawBufferPointer($0)) }
            ?? needsEscaping(Array(text.utf8))
    }

    static func needsEscaping(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { needsEscaping($0) }
    }

    /// True when `bytes` hold a character ``escaped(_:)`` escapes. Eight bytes are tested
    /// at once (see ``ByteWords``) for a control byte, a backslash, or a byte of a
    /// character outside ASCII, which may be a bidirectional control: a word with one is
    /// looked at byte by byte.
    static func needsEscaping(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            let word = ByteWords.word(at: bytes.baseAddress! + index)
            let marks =
                ByteWords.below(word, ByteWords.repeated(0x20))
                | ByteWords.equal(word, ByteWords.repeated(0x7F))
                | ByteWords.equal(word, ByteWords.repeated(0x5C))
                | word & ByteWords.repeated(0x80)
            if marks != 0 {
                for offset in index..<index + 8 where isEscaped(bytes, at: offset) { return true }
            }
            index += 8
        }
        while index < bytes.count {
            if isEscaped(bytes, at: index) { return true }
            index += 1
        }
        return false
    }

    private static func isEscaped(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let byte = bytes[index]
        return byte < 0x20 || byte == 0x7F || byte == 0x5C
            || (byte >= 0xC2 && escapedScalar(in: bytes, at: index) != nil)
    }

    /// The character outside ASCII whose UTF-8 starts at `index` when it is one written
    /// as `\uXXXX`: a C1 control (U+0080-U+009F), a bidirectional control, ALM (U+061C),
    /// LRM and RLM (U+200E, U+200F), the line and paragraph separators, the embeddings and
    /// overrides (U+202A-U+202E) and the isolates (U+2066-U+2069); or an invisible one:
    /// every format character and every code point Unicode says to show as nothing
    /// (Default_Ignorable_Code_Point: the soft hyphen, zero-width spaces and joiners,
    /// variation selectors, Hangul fillers, tag characters, U+FEFF, ...), which made a
    /// near-miss look like a valid placeholder (found by two fresh testers).
    static func escapedScalar<Bytes: RandomAccessCollection<UInt8>>(
        in bytes: Bytes, at index: Int
    ) -> Unicode.Scalar? where Bytes.Index == Int {
        guard let scalar = scalar(in: bytes, at: index) else { return nil }
        return isHidden(scalar) ? scalar : nil
    }

    /// True for a character outside ASCII that changes how a line reads without showing
    /// itself: a C1 control, a bidirectional control, a line or paragraph separator, a
    /// format character or a default-ignorable code point.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return (0x80...0x9F) ~= scalar.value || scalar.value == 0x2028 || scalar.value == 0x2029
            || properties.isBidiControl || properties.isDefaultIgnorableCodePoint
            || properties.generalCategory == .format
    }

    /// The scalar whose UTF-8 starts at `index`, when a whole one outside ASCII does.
    private static func scalar<Bytes: RandomAccessCollection<UInt8>>(
        in bytes: Bytes, at index: Int
    ) -> Unicode.Scalar? where Bytes.Index == Int {
        let lead = bytes[index]
        let length =
            switch lead {
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
        guard length > 0, bytes.endIndex - index >= length else { return nil }
        var value = UInt32(lead) & (0x7F >> length)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// `value` in lower-case hexadecimal, at least `digits` long.
    private static func hex(_ value: UInt32, digits: Int) -> [UInt8] {
        let text = String(value, radix: 16)
        return Array((String(repeating: "0", count: max(0, digits - text.count)) + text).utf8)
    }
}
