/// Text from files (names, ids, JSON keys, paths) made safe for a line of terminal output:
/// a control character would break the line or, as an escape sequence, drive the terminal.
// Limitation: Unicode's bidirectional controls (U+202A-U+202E, U+2066-U+2069) pass as they
// are, and a backslash is not escaped outside quoted paths (`\t` reads like a tab).
public enum TerminalText {
    /// `text` with each control character written as a C escape (`\n`, `\t`, `\r`,
    /// `\x1b`); text without one is returned as it is.
    public static func escaped(_ text: String) -> String {
        guard hasControl(text) else { return text }
        return escaped(bytes: Array(text.utf8), nonASCII: false)
    }

    /// `bytes` as text with each control byte written as a C escape; with `nonASCII`,
    /// every byte from 0x80 up too (`\xe9`), for names that are not UTF-8, so that two
    /// different names never look the same.
    public static func escaped(bytes: some Sequence<UInt8>, nonASCII: Bool) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case _ where byte < 0x20 || byte == 0x7F || (nonASCII && byte >= 0x80):
                out += Array(#"\x"#.utf8) + Array(String(byte, radix: 16).utf8)
                if byte < 0x10 { out.insert(0x30, at: out.count - 1) }
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as it is, or in double quotes with C escapes (``escaped(_:)``, and `\"` and
    /// `\\`) when it holds a control character, as git quotes such paths.
    public static func quoted(_ text: String) -> String {
        guard hasControl(text) else { return text }
        return inQuotes(text)
    }

    /// `text` in double quotes with C escapes, always: a JSON key a message names.
    public static func inQuotes(_ text: String) -> String {
        var inner = ""
        for character in text.unicodeScalars {
            switch character {
            case "\"": inner += #"\""#
            case "\\": inner += #"\\"#
            default: inner.unicodeScalars.append(character)
            }
        }
        return "\"" + escaped(inner) + "\""
    }

    /// True when `text` holds a control character (below U+0020, or DEL).
    public static func hasControl(_ text: String) -> Bool {
        let isControl = { (byte: UInt8) in byte < 0x20 || byte == 0x7F }
        // Through the contiguous bytes, eight at a time: `usage` asks several times per row.
        return text.utf8.withContiguousStorageIfAvailable { hasControl(UnsafeRawBufferPointer($0)) }
            ?? text.utf8.contains(where: isControl)
    }

    /// True when `bytes` hold a byte below 0x20 or a DEL, eight bytes tested at once (see
    /// ``ByteWords``).
    static func hasControl(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            let word = ByteWords.word(at: bytes.baseAddress! + index)
            let marks =
                ByteWords.below(word, ByteWords.repeated(0x20))
                | ByteWords.equal(word, ByteWords.repeated(0x7F))
            if marks != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] < 0x20 || bytes[index] == 0x7F { return true }
            index += 1
        }
        return false
    }
}
