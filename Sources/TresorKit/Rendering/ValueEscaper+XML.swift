/// The outer layer: the inner text written into XML text, CDATA or an attribute.
extension ValueEscaper {
    /// `text` escaped for the file syntax around it.
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
        _ text: some Collection<UInt8>, for outer: EscapeContext.Outer
    ) throws(EscapeError) -> [UInt8] {
        let bytes = Array(text)
        switch outer {
        case .none: return bytes
        case .xmlText: return try xmlText(bytes)
        case .cdata: return try cdata(bytes)
        case .xmlAttribute(let quote): return try xmlAttribute(bytes, quote: quote)
        }
    }

    static func xmlText(_ bytes: [UInt8]) throws(EscapeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for index in bytes.indices {
            try checkXMLCharacter(bytes, at: index, in: .xmlText)
            switch bytes[index] {
            case XML.ampersand: out += XML.amp
            case XML.less: out += XML.lt
            case XML.greater: out += XML.gt
            case XML.carriageReturn: out += XML.crReference
            default: out.append(bytes[index])
            }
        }
        return out
    }

    static func cdata(_ bytes: [UInt8]) throws(EscapeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // Count the template's text before the value as `]]`, so a leading `>` is split.
        var brackets = 2
        for index in bytes.indices {
            try checkXMLCharacter(bytes, at: index, in: .cdata)
            let byte = bytes[index]
            if byte == XML.carriageReturn {
                out += XML.cdataEnd + XML.crReference + XML.cdataStart
            } else if byte == XML.greater && brackets >= 2 {
                out += XML.cdataEnd + XML.cdataStart + [byte]
            } else {
                out.append(byte)
            }
            brackets = byte == XML.closeBracket ? brackets + 1 : 0
        }
        if bytes.last == XML.closeBracket { out += XML.cdataEnd + XML.cdataStart }
        return out
    }

    static func xmlAttribute(_ bytes: [UInt8], quote: UInt8) throws(EscapeError) -> [UInt8] {
        let context = EscapeContext.Outer.xmlAttribute(quote: quote)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for index in bytes.indices {
            try checkXMLCharacter(bytes, at: index, in: context)
            switch bytes[index] {
            case XML.ampersand: out += XML.amp
            case XML.less: out += XML.lt
            case XML.doubleQuote where quote != XML.singleQuote: out += XML.quot
            case XML.singleQuote where quote != XML.doubleQuote: out += XML.apos
            case XML.lineFeed: out += XML.lfReference
            case XML.carriageReturn: out += XML.crReference
            case XML.tab: out += XML.tabReference
            default: out.append(bytes[index])
            }
        }
        return out
    }

    /// Throws when the character starting at `index` cannot appear in an XML 1.0 document.
    private static func checkXMLCharacter(
        _ bytes: [UInt8], at index: Int, in outer: EscapeContext.Outer
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

/// The bytes and entities the XML layer writes.
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
    static let amp = Array("&amp;".utf8)
    static let lt = Array("&lt;".utf8)
    static let gt = Array("&gt;".utf8)
    static let quot = Array("&quot;".utf8)
    static let apos = Array("&apos;".utf8)
    static let tabReference = Array("&#9;".utf8)
    static let lfReference = Array("&#10;".utf8)
    static let crReference = Array("&#13;".utf8)
    static let cdataEnd = Array("]]>".utf8)
    static let cdataStart = Array("<![CDATA[".utf8)
}
