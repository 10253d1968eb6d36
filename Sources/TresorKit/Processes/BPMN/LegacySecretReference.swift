#if canImport(Glibc)
    import Glibc
#endif

/// Finds Camunda's legacy bare `secrets.NAME` references (`=secrets.MY_TOKEN`), which
/// Tresor does not resolve. The placeholder scanner leaves them alone on purpose, and the
/// braced `{{secrets.NAME}}` form is its near-miss, so braces before `secrets.` are skipped here.
enum LegacySecretReference {
    private static let keyword = Array("secrets.".utf8)

    /// False when `bytes` cannot hold a bare reference: `secrets.` does not occur in them.
    static func mayOccur(in bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            // memchr finds each `s`; only those are compared with the keyword.
            while buffer.count - offset >= keyword.count,
                let found = memchr(base + offset, Int32(keyword[0]), buffer.count - offset)
            {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer.count - offset >= keyword.count,
                    memcmp(base + offset, keyword, keyword.count) == 0
                {
                    return true
                }
                offset += 1
            }
            return false
        }
    }

    /// Each bare reference in `text`: its range (keyword and name) and the name as written.
    static func find(in text: [UInt8]) -> [(range: Range<Int>, name: String)] {
        // Most texts hold none: one memchr-driven search says so.
        guard mayOccur(in: text[...]) else { return [] }
        var found: [(Range<Int>, String)] = []
        var index = 0
        while index + keyword.count < text.count {
            guard text[index] == keyword[0],
                text[index..<(index + keyword.count)].elementsEqual(keyword),
                !isIdentifier(before: index, in: text), !isBraced(before: index, in: text)
            else {
                index += 1
                continue
            }
            var end = index + keyword.count
            while end < text.count, isNameByte(text[end]) { end += 1 }
            if end > index + keyword.count {
                let name = String(decoding: text[(index + keyword.count)..<end], as: UTF8.self)
                found.append((index..<end, name))
            }
            index = end
        }
        return found
    }

    private static func isIdentifier(before index: Int, in text: [UInt8]) -> Bool {
        index > 0 && (isNameByte(text[index - 1]) || text[index - 1] == UInt8(ascii: "."))
    }

    /// True when `{` precedes, white space aside: the braced form the scanner reports.
    private static func isBraced(before index: Int, in text: [UInt8]) -> Bool {
        var cursor = index - 1
        while cursor >= 0, text[cursor] == 0x20 || text[cursor] == 0x09 { cursor -= 1 }
        return cursor >= 0 && text[cursor] == UInt8(ascii: "{")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
