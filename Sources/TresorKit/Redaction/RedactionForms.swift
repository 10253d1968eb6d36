/// The forms in which a value turns up in logs, each of which `tresor redact` masks: the
/// value itself, and with what Java's `String.trim` removes taken off both ends, as the
/// engines and `deploy` trim input texts; JSON-escaped (minimal; ASCII-only with `\u00e9`
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
            // A line of white space alone is nothing to mask: it masked every run of spaces
            // in a log (a fifty-first fresh tester).
            let trimmedLine = javaTrimmed(line)
            guard !trimmedLine.isEmpty else { continue }
            if line.count >= minimumLength { writer.insertEncodings(of: line) }
            // An indented line, as a log writes it once trimmed (a forty-sixth fresh tester).
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
        add(slashEscaped: true) { ValueEncodings.styledJSON(value, .asciiLower, into: $0) }
        add { ValueEncodings.percentEncoded(value, upper: true, plusForSpace: false, into: $0) }
        add { ValueEncodings.percentEncoded(value, upper: false, plusForSpace: false, into: $0) }
        add { ValueEncodings.percentEncoded(value, upper: true, plusForSpace: true, into: $0) }
        for alignment in 0..<3 {
            add { ValueEncodings.base64Core(value, alignment: alignment, urlSafe: false, into: $0) }
            add { ValueEncodings.base64Core(value, alignment: alignment, urlSafe: true, into: $0) }
        }
        add { Sodium.base64(value, variant: .standard, into: $0) }
        add(slashEscaped: true) { ValueEncodings.styledJSON(value, .asciiUpper, into: $0) }
        // Go's and .NET's default JSON writers, and JavaScript's URL encoding (found by a
        // forty-fifth fresh tester: a value holding `<&>'` went through in clear).
        add { ValueEncodings.styledJSON(value, .go, into: $0) }
        add { ValueEncodings.styledJSON(value, .dotNet, into: $0) }
        add { ValueEncodings.styledJSON(value, .gson, into: $0) }
        add {
            ValueEncodings.percentEncoded(
                value, upper: true, plusForSpace: false, keepSlash: true, into: $0)
        }
        add {
            ValueEncodings.percentEncoded(
                value, upper: true, plusForSpace: false, keep: "!'()*", into: $0)
        }
        // Form encodings with `+` and `~` encoded, in either case: Java's URLEncoder and
        // URLSearchParams keep `*` (an OAuth client_secret so went through: found by a
        // forty-seventh fresh tester), PHP's urlencode nothing, .NET's WebUtility and
        // HttpUtility `!*()` (the forty-ninth and fiftieth).
        for upper in [true, false] {
            for kept: StaticString in ["*", "", "!*()"] {
                add {
                    ValueEncodings.percentEncoded(
                        value, upper: upper, plusForSpace: true, keep: kept, tildeKept: false,
                        into: $0)
                }
            }
        }
        // HTML and XML writers escape both quotes as well (PHP's htmlspecialchars, Java's
        // and .NET's attribute writers), each its own way (found by a thirty-sixth fresh
        // tester: `&lt;&amp;&gt;&quot;` was not masked).
        for (quote, apostrophe) in Self.markupQuotes {
            add {
                ValueEncodings.markupEscaped(value, quote: quote, apostrophe: apostrophe, into: $0)
            }
        }
        // XML writers' attributes, which also escape tab and line breaks, each its own way:
        // Go's encoding/xml, .NET's XmlWriter, Python's ElementTree (a value holding a tab
        // passed: found by a forty-sixth fresh tester).
        if value.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            for (quote, apostrophe, breaks) in Self.attributeWriters {
                add {
                    ValueEncodings.markupEscaped(
                        value, quote: quote, apostrophe: apostrophe, breaks: breaks, into: $0)
                }
            }
        }
        // Non-ASCII as character references, as XML writers with an ASCII output encoding
        // write text and attributes (ElementTree's default, Java's Transformer, libxml2;
        // a forty-ninth fresh tester found `&#233;` unmasked).
        // Each quote spelling too, and hex in either case (Python's html.escape with ASCII
        // output, `&#xe4;`: a fiftieth fresh tester).
        if value.contains(where: { $0 >= 0x80 }) {
            for references in ValueEncodings.ReferenceStyle.allCases {
                for (quote, apostrophe) in [("\"", "'")] + Self.markupQuotes {
                    add {
                        ValueEncodings.markupEscaped(
                            value, quote: quote, apostrophe: apostrophe, references: references,
                            into: $0)
                    }
                }
                for (_, _, breaks) in Self.attributeWriters.dropFirst() {
                    add {
                        ValueEncodings.markupEscaped(
                            value, quote: "&quot;", apostrophe: "'", breaks: breaks,
                            references: references, into: $0)
                    }
                }
            }
        }
        insertRenderedForms(of: value)
    }

    /// How markup writers spell `"` and `'` besides `&amp;`, `&lt;` and `&gt;`.
    private static let markupQuotes: [(quote: StaticString, apostrophe: StaticString)] = [
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

}
