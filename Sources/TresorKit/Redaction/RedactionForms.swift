/// The forms in which a value turns up in logs, each of which `tresor redact` masks: the
/// value itself, and with what Java's `String.trim` removes taken off both ends, as the
/// engines and `deploy` trim input texts; JSON-escaped (minimal; ASCII-only with `\uXXXX`
/// in lower-case hex as Python and PHP write it and in upper case as Java does, each also
/// with `\/`; `<`, `>`, `&` as `\u003c` ... as Go's encoding/json writes them; and every
/// character outside printable ASCII and the HTML-sensitive ones as `\u003C` ... as
/// .NET's System.Text.Json writes them); URL-encoded (`%XX` in upper and lower case, form
/// encoding with `+`, and JavaScript's `encodeURIComponent`, which leaves `!'()*` as they
/// are); base64 (standard and URL-safe, at each of the three alignments it can have inside
/// a longer encoded text); every form `render` writes (XML text, CDATA, attributes, FEEL
/// strings, XML payloads), and those `deploy` writes into a task input's JSON string; HTML
/// and XML escaping with both quotes escaped (`&quot;`, `&#34;`; `&apos;`, `&#39;`,
/// `&#x27;`); and each line of a multi-line value in all of these forms.
///
/// Each form is written into a ``WipedArray`` and added to the trie from there: no form,
/// and no piece of the value, passes through an ordinary array or a string.
enum RedactionForms {
    /// Adds every form of `value` to `trie`; lines shorter than `minimumLength` are left
    /// out (the whole value is the caller's to check).
    static func insertForms(
        of value: UnsafeRawBufferPointer, minimumLength: Int, into trie: PatternTrie
    ) {
        let writer = FormWriter(trie: trie, capacity: value.count)
        writer.insertEncodings(of: value)
        // A value with white space at an end reaches the engine, and a deploy's task input,
        // without it (found by a forty-fifth fresh tester: printed in clear).
        let trimmed = javaTrimmed(value)
        if trimmed.count < value.count, trimmed.count >= minimumLength {
            writer.insertEncodings(of: trimmed)
        }
        // Forms starting with a line break are left out (see `keep`): the value after its
        // leading breaks stands for it.
        let breaks = leadingBreaks(of: value)
        if breaks > 0, value.count - breaks >= minimumLength {
            writer.insertEncodings(of: UnsafeRawBufferPointer(rebasing: value[breaks...]))
        }
        guard value.contains(0x0A) else { return }
        for line in value.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = UnsafeRawBufferPointer(rebasing: line)
            if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
            if line.count >= minimumLength { writer.insertEncodings(of: line) }
            // An indented line, as a log writes it once trimmed (a forty-sixth fresh tester).
            let trimmedLine = javaTrimmed(line)
            if trimmedLine.count < line.count, trimmedLine.count >= minimumLength {
                writer.insertEncodings(of: trimmedLine)
            }
        }
    }

    /// The number of line feeds and carriage returns `value` starts with.
    static func leadingBreaks(of value: UnsafeRawBufferPointer) -> Int {
        value.prefix { $0 == 0x0A || $0 == 0x0D }.count
    }

    /// `value` without the bytes up to U+0020 at either end, as Java's `String.trim` (and
    /// so Camunda 7, Flowable and `deploy`) takes them off.
    static func javaTrimmed(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = value.count
        while start < end, value[start] <= 0x20 { start += 1 }
        while end > start, value[end - 1] <= 0x20 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: value[start..<end])
    }
}

/// Writes forms into two reused wiped arrays and adds each to the trie.
private struct FormWriter {
    let trie: PatternTrie
    let form: WipedArray<UInt8>
    let derived: WipedArray<UInt8>

    // Limitation: the forms of a value take about 2.4 KB of trie per value byte (README,
    // Known limitations).
    init(trie: PatternTrie, capacity: Int) {
        self.trie = trie
        form = WipedArray(capacity: capacity * 12 + 16)
        derived = WipedArray(capacity: capacity * 12 + 16)
    }

