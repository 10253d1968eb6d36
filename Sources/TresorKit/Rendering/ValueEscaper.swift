/// Writes a secret's value into its place in a process file: first escaped for the inner
/// syntax (a JSON or FEEL string literal, or plain text), then for the outer file syntax
/// (XML text, CDATA, an XML attribute, or nothing).
///
/// Every function works on UTF-8 bytes and escapes only what its syntax requires, so a
/// rendered value reads back byte for byte: no `\/`, no HTML-style `\u003c`, and non-ASCII
/// text stays raw UTF-8. A character a context cannot hold is an ``EscapeError``, never a
/// silent replacement.
///
/// The escaped text holds the value, so it is written into a ``WipedArray``, never into an
/// ordinary array.
public enum ValueEscaper {
    /// `value` escaped for `context`, `outer(inner(value))`, appended to `output`. On a
    /// throw, `output` may hold part of it.
    ///
    /// `value` must be valid UTF-8; it is not checked again here.
    // Limitation: invalid UTF-8 passes through unchanged, and an XML reader then rejects
    // the file; the vault is trusted to hold only valid UTF-8 values.
    public static func escape(
        _ value: UnsafeRawBufferPointer, for context: EscapeContext,
        into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        if context.evaluatesExpressions, holdsExpressionStart(value) {
            throw .expressionInValue
        }
        if context.inner == .plainText {
            return try outer(value, for: context.outer, into: output)
        }
        if case .none = context.outer {
            return try inner(value, for: context.inner, into: output)
        }
        let text = WipedArray<UInt8>(capacity: value.count + 16)
        try inner(value, for: context.inner, into: text)
        try text.withUnsafeBytes { bytes throws(EscapeError) in
            try outer(bytes, for: context.outer, into: output)
        }
    }

    /// `value` escaped for `context`, in a new ``WipedArray``.
    public static func escape(
        _ value: some Collection<UInt8>, for context: EscapeContext
    ) throws(EscapeError) -> WipedArray<UInt8> {
        let input = WipedArray(value)
        let output = WipedArray<UInt8>(capacity: value.count + 16)
        try input.withUnsafeBytes { bytes throws(EscapeError) in
            try escape(bytes, for: context, into: output)
        }
        return output
    }

    /// True when `value` holds `${` or `#{`, where an EL engine starts evaluating.
    static func holdsExpressionStart(_ value: some Collection<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in value {
            if byte == UInt8(ascii: "{"),
                previous == UInt8(ascii: "$") || previous == UInt8(ascii: "#")
            {
                return true
            }
            previous = byte
        }
        return false
    }

    /// `value` as the body of the inner syntax, appended to `output`.
    ///
    /// - `.plainText`: unchanged.
    /// - `.jsonString`: `"` and `\` escaped, BS FF LF CR TAB as short escapes, other bytes
    ///   below 0x20 as `\u00xx`; everything else raw (JSON requires no more).
    /// - `.feelString`: `\`, `"`, LF, CR and TAB escaped as `\\ \" \n \r \t`; any other C0
    ///   control throws ``EscapeError/unsupportedCharacter(_:codePoint:)``, because a FEEL
    ///   string literal has no escape for it.
    /// - `.xmlPayloadText`, `.xmlPayloadAttribute`: as the outer XML text and attribute
    ///   escaping (both quotes escaped in an attribute), for the document the text is.
    public static func inner(
        _ value: UnsafeRawBufferPointer, for inner: EscapeContext.Inner,
        into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        switch inner {
        case .plainText: output.append(contentsOf: value)
        case .jsonString: jsonString(value, into: output)
        case .feelString: try feelString(value, into: output)
        case .xmlPayloadText: try xmlText(value, into: output)
        case .xmlPayloadAttribute: try xmlAttribute(value, quote: 0, into: output)
        }
    }

