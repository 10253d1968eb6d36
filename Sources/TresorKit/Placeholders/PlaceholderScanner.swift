/// Finds `{{secret:NAME}}` placeholders, and text that nearly is one, in bytes of text.
///
/// The grammar is exact: two braces, lower-case `secret`, `:`, a valid ``SecretName``, two
/// braces, no white space anywhere. Text of the same family that breaks a rule
/// (`{{ secret:X }}`, `{{secrets.X}}`, `{secret:X}`, `{{secret:x}}`, ...) is reported as a
/// ``NearMiss``, so a typo fails `validate` instead of reaching an engine as literal text.
/// Other double-brace text (`{{var:x}}`, `{{ .Values.x }}`, `{{secretary}}`) and the bare
/// Camunda form `secrets.X` are left alone.
///
/// The scan is one left-to-right pass over bytes, never recursive: each byte is looked at
/// a bounded number of times, so megabyte inputs with thousands of placeholders stay linear.
/// It works on bytes, not `String`, because `String` merges "\r\n" into one `Character` and
/// compares canonically equivalent text as equal, and ranges must be byte offsets.
public enum PlaceholderScanner {
    /// Scans `text` and returns its placeholders and near-misses, each in order of position.
    ///
    /// Ranges are byte offsets from the start of `text`.
    public static func scan(_ text: some Collection<UInt8>) -> PlaceholderScan {
        let contiguous = text.withContiguousStorageIfAvailable { buffer in
            scan(UnsafeRawBufferPointer(buffer))
        }
        if let contiguous { return contiguous }
        return Array(text).withUnsafeBytes { scan($0) }
    }

    /// Scans the bytes of `buffer`; the fast path behind the generic `scan`.
    public static func scan(_ buffer: UnsafeRawBufferPointer) -> PlaceholderScan {
        var lexer = PlaceholderLexer(buffer)
        return lexer.run()
    }

    /// False when `bytes` cannot hold a placeholder or near-miss, because there is no `{`.
    ///
    /// A cheap first test, so readers can skip the full scan for most values.
    public static func mayContainPlaceholder(_ bytes: some Collection<UInt8>) -> Bool {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            UnsafeRawBufferPointer(buffer).contains(ASCII.openBrace)
        }
        return contiguous ?? bytes.contains(ASCII.openBrace)
    }
}

/// The few bytes the grammar names.
enum ASCII {
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let colon: UInt8 = 0x3A
    static let dot: UInt8 = 0x2E
    static let keyword: [UInt8] = Array("secret".utf8)
    static let plural: UInt8 = 0x73

    /// Space, tab, LF or CR: the white space a near-miss may hold.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// An ASCII letter, in either case.
    static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }

    /// Bytes taken as part of a name when a near-miss has no closing braces: letters, digits,
    /// `_` and `-`, so `{{secret:ftp-password` is shown whole.
    static func isNameCharacter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x2D
    }
}
