/// How each encoding of a value that `redact` masks is written: JSON in the styles of
/// several writers, URL (percent) encodings, markup escaping with its quote, line break and
/// character reference spellings, and the part of base64 that depends on a value alone.
/// Each writes into a ``WipedArray``; ``RedactionForms`` decides which forms a value gets.
enum ValueEncodings {
    /// `value` with `&`, `<`, `>` as entities, the quotes as given, and with `breaks`, tab,
    /// line feed and carriage return as given.
    /// With `references`, every non-ASCII character as a character reference, decimal
    /// (`&#233;`) or hex (`&#xE9;`), as XML writers with an ASCII output encoding write it.
    static func markupEscaped(
        _ value: UnsafeRawBufferPointer, quote: StaticString, apostrophe: StaticString,
        breaks: [StaticString] = [], references: ReferenceStyle? = nil,
        into output: WipedArray<UInt8>
    ) {
        func append(_ text: StaticString) {
            output.append(
                contentsOf: UnsafeRawBufferPointer(
                    start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        forEachScalar(in: value) { scalar in
            guard scalar.isASCII else {
                if let references {
                    reference(scalar.value, references, into: output)
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
                return
            }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append(quote)
            case UInt8(ascii: "'"): append(apostrophe)
            case 0x09 where !breaks.isEmpty: append(breaks[0])
            case 0x0A where !breaks.isEmpty: append(breaks[1])
            case 0x0D where !breaks.isEmpty: append(breaks[2])
            default: output.append(byte)
            }
        }
    }

    /// How a character reference spells its number.
    enum ReferenceStyle: CaseIterable { case decimal, hex, lowerHex }

    /// `&#N;` or `&#xN;` (hex in either case) for `code`, written digit by digit.
    static func reference(
        _ code: UInt32, _ style: ReferenceStyle, into output: WipedArray<UInt8>
    ) {
        output.append("&#")
        if style != .decimal { output.append(UInt8(ascii: "x")) }
        let base: UInt32 = style == .decimal ? 10 : 16
        let digits = style == .lowerHex ? Self.lowerDigits : Self.upperDigits
        var divisor: UInt32 = 1
        while code / divisor >= base { divisor *= base }
        while divisor > 0 {
            output.append(digits[Int(code / divisor % base)])
            divisor /= base
        }
        output.append(UInt8(ascii: ";"))
    }

    /// How a JSON writer other than the minimal one spells a string's characters.
    enum JSONStyle {
        /// ASCII only, `\u00e9` escapes in lower-case hex (Python's `json.dumps`, PHP).
        case asciiLower
        /// ASCII only, `\u00E9` escapes in upper-case hex (Java's ASCII-only writers).
        case asciiUpper
        /// UTF-8 as it is but `<`, `>`, `&`, U+2028 and U+2029 as `\u003c` ... (Go's
        /// encoding/json by default).
        case go
        /// `\u00E9` escapes in upper-case hex for everything outside printable ASCII and for
        /// `"`, `&`, `'`, `+`, `<`, `>` and the backtick (.NET's System.Text.Json by
        /// default).
        case dotNet
        /// UTF-8 as it is but `<`, `>`, `&`, `=` and `'` as `\u003c` ... (Gson by default;
        /// a base64 key ending in `=` passed whole: found by a forty-sixth fresh tester).
        case gson

        var upperHex: Bool { self == .asciiUpper || self == .dotNet }

        /// True when `scalar` is written as a `\u` escape rather than as itself or a short one.
        func escapes(_ scalar: Unicode.Scalar) -> Bool {
            // DEL too, where every character outside printable ASCII is escaped (Python's
            // `\u007f` passed: found by a forty-sixth fresh tester).
            switch self {
            case .asciiLower, .asciiUpper: !scalar.isASCII || scalar.value == 0x7F
            case .go: "<>&\u{2028}\u{2029}".unicodeScalars.contains(scalar)
            case .dotNet:
                !scalar.isASCII || scalar.value == 0x7F
                    || "\"&'+<>`".unicodeScalars.contains(scalar)
            case .gson: "<>&='\u{2028}\u{2029}".unicodeScalars.contains(scalar)
            }
        }
    }

    /// JSON string content as `style` writes it: other characters as the minimal form does,
    /// control characters as short escapes where JSON has one and `\u00XX` otherwise,
    /// surrogate pairs above U+FFFF. The value is decoded scalar by scalar where it lies
    /// (invalid UTF-8 as U+FFFD, which the vault never holds).
    static func styledJSON(
        _ value: UnsafeRawBufferPointer, _ style: JSONStyle, into output: WipedArray<UInt8>
    ) {
        forEachScalar(in: value) { scalar in
            if style.escapes(scalar) {
                for unit in scalar.utf16 {
                    unicodeEscape(unit, upperHex: style.upperHex, into: output)
                }
            } else if !scalar.isASCII {
                UTF8.encode(scalar) { output.append($0) }
            } else if scalar.value >= 0x20 {
                ValueEscaper.jsonString(CollectionOfOne(UInt8(scalar.value)), into: output)
            } else if let short = ValueEscaper.shortEscape(UInt8(scalar.value)) {
                output.append(UInt8(ascii: "\\"))
                output.append(short)
            } else {
                unicodeEscape(UInt16(scalar.value), upperHex: style.upperHex, into: output)
            }
        }
    }

    /// A `\u` escape (four hex digits) for one UTF-16 unit.
    static func unicodeEscape(_ unit: UInt16, upperHex: Bool, into output: WipedArray<UInt8>) {
        let digits = upperHex ? Self.upperDigits : Self.lowerDigits
        output.append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(digits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    static let lowerDigits = Array("0123456789abcdef".utf8)
    static let upperDigits = Array("0123456789ABCDEF".utf8)

    /// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _`, and `~` unless
    /// `tildeKept` is false) and those of `keep` as `%XX`.
    static func percentEncoded(
        _ value: UnsafeRawBufferPointer, upper: Bool, plusForSpace: Bool,
        keepSlash: Bool = false, keep: StaticString = "", tildeKept: Bool = true,
        into output: WipedArray<UInt8>
    ) {
        let digits = upper ? Self.upperDigits : Self.lowerDigits
        let kept = UnsafeBufferPointer(start: keep.utf8Start, count: keep.utf8CodeUnitCount)
        for byte in value {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F:
                output.append(byte)
            case 0x7E where tildeKept: output.append(byte)
            case 0x20 where plusForSpace: output.append(0x2B)
            case 0x2F where keepSlash: output.append(byte)
            case _ where kept.contains(byte): output.append(byte)
            default:
                output.append(0x25)
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0xF)])
            }
        }
    }

    /// The base64 characters that depend on `value` alone when it starts `alignment`
    /// bytes into a group of three: what shows of it inside any longer base64 text (a
    /// Basic authorisation header, a token). The at most 4 bits shared with the
    /// neighbouring bytes are not part of it.
    // Limitation: up to 4 bits of the value stay unmasked on each side of the core.
    static func base64Core(
        _ value: UnsafeRawBufferPointer, alignment: Int, urlSafe: Bool,
        into output: WipedArray<UInt8>
    ) {
        let padded = WipedArray<UInt8>(capacity: alignment + value.count)
        padded.append(contentsOf: repeatElement(0, count: alignment))
        padded.append(contentsOf: value)
        let text = WipedArray<UInt8>(capacity: (padded.count + 2) / 3 * 4 + 1)
        padded.withUnsafeBytes { bytes in
            Sodium.base64(bytes, variant: urlSafe ? .urlSafeUnpadded : .standard, into: text)
        }
        let first = (8 * alignment + 5) / 6
        let end = 8 * (alignment + value.count) / 6
        guard first < end, end <= text.count else { return }
        text.withUnsafeBytes { output.append(contentsOf: $0[first..<end]) }
    }

    /// Calls `body` with each Unicode scalar of `value`, decoded where it lies (invalid
    /// UTF-8 as U+FFFD, which the vault never holds).
    static func forEachScalar(in value: UnsafeRawBufferPointer, _ body: (Unicode.Scalar) -> Void) {
        var iterator = value.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): body(scalar)
            case .emptyInput: return
            case .error: body("\u{FFFD}")
            }
        }
    }
}
