/// Writes a secret's value into its place in a process file: first escaped for the inner
/// syntax (a JSON or FEEL string literal, or plain text), then for the outer file syntax
/// (XML text, CDATA, an XML attribute, or nothing).
///
/// Every function works on UTF-8 bytes and escapes only what its syntax requires, so a
/// rendered value reads back byte for byte: no `\/`, no HTML-style `\u003c`, and non-ASCII
/// text stays raw UTF-8. A character a context cannot hold is an ``EscapeError``, never a
/// silent replacement.
public enum ValueEscaper {
    /// `value` escaped for `context`: `outer(inner(value))`.
    ///
    /// `value` must be valid UTF-8; it is not checked again here.
    // Limitation: invalid UTF-8 passes through unchanged, and an XML reader then rejects
    // the file; the vault is trusted to hold only valid UTF-8 values.
    public static func escape(
        _ value: some Collection<UInt8>, for context: EscapeContext
    ) throws(EscapeError) -> [UInt8] {
        if context.evaluatesExpressions, holdsExpressionStart(value) {
            throw .expressionInValue
        }
        return try outer(inner(value, for: context.inner), for: context.outer)
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

    /// `value` as the body of the inner syntax.
    ///
    /// - `.plainText`: unchanged.
    /// - `.jsonString`: `"` and `\` escaped, BS FF LF CR TAB as short escapes, other bytes
    ///   below 0x20 as `\u00xx`; everything else raw (JSON requires no more).
    /// - `.feelString`: `\`, `"`, LF, CR and TAB escaped as `\\ \" \n \r \t`; any other C0
    ///   control throws ``EscapeError/unsupportedCharacter(_:codePoint:)``, because a FEEL
    ///   string literal has no escape for it.
    public static func inner(
        _ value: some Collection<UInt8>, for inner: EscapeContext.Inner
    ) throws(EscapeError) -> [UInt8] {
        switch inner {
        case .plainText: return Array(value)
        case .jsonString: return jsonString(value)
        case .feelString: return try feelString(value)
        }
    }

    /// The body of a JSON string literal.
    static func jsonString(_ value: some Collection<UInt8>) -> [UInt8] {
        // Most values need no escape at all: copy them whole.
        guard value.contains(where: { $0 < 0x20 || $0 == quote || $0 == backslash }) else {
            return Array(value)
        }
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 2)
        for byte in value {
            if let short = shortEscape(byte) {
                out.append(backslash)
                out.append(short)
            } else if byte == quote || byte == backslash {
                out.append(backslash)
                out.append(byte)
            } else if byte < 0x20 {
                out += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// The body of a FEEL string literal between double quotes.
    // Limitation: the escapes follow the FEEL grammar as documented; no FEEL engine runs
    // here, so they are not checked against Camunda 8's engine by a round trip.
    static func feelString(_ value: some Collection<UInt8>) throws(EscapeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 2)
        for byte in value {
            if byte == quote || byte == backslash {
                out += [backslash, byte]
            } else if byte == 0x0A || byte == 0x0D || byte == 0x09 {
                out += [backslash, shortEscape(byte) ?? byte]
            } else if byte < 0x20 {
                throw .unsupportedCharacter(.feelString, codePoint: UInt32(byte))
            } else {
                out.append(byte)
            }
        }
        return out
    }

    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// The letter of the short escape for BS, FF, LF, CR, TAB.
    private static func shortEscape(_ byte: UInt8) -> UInt8? {
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
