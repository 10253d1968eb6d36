/// A process model's bytes as UTF-8, whatever encoding it was saved in, for the credential
/// rules: they judge every BPMN-named file, and outside the process folder nothing refuses
/// one that is not UTF-8 (found by the thirty-sixth and thirty-seventh fresh testers).
enum ModelText {
    /// `bytes` as UTF-8: UTF-32 and UTF-16 (a byte order mark, or NULs beside the first
    /// character) decoded; other bytes that are not UTF-8 read as Latin-1 (windows-1252's
    /// few other letters come out as C1 controls, which change no name a rule reads).
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return utf32(bytes.dropFirst(4), bigEndian: true)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return utf32(bytes.dropFirst(4), bigEndian: false)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), bigEndian: true) }
        if bytes.count >= 4, bytes[1] == 0, bytes[2] == 0, (bytes[0] == 0) != (bytes[3] == 0) {
            return utf32(bytes[...], bigEndian: bytes[0] == 0)
        }
        if bytes.count >= 2, (bytes[0] == 0) != (bytes[1] == 0) {
            return utf16(bytes[...], bigEndian: bytes[0] == 0)
        }
        guard UTF8Check.firstInvalidOffset(bytes) != nil else { return bytes }
        // A UTF-8 byte order mark before Latin-1 bytes is dropped with the rest of its kind.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return Array(String(String.UnicodeScalarView(body.map { Unicode.Scalar($0) })).utf8)
    }

    /// `text` (UTF-8) with the encoding its XML declaration names, if any, written UTF-8:
    /// the text was decoded already, and the walker refuses any other name.
    static func declaredUTF8(_ text: [UInt8]) -> [UInt8] {
        let start = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard text[start...].starts(with: Array("<?xml".utf8)),
            let end = text.firstRange(of: Array("?>".utf8))?.lowerBound,
            let name = text[start..<end].firstRange(of: Array("encoding".utf8))?.upperBound,
            let open = text[name..<end].firstIndex(where: { $0 == 0x22 || $0 == 0x27 }),
            text[name..<open].allSatisfy({ $0 == UInt8(ascii: "=") || ASCII.isSpace($0) }),
            let close = text[(open + 1)..<end].firstIndex(of: text[open])
        else { return text }
        return Array(text[..<(open + 1)]) + Array("UTF-8".utf8) + Array(text[close...])
    }

    private static func utf16(_ body: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let (high, low) = bigEndian ? (index, index + 1) : (index + 1, index)
            units.append(UInt16(body[high]) << 8 | UInt16(body[low]))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func utf32(_ body: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        var index = body.startIndex
        while index + 3 < body.endIndex {
            let bytes = body[index..<(index + 4)]
            let ordered = bigEndian ? Array(bytes) : bytes.reversed()
            let value = ordered.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            index += 4
        }
        return Array(String(scalars).utf8)
    }
}
