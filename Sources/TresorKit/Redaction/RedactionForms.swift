/// The forms in which a value turns up in logs, each of which `tresor redact` masks: the
/// value itself; JSON-escaped (minimal, and ASCII-only with `\uXXXX` in lower-case hex as
/// Python and PHP write it and in upper case as Java and .NET do, each also with `\/`);
/// URL-encoded (`%XX` in upper and lower case, and form encoding with `+`); base64
/// (standard and URL-safe, at each of the three alignments it can have inside a longer
/// encoded text); every form `render` writes (XML text, CDATA, attributes, FEEL strings,
/// XML payloads), and those `deploy` writes into a task input's JSON string; HTML and XML
/// escaping with both quotes escaped (`&quot;`, `&#34;`; `&apos;`, `&#39;`, `&#x27;`);
/// and each line of a multi-line value in all of these forms.
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
        guard value.contains(0x0A) else { return }
        for line in value.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = UnsafeRawBufferPointer(rebasing: line)
            if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
            if line.count >= minimumLength { writer.insertEncodings(of: line) }
        }
    }
}

/// Writes forms into two reused wiped arrays and adds each to the trie.
private struct FormWriter {
    let trie: PatternTrie
    let form: WipedArray<UInt8>
    let derived: WipedArray<UInt8>

    init(trie: PatternTrie, capacity: Int) {
        self.trie = trie
        form = WipedArray(capacity: capacity * 12 + 16)
        derived = WipedArray(capacity: capacity * 12 + 16)
    }

    func insertEncodings(of value: UnsafeRawBufferPointer) {
        trie.insert(value)
        add(slashEscaped: true) { ValueEscaper.jsonString(value, into: $0) }
        add(slashEscaped: true) { asciiJSON(value, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: false, into: $0) }
        add { percentEncoded(value, upper: false, plusForSpace: false, into: $0) }
        add { percentEncoded(value, upper: true, plusForSpace: true, into: $0) }
        for alignment in 0..<3 {
            add { base64Core(value, alignment: alignment, urlSafe: false, into: $0) }
            add { base64Core(value, alignment: alignment, urlSafe: true, into: $0) }
        }
        add { Sodium.base64(value, variant: .standard, into: $0) }
        add(slashEscaped: true) { asciiJSON(value, into: $0, upperHex: true) }
        add { percentEncoded(value, upper: true, plusForSpace: false, keepSlash: true, into: $0) }
        // HTML and XML writers escape both quotes as well (PHP's htmlspecialchars, Java's
        // and .NET's attribute writers), each its own way (found by a thirty-sixth fresh
        // tester: `&lt;&amp;&gt;&quot;` was not masked).
        for (quote, apostrophe) in Self.markupQuotes {
            add { markupEscaped(value, quote: quote, apostrophe: apostrophe, into: $0) }
        }
        insertRenderedForms(of: value)
    }

    /// How markup writers spell `"` and `'` besides `&amp;`, `&lt;` and `&gt;`.
    private static let markupQuotes: [(StaticString, StaticString)] = [
        ("&quot;", "&apos;"), ("&quot;", "&#39;"), ("&quot;", "&#039;"), ("&quot;", "&#x27;"),
        ("&#34;", "&#39;"), ("&quot;", "'"), ("\"", "&#39;"),
    ]

    /// `value` with `&`, `<`, `>` as entities and the quotes as given.
    private func markupEscaped(
        _ value: UnsafeRawBufferPointer, quote: StaticString, apostrophe: StaticString,
        into output: WipedArray<UInt8>
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
                trie.insert(form)
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
            trie.insert(derived)
        }
    }

    /// Writes one form with `write` and adds it; with `slashEscaped`, adds it again with
    /// every `/` written `\/`.
    private func add(slashEscaped: Bool = false, _ write: (WipedArray<UInt8>) -> Void) {
        form.removeAll()
        write(form)
        trie.insert(form)
        guard slashEscaped else { return }
        derived.removeAll()
        form.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "/") { derived.append(UInt8(ascii: "\\")) }
                derived.append(byte)
            }
        }
        trie.insert(derived)
    }

    /// JSON string content as ASCII-only encoders write it (Python's `json.dumps`):
    /// `\uXXXX` in lower-case hex for every non-ASCII character, surrogate pairs above
    /// U+FFFF; with `upperHex`, every `\u` escape in upper-case hex, as Java and .NET
    /// write it. The value is decoded scalar by scalar where it lies (invalid UTF-8 as
    /// U+FFFD, which the vault never holds).
    private func asciiJSON(
        _ value: UnsafeRawBufferPointer, into output: WipedArray<UInt8>, upperHex: Bool = false
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
            if scalar.isASCII, scalar.value >= 0x20 {
                ValueEscaper.jsonString(CollectionOfOne(UInt8(scalar.value)), into: output)
            } else if scalar.isASCII, let short = ValueEscaper.shortEscape(UInt8(scalar.value)) {
                output.append(UInt8(ascii: "\\"))
                output.append(short)
            } else {
                for unit in scalar.utf16 { unicodeEscape(unit, upperHex: upperHex, into: output) }
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

    /// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
    private func percentEncoded(
        _ value: UnsafeRawBufferPointer, upper: Bool, plusForSpace: Bool,
        keepSlash: Bool = false, into output: WipedArray<UInt8>
    ) {
        let digits = upper ? Self.upperDigits : Self.lowerDigits
        for byte in value {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                output.append(byte)
            case 0x20 where plusForSpace: output.append(0x2B)
            case 0x2F where keepSlash: output.append(byte)
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
