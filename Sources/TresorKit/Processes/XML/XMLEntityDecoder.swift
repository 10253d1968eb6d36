/// Decodes XML character data and attribute values: the five predefined entities, character
/// references, line-end normalisation and (in attributes) white-space normalisation.
///
/// No other entity exists for Tresor: documents with a DOCTYPE are refused before this runs,
/// so nothing is ever looked up, expanded or fetched.
enum XMLEntityDecoder {
    /// A decoded `&...;` reference: its character and the offset just past the `;`.
    struct Reference {
        var scalar: Unicode.Scalar
        var end: Int
    }

    /// Parses the reference starting at `start` (an `&`), or returns nil when it is not one of
    /// the predefined entities or a valid character reference.
    static func reference(in file: [UInt8], at start: Int, limit: Int) -> Reference? {
        if start + 1 < limit, file[start + 1] == UInt8(ascii: "#") {
            return characterReference(in: file, at: start, limit: limit)
        }
        var end = start + 1
        while end < limit, end - start < 12, file[end] != UInt8(ascii: ";") { end += 1 }
        guard end < limit, file[end] == UInt8(ascii: ";"),
            let scalar = predefined(file[(start + 1)..<end])
        else { return nil }
        return Reference(scalar: scalar, end: end + 1)
    }

    /// The character reference at `start` (`&#` then decimal digits, or `&#x` then hex
    /// ones, then `;`): any number of leading zeros, as XML allows (`&#x000000041;` is an
    /// `A`; found by a fresh tester), then at most eight digits.
    // Limitation: libxml2 2.9.14 miscounts some hexadecimal ones with many leading zeros
    // and refuses them; `validate` reports that, `usage` does not (README, Known
    // limitations).
    private static func characterReference(
        in file: [UInt8], at start: Int, limit: Int
    ) -> Reference? {
        guard let (value, end) = characterReferenceValue(in: file, at: start, limit: limit),
            isXMLCharacter(value), let scalar = Unicode.Scalar(value)
        else { return nil }
        return Reference(scalar: scalar, end: end)
    }

    /// The code point a character reference at `start` is written to stand for, when it is
    /// one XML does not allow (`&#0;`, `&#xFFFE;`): what an error then names. Nil for any
    /// other `&`.
    static func forbiddenCharacter(in file: [UInt8], at start: Int, limit: Int) -> UInt32? {
        guard start + 1 < limit, file[start + 1] == UInt8(ascii: "#"),
            let (value, _) = characterReferenceValue(in: file, at: start, limit: limit),
            !isXMLCharacter(value)
        else { return nil }
        return value
    }

    /// The value and end of the character reference at `start`, written well, whether or
    /// not XML allows the character.
    private static func characterReferenceValue(
        in file: [UInt8], at start: Int, limit: Int
    ) -> (UInt32, Int)? {
        var index = start + 2
        var radix: UInt32 = 10
        if index < limit, file[index] == UInt8(ascii: "x") {
            radix = 16
            index += 1
        }
        let digits = index
        while index < limit, file[index] == UInt8(ascii: "0") { index += 1 }
        let significant = index
        while index < limit, index - significant <= 8, isDigit(file[index], radix) { index += 1 }
        guard index > digits, index - significant <= 8, index < limit,
            file[index] == UInt8(ascii: ";")
        else { return nil }
        let value = file[significant..<index].reduce(UInt32(0)) { $0 * radix + digitValue($1) }
        return (value, index + 1)
    }

    /// Decodes entities and normalises line ends (and, in attributes, white space).
    static func decode(_ span: Range<Int>, of file: [UInt8], isAttribute: Bool) -> DecodedText {
        var text = DecodedText(capacity: span.count)
        decode(span, of: file, isAttribute: isAttribute, into: &text)
        return text
    }

    /// The same, written into `text`.
    static func decode(
        _ span: Range<Int>, of file: [UInt8], isAttribute: Bool,
        into text: inout some DecodedTextSink
    ) {
        var runStart = span.lowerBound
        var index = span.lowerBound
        while index < span.upperBound {
            let byte = file[index]
            guard byte == UInt8(ascii: "&") || byte == 0x0D || (isAttribute && isBlank(byte))
            else {
                index += 1
                continue
            }
            text.appendVerbatim(runStart..<index, of: file)
            let (decoded, next) = decodeOne(file, at: index, limit: span.upperBound, isAttribute)
            text.appendReplacement(decoded.utf8, source: index..<next)
            index = next
            runStart = next
        }
        text.appendVerbatim(runStart..<span.upperBound, of: file)
    }

    /// Normalises line ends only (CDATA content), written into `text`.
    static func decodeLineEnds(
        _ span: Range<Int>, of file: [UInt8], into text: inout some DecodedTextSink
    ) {
        var runStart = span.lowerBound
        var index = span.lowerBound
        while index < span.upperBound {
            guard file[index] == 0x0D else {
                index += 1
                continue
            }
            text.appendVerbatim(runStart..<index, of: file)
            let next = lineEnd(file, at: index, limit: span.upperBound)
            text.appendReplacement(CollectionOfOne(0x0A), source: index..<next)
            index = next
            runStart = next
        }
        text.appendVerbatim(runStart..<span.upperBound, of: file)
    }

    private static func decodeOne(
        _ file: [UInt8], at index: Int, limit: Int, _ isAttribute: Bool
    ) -> (Unicode.Scalar, Int) {
        let byte = file[index]
        if byte == UInt8(ascii: "&") {
            // The tokenizer has refused invalid references; keep a stray `&` as it is.
            guard let reference = reference(in: file, at: index, limit: limit) else {
                return ("&", index + 1)
            }
            return (reference.scalar, reference.end)
        }
        let next = byte == 0x0D ? lineEnd(file, at: index, limit: limit) : index + 1
        return (isAttribute ? " " : "\n", next)
    }

    /// The offset after a line end starting with CR at `index` (CR LF counts as one).
    private static func lineEnd(_ file: [UInt8], at index: Int, limit: Int) -> Int {
        index + 1 < limit && file[index + 1] == 0x0A ? index + 2 : index + 1
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x0A }

    private static func predefined(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        for (entity, scalar) in predefinedEntities where name.elementsEqual(entity.utf8) {
            return scalar
        }
        return nil
    }

    private static let predefinedEntities: [(String, Unicode.Scalar)] = [
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"),
    ]

    private static func digitValue(_ byte: UInt8) -> UInt32 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        default: UInt32(byte - UInt8(ascii: "A") + 10)
        }
    }

    private static func isDigit(_ byte: UInt8, _ radix: UInt32) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            radix == 16
        default: false
        }
    }

    /// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 upward except surrogates,
    /// U+FFFE and U+FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