    /// The body of a JSON string literal.
    static func jsonString(_ value: some Collection<UInt8>, into output: WipedArray<UInt8>) {
        let contiguous: Void? = value.withContiguousStorageIfAvailable {
            jsonString(bytes: UnsafeRawBufferPointer($0), into: output)
        }
        guard contiguous == nil else { return }
        // Runs of bytes that need no escape are copied whole, not byte by byte: a PEM block
        // has a newline every 64 bytes.
        var run = value.startIndex
        var index = run
        while index != value.endIndex {
            let byte = value[index]
            guard needsJSONEscape(byte) else {
                index = value.index(after: index)
                continue
            }
            output.append(contentsOf: value[run..<index])
            appendJSONEscape(byte, to: output)
            index = value.index(after: index)
            run = index
        }
        output.append(contentsOf: value[run..<index])
    }

    /// ``jsonString(_:into:)`` of bytes in memory: the bytes to escape are looked for
    /// eight at a time, and the runs between them copied whole (a value is mostly such a
    /// run: the search was most of a render's escaping).
    private static func jsonString(
        bytes value: UnsafeRawBufferPointer, into output: WipedArray<UInt8>
    ) {
        guard let base = value.baseAddress else { return }
        var run = 0
        var index = 0
        while true {
            while index + 8 <= value.count {
                let word = ByteWords.word(at: base + index)
                let marks =
                    ByteWords.below(word, ByteWords.repeated(0x20))
                    | ByteWords.equal(word, ByteWords.repeated(quote))
                    | ByteWords.equal(word, ByteWords.repeated(backslash))
                if marks != 0 {
                    index += ByteWords.firstByte(in: marks)
                    break
                }
                index += 8
            }
            while index < value.count, !needsJSONEscape(value[index]) { index += 1 }
            guard index < value.count else { break }
            appendRun(value, run..<index, to: output)
            appendJSONEscape(value[index], to: output)
            index += 1
            run = index
        }
        appendRun(value, run..<value.count, to: output)
    }

    /// True for the bytes a JSON string cannot hold raw: controls, `"` and `\`.
    @inline(__always)
    private static func needsJSONEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == quote || byte == backslash
    }

    /// The JSON escape of `byte` (one ``needsJSONEscape(_:)`` is true of).
    private static func appendJSONEscape(_ byte: UInt8, to output: WipedArray<UInt8>) {
        if let short = shortEscape(byte) {
            output.append(backslash)
            output.append(short)
        } else if byte == quote || byte == backslash {
            output.append(backslash)
            output.append(byte)
        } else {
            output.append("\\u00")
            output.append(hexDigit(byte >> 4))
            output.append(hexDigit(byte & 0xF))
        }
    }

    /// The body of a FEEL string literal between double quotes.
    // Limitation: the escapes follow the FEEL grammar as documented; no FEEL engine runs
    // here, so they are not checked against Camunda 8's engine by a round trip.
    static func feelString(
        _ value: UnsafeRawBufferPointer, into output: WipedArray<UInt8>
    ) throws(EscapeError) {
        var run = 0
        for index in value.indices {
            let byte = value[index]
            let letter: UInt8
            if byte == quote || byte == backslash {
                letter = byte
            } else if byte == 0x0A || byte == 0x0D || byte == 0x09 {
                letter = shortEscape(byte) ?? byte
            } else if byte < 0x20 {
                throw .unsupportedCharacter(.feelString, codePoint: UInt32(byte))
            } else {
                continue
            }
            appendRun(value, run..<index, to: output)
            output.append(backslash)
            output.append(letter)
            run = index + 1
        }
        appendRun(value, run..<value.count, to: output)
    }

    /// Appends `bytes[range]` in one go: escapers copy the runs between escapes whole.
    static func appendRun(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, to output: WipedArray<UInt8>
    ) {
        guard !range.isEmpty else { return }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// The letter of JSON's short escape for BS, FF, LF, CR, TAB (redact's JSON form too).
    static func shortEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}