    /// Adds `pattern` unless it starts with a line break: every line end of a log would
    /// then be held back until more input came (a value starting with a newline held up
    /// each line: found by a forty-sixth fresh tester). Such a value is masked by its
    /// trimmed form and its lines; the break itself is no secret.
    private func keep(_ pattern: UnsafeRawBufferPointer) {
        guard let first = pattern.first, first != 0x0A, first != 0x0D else { return }
        trie.insert(pattern)
    }

    private func keep(_ pattern: WipedArray<UInt8>) {
        pattern.withUnsafeBytes { keep($0) }
    }

    func insertEncodings(of value: UnsafeRawBufferPointer) {
        keep(value)
        add(slashEscaped: true) { ValueEscaper.jsonString(value, into: $0) }
        add(slashEscaped: true) { styledJSON(value, .asciiLower, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: false, into: $0) }
        add { percentEncoded(value, upper: false, plusForSpace: false, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: true, into: $0) }
        for alignment in 0..<3 {
            add { base64Core(value, alignment: alignment, urlSafe: false, into: $0) }
            add { base64Core(value, alignment: alignment, urlSafe: true, into: $0) }
        }
        add { Sodium.base64(value, variant: .standard, into: $0) }
        add(slashEscaped: true) { styledJSON(value, .asciiUpper, into: $0) }
        // Go's and .NET's default JSON writers, and JavaScript's URL encoding (found by a
        // forty-fifth fresh tester: a value holding `<&>'` went through in clear).
        add { styledJSON(value, .go, into: $0) }
        add { styledJSON(value, .dotNet, into: $0) }
        add { styledJSON(value, .gson, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: false, keepSlash: true, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: false, keep: "!'()*", into: $0) }
        // Java's URLEncoder and URLSearchParams: `*` kept, `~` encoded, `+` for space (an
        // OAuth client_secret so went through: found by a forty-seventh fresh tester).
        add {
            percentEncoded(
                value, upper: true, plusForSpace: true, keep: "*", tildeKept: false, into: $0)
        }
        // HTML and XML writers escape both quotes as well (PHP's htmlspecialchars, Java's
        // and .NET's attribute writers), each its own way (found by a thirty-sixth fresh
        // tester: `&lt;&amp;&gt;&quot;` was not masked).
        for (quote, apostrophe) in Self.markupQuotes {
            add { markupEscaped(value, quote: quote, apostrophe: apostrophe, into: $0) }
        }
        // XML writers' attributes, which also escape tab and line breaks, each its own way:
        // Go's encoding/xml, .NET's XmlWriter, Python's ElementTree (a value holding a tab
        // passed: found by a forty-sixth fresh tester).
        if value.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            for (quote, apostrophe, breaks) in Self.attributeWriters {
                add {
                    markupEscaped(
                        value, quote: quote, apostrophe: apostrophe, breaks: breaks, into: $0)
                }
            }
        }
        insertRenderedForms(of: value)
    }

    /// How markup writers spell `"` and `'` besides `&amp;`, `&lt;` and `&gt;`.
    private static let markupQuotes: [(StaticString, StaticString)] = [
        ("&quot;", "&apos;"), ("&quot;", "&#39;"), ("&quot;", "&#039;"), ("&quot;", "&#x27;"),
        ("&#34;", "&#39;"), ("&quot;", "'"), ("\"", "&#39;"),
    ]

    /// How XML writers spell `"`, `'`, then tab, line feed and carriage return in an
    /// attribute.
    private static let attributeWriters: [(StaticString, StaticString, [StaticString])] = [
        ("&#34;", "&#39;", ["&#x9;", "&#xA;", "&#xD;"]),
        ("&quot;", "'", ["&#x9;", "&#xA;", "&#xD;"]),
        ("&quot;", "'", ["&#09;", "&#10;", "&#13;"]),
        // Python's quoteattr, Java's Transformer (a forty-seventh fresh tester).
        ("&quot;", "'", ["&#9;", "&#10;", "&#13;"]),
    ]

    /// `value` with `&`, `<`, `>` as entities, the quotes as given, and with `breaks`, tab,
    /// line feed and carriage return as given.
    private func markupEscaped(
        _ value: UnsafeRawBufferPointer, quote: StaticString, apostrophe: StaticString,
        breaks: [StaticString] = [], into output: WipedArray<UInt8>
    ) {
        func append(_ text: StaticString) {
            output.append(
                contentsOf: UnsafeRawBufferPointer(
                    start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        for byte in value {
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

    /// Every form `render` and `deploy` write a value in: each inner syntax (text, JSON
    /// string, FEEL string, XML payload) in each file syntax (as is, XML text, CDATA,
    /// attribute).
    private func insertRenderedForms(of value: UnsafeRawBufferPointer) {
        let inners = EscapeContext.Inner.allCases
        let outers: [EscapeContext.Outer] = [
            .none, .xmlText, .cdata, .xmlAttribute(quote: 0x22), .xmlAttribute(quote: 0x27),
        ]
        for inner in inners {
            for outer in outers {
                form.removeAll()
                let context = EscapeContext(inner: inner, outer: outer)
                guard (try? ValueEscaper.escape(value, for: context, into: form)) != nil else {
                    continue
                }
                keep(form)
            }
        }
        // A deploy's task input file holds a JSON string or FEEL expression as a JSON
        // string: escaped twice (a third fresh tester found it unmasked).
        for inner in EscapeContext.Inner.allCases where inner != .plainText {
            form.removeAll()
            let context = EscapeContext(inner: inner, outer: .none)
            guard (try? ValueEscaper.escape(value, for: context, into: form)) != nil else {
                continue
            }
            derived.removeAll()
            form.withUnsafeBytes { ValueEscaper.jsonString($0, into: derived) }
            keep(derived)
        }
    }

    /// Writes one form with `write` and adds it; with `slashEscaped`, adds it again with
    /// every `/` written `\/`.
    private func add(slashEscaped: Bool = false, _ write: (WipedArray<UInt8>) -> Void) {
        form.removeAll()
        write(form)
        keep(form)
        guard slashEscaped else { return }
        derived.removeAll()
        form.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "/") { derived.append(UInt8(ascii: "\\")) }
                derived.append(byte)
            }
        }
        keep(derived)
    }

    /// How a JSON writer other than the minimal one spells a string's characters.
    private enum JSONStyle {
        /// ASCII only, `\uXXXX` in lower-case hex (Python's `json.dumps`, PHP).
        case asciiLower
        /// ASCII only, `\uXXXX` in upper-case hex (Java's ASCII-only writers).
        case asciiUpper
        /// UTF-8 as it is but `<`, `>`, `&`, U+2028 and U+2029 as `\u003c` ... (Go's
        /// encoding/json by default).
        case go
        /// `\uXXXX` in upper-case hex for everything outside printable ASCII and for
        /// `"`, `&`, `'`, `+`, `<`, `>` and the backtick (.NET's System.Text.Json by
        /// default).
        case dotNet
        /// UTF-8 as it is but `<`, `>`, `&`, `=` and `'` as `\u003c` ... (Gson by default;
        /// a base64 key ending in `=` passed whole: found by a forty-sixth fresh tester).
        case gson

        var upperHex: Bool { self == .asciiUpper || self == .dotNet }

        /// True when `scalar` is written as `\uXXXX` rather than as itself or a short escape.
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
    private func styledJSON(
        _ value: UnsafeRawBufferPointer, _ style: JSONStyle, into output: WipedArray<UInt8>
    ) {
        var iterator = value.makeIterator()
        var decoder = UTF8()
        while true {
            let scalar: Unicode.Scalar
            switch decoder.decode(&iterator) {
            case .scalarValue(let decoded): scalar = decoded
            case .emptyInput: return
            case .error: scalar = "\u{FFFD}"
            }
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

    /// `\uXXXX` for one UTF-16 unit.
    private func unicodeEscape(_ unit: UInt16, upperHex: Bool, into output: WipedArray<UInt8>) {
        let digits = upperHex ? Self.upperDigits : Self.lowerDigits
        output.append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(digits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    private static let lowerDigits = Array("0123456789abcdef".utf8)
    private static let upperDigits = Array("0123456789ABCDEF".utf8)

    /// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _`, and `~` unless
    /// `tildeKept` is false) and those of `keep` as `%XX`.
    private func percentEncoded(
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
    private func base64Core(
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
}
