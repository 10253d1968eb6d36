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
    /// any form: those throw (in every context but `.none`).
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
        for index in bytes.indices {
            try checkXMLCharacter(bytes, at: index, in: .cdata)
            let byte = bytes[index]
            defer { brackets = byte == XML.closeBracket ? brackets + 1 : 0 }
            if byte == XML.carriageReturn {
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
        for index in bytes.indices {
            try checkXMLCharacter(bytes, at: index, in: context)
            guard let replacement = entity(bytes[index]) else { continue }
            appendRun(bytes, run..<index, to: output)
            output.append(replacement)
            run = index + 1
        }
        appendRun(bytes, run..<bytes.count, to: output)
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
        throw .nonCharacterInXML(outer, codePoint: 0xFF00 | UInt32(bytes[index + 2]))
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
