/// The outer layer: the inner text written into XML text, CDATA or an attribute.
extension ValueEscaper {
    /// `text` escaped for the file syntax around it, appended to `output`.
    ///
    /// - `.none`: unchanged.
    /// - `.xmlText`: `& < >` as entities, CR as `&#13;` so XML's line-end normalisation
    ///   keeps it; TAB and LF raw.
    /// - `.cdata`: raw, but `]]>` is split as `]]]]><![CDATA[>` and CR is written as
    ///   `]]>&#13;<![CDATA[`. A leading `>` or `]>` and a trailing `]` are split off as
    ///   well, so the output never forms `]]>` with the template text around it.
    /// - `.xmlAttribute(quote:)`: `&` `<` and the delimiting quote as entities, LF CR TAB as
    ///   character references so attribute-value normalisation keeps them. A quote byte
    ///   other than `'` escapes both quotes.
    ///
    /// XML 1.0 cannot hold C0 controls other than TAB, LF, CR, nor U+FFFE and U+FFFF, in
    /// any form: those throw (in every context but `.none`). DEL, the C1 controls
    /// (U+0080-U+009F) and LINE SEPARATOR (U+2028) are written as character references in
    /// every XML context (a CDATA section is closed around one): an XML 1.1 parser reads
    /// NEL and LINE SEPARATOR written raw as line feeds, and refuses the others raw, while
    /// a reference means the character itself in both versions (found by a twenty-eighth
    /// fresh tester).
    public static func outer(
        _ text: UnsafeRawBufferPointer, for outer: EscapeContext.Outer,
        into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        switch outer {
        case .none: output.append(contentsOf: text)
        case .xmlText: try xmlText(text, into: output)
        case .cdata: try cdata(text, into: output)
        case .xmlAttribute(let quote): try xmlAttribute(text, quote: quote, into: output)
        }
    }

    static func xmlText(
        _ bytes: UnsafeRawBufferPointer, into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        try replacing(bytes, in: .xmlText, into: output) { byte in
            switch byte {
            case XML.ampersand: "&amp;"
            case XML.less: "&lt;"
            case XML.greater: "&gt;"
            case XML.carriageReturn: "&#13;"
            default: nil
            }
        }
    }

    static func cdata(
        _ bytes: UnsafeRawBufferPointer, into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        var run = 0
        // Count the template's text before the value as `]]`, so a leading `>` is split.
        var brackets = 2
        var skip = 0
        for index in bytes.indices {
            guard skip == 0 else {
                skip -= 1
                continue
            }
            try checkXMLCharacter(bytes, at: index, in: .cdata)
            let byte = bytes[index]
            defer { brackets = byte == XML.closeBracket ? brackets + 1 : 0 }
            if let length = referencedLength(bytes, at: index) {
                appendRun(bytes, run..<index, to: output)
                output.append("]]>")
                appendReference(bytes, at: index, length: length, to: output)
                output.append("<![CDATA[")
                run = index + length
                skip = length - 1
            } else if byte == XML.carriageReturn {
                appendRun(bytes, run..<index, to: output)
                output.append("]]>&#13;<![CDATA[")
                run = index + 1
            } else if byte == XML.greater && brackets >= 2 {
                // The `>` itself starts the next run, inside the new section.
                appendRun(bytes, run..<index, to: output)
                output.append("]]><![CDATA[")
                run = index
            }
        }
        appendRun(bytes, run..<bytes.count, to: output)
        if bytes.last == XML.closeBracket { output.append("]]><![CDATA[") }
    }

    static func xmlAttribute(
        _ bytes: UnsafeRawBufferPointer, quote: UInt8, into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        try replacing(bytes, in: .xmlAttribute(quote: quote), into: output) { byte in
            switch byte {
            case XML.ampersand: "&amp;"
            case XML.less: "&lt;"
            case XML.doubleQuote where quote != XML.singleQuote: "&quot;"
            case XML.singleQuote where quote != XML.doubleQuote: "&apos;"
            case XML.lineFeed: "&#10;"
            case XML.carriageReturn: "&#13;"
            case XML.tab: "&#9;"
            default: nil
            }
        }
    }

    /// Appends `bytes` to `output`, each byte `entity` names as that entity and the runs
    /// between them whole; every character is checked for `context` first.
    private static func replacing(
        _ bytes: UnsafeRawBufferPointer, in context: EscapeContext.Outer,
        into output: WipedArray<UInt8>, entity: (UInt8) -> StaticString?
    ) throws(EscapeError) {
        var run = 0
        var skip = 0
        for index in bytes.indices {
            guard skip == 0 else {
                skip -= 1
                continue
            }
            try checkXMLCharacter(bytes, at: index, in: context)
            if let length = referencedLength(bytes, at: index) {
                appendRun(bytes, run..<index, to: output)
                appendReference(bytes, at: index, length: length, to: output)
                run = index + length
                skip = length - 1
                continue
            }
            guard let replacement = entity(bytes[index]) else { continue }
            appendRun(bytes, run..<index, to: output)
            output.append(replacement)
            run = index + 1
        }
        appendRun(bytes, run..<bytes.count, to: output)
    }

    /// The UTF-8 length of the character at `index` when it is written as a reference: DEL
    /// (7F), a C1 control (C2 80-C2 9F) or LINE SEPARATOR (E2 80 A8); nil otherwise.
    private static func referencedLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        switch bytes[index] {
        case 0x7F: return 1
        case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
            return 2
        case 0xE2
        where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA8:
            return 3
        default: return nil
        }
    }

    /// Appends the character reference (`&#x85;`) of the `length`-byte character at `index`,
    /// digit by digit into `output`: the character is part of a value.
    private static func appendReference(
        _ bytes: UnsafeRawBufferPointer, at index: Int, length: Int, to output: WipedArray<UInt8>
    ) {
        output.append("&#x")
        if length == 3 {
            output.append("2028")
        } else {
            let code = length == 1 ? bytes[index] : bytes[index + 1]
            let digits: StaticString = "0123456789abcdef"
            output.append(digits.utf8Start[Int(code >> 4)])
            output.append(digits.utf8Start[Int(code & 0x0F)])
        }
        output.append(UInt8(ascii: ";"))
    }

    /// Throws when the character starting at `index` cannot appear in an XML 1.0 document.
    private static func checkXMLCharacter(
        _ bytes: UnsafeRawBufferPointer, at index: Int, in outer: EscapeContext.Outer
    ) throws(EscapeError) {
        let byte = bytes[index]
        if byte < 0x20 && byte != XML.tab && byte != XML.lineFeed && byte != XML.carriageReturn {
            throw .controlCharacterInXML(outer, codePoint: UInt32(byte))
        }
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
        guard byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF,
            bytes[index + 2] >= 0xBE
        else { return }
        // The last byte carries the code point's low six bits (U+FFC0 + 0x3E = U+FFFE); its
        // own value read as the low byte named U+FFBE (found by a forty-fifth fresh tester).
        throw .nonCharacterInXML(outer, codePoint: 0xFFC0 | UInt32(bytes[index + 2] & 0x3F))
    }
}

/// The bytes the XML layer escapes or looks out for.
private enum XML {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let doubleQuote: UInt8 = 0x22
    static let ampersand: UInt8 = 0x26
    static let singleQuote: UInt8 = 0x27
    static let less: UInt8 = 0x3C
    static let greater: UInt8 = 0x3E
    static let closeBracket: UInt8 = 0x5D
}
