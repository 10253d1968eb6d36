import Testing

@testable import TresorKit

/// `value` escaped by `layer`, as a string, or nil when it throws.
private func escaped(
    _ value: String, _ layer: ([UInt8]) throws(EscapeError) -> [UInt8]
) -> String? {
    guard let bytes = try? layer(Array(value.utf8)) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

private func inner(_ inner: EscapeContext.Inner) -> ([UInt8]) throws(EscapeError) -> [UInt8] {
    { value throws(EscapeError) in
        let output = WipedArray<UInt8>()
        try WipedArray(value).withUnsafeBytes { bytes throws(EscapeError) in
            try ValueEscaper.inner(bytes, for: inner, into: output)
        }
        return output.plainCopy
    }
}

private func outer(_ outer: EscapeContext.Outer) -> ([UInt8]) throws(EscapeError) -> [UInt8] {
    { value throws(EscapeError) in
        let output = WipedArray<UInt8>()
        try WipedArray(value).withUnsafeBytes { bytes throws(EscapeError) in
            try ValueEscaper.outer(bytes, for: outer, into: output)
        }
        return output.plainCopy
    }
}

@Suite struct ValueEscaperTests {
    // Columns: value, JSON string, FEEL string (nil: throws).
    @Test(
        arguments: [
            ("a\"b", "a\\\"b", "a\\\"b"),
            ("a\\b", "a\\\\b", "a\\\\b"),
            ("a\nb", "a\\nb", "a\\nb"),
            ("a\tb", "a\\tb", "a\\tb"),
            ("a\r\nb", "a\\r\\nb", "a\\r\\nb"),
            ("a\u{1}b", "a\\u0001b", nil),
            ("\u{8}\u{c}\u{1f}\u{7f}", "\\b\\f\\u001f\u{7f}", nil),
            ("😀é", "😀é", "😀é"),
            ("</a>&/", "</a>&/", "</a>&/"),
            ("]]>", "]]>", "]]>"),
        ] as [(String, String, String?)])
    func innerLayers(_ value: String, _ json: String, _ feel: String?) {
        #expect(escaped(value, inner(.plainText)) == value)
        #expect(escaped(value, inner(.jsonString)) == json)
        #expect(escaped(value, inner(.feelString)) == feel)
    }

    /// Every byte value, at every offset of a value longer than two words, is escaped as
    /// the rule says: the escaper looks at eight bytes at a time, so a byte to escape must
    /// be found wherever it falls in a word, and one just past it must not be.
    @Test func aJSONStringEscapesEachByteWhereverItIs() throws {
        func expected(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            for byte in bytes {
                switch byte {
                case 0x22, 0x5C: out += [0x5C, byte]
                case 0x08: out += Array(#"\b"#.utf8)
                case 0x0C: out += Array(#"\f"#.utf8)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
            return out
        }
        for byte in UInt8.min...UInt8.max {
            for offset in 0..<19 {
                var value = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                value[offset] = byte
                // A byte just above the bound, right after: never escaped.
                if offset + 1 < value.count { value[offset + 1] = 0x20 }
                let output = WipedArray<UInt8>()
                ValueEscaper.jsonString(value, into: output)
                #expect(output.plainCopy == expected(value), "byte \(byte) at \(offset)")
                let generic = WipedArray<UInt8>()
                ValueEscaper.jsonString(value.lazy.map { $0 }, into: generic)
                #expect(generic.plainCopy == expected(value), "byte \(byte) at \(offset)")
            }
        }
    }

    // Columns: value, XML text, CDATA, attribute in "..." (nil: throws).
    @Test(
        arguments: [
            ("a\"'b", "a\"'b", "a\"'b", "a&quot;'b"),
            ("a\\b", "a\\b", "a\\b", "a\\b"),
            ("a\nb", "a\nb", "a\nb", "a&#10;b"),
            ("a\tb", "a\tb", "a\tb", "a&#9;b"),
            ("a\r\nb", "a&#13;\nb", "a]]>&#13;<![CDATA[\nb", "a&#13;&#10;b"),
            ("a\u{1}b", nil, nil, nil),
            ("😀é", "😀é", "😀é", "😀é"),
            ("</a>&", "&lt;/a&gt;&amp;", "</a>&", "&lt;/a>&amp;"),
            ("]]>", "]]&gt;", "]]]]><![CDATA[>", "]]>"),
            ("x]]]>]]>", "x]]]&gt;]]&gt;", "x]]]]]><![CDATA[>]]]]><![CDATA[>", "x]]]>]]>"),
            ("\u{FFFE}", nil, nil, nil),
            // As references: read raw, XML 1.1 turns NEL and LINE SEPARATOR into line feeds
            // and refuses DEL and the other C1 controls (found by a twenty-eighth tester).
            (
                "a\u{85}b\u{2028}c", "a&#x85;b&#x2028;c",
                "a]]>&#x85;<![CDATA[b]]>&#x2028;<![CDATA[c", "a&#x85;b&#x2028;c"
            ),
            (
                "\u{7F}\u{80}\u{9F}", "&#x7f;&#x80;&#x9f;",
                "]]>&#x7f;<![CDATA[]]>&#x80;<![CDATA[]]>&#x9f;<![CDATA[", "&#x7f;&#x80;&#x9f;"
            ),
            ("\u{A0}\u{2029}", "\u{A0}\u{2029}", "\u{A0}\u{2029}", "\u{A0}\u{2029}"),
        ] as [(String, String?, String?, String?)])
    func outerLayers(_ value: String, _ text: String?, _ cdata: String?, _ attribute: String?) {
        #expect(escaped(value, outer(.none)) == value)
        #expect(escaped(value, outer(.xmlText)) == text)
        #expect(escaped(value, outer(.cdata)) == cdata)
        #expect(escaped(value, outer(.xmlAttribute(quote: 0x22))) == attribute)
    }

    /// The refusal names the character the value holds: U+FFFE, not U+FFBE (found by a
    /// forty-fifth fresh tester); U+FFBE and U+FFBF are characters and pass.
    @Test func aNonCharacterIsNamedByItsOwnCodePoint() {
        for (value, named) in [("a\u{FFFE}", "U+FFFE"), ("\u{FFFF}b", "U+FFFF")] {
            do {
                _ = try outer(.xmlText)(Array(value.utf8))
                Issue.record("\(named) passed")
            } catch {
                #expect(error.message.contains(named), "\(error.message)")
            }
        }
        #expect(escaped("\u{FFBE}\u{FFBF}", outer(.xmlText)) == "\u{FFBE}\u{FFBF}")
    }

    @Test func singleQuotedAttributeEscapesOnlyItsQuote() {
        #expect(escaped("a\"'b", outer(.xmlAttribute(quote: 0x27))) == "a\"&apos;b")
    }

    @Test func cdataSplitsAtTheEdgesOfTheValue() {
        #expect(escaped(">a", outer(.cdata)) == "]]><![CDATA[>a")
        #expect(escaped("]>a", outer(.cdata)) == "]]]><![CDATA[>a")
        #expect(escaped("a]", outer(.cdata)) == "a]]]><![CDATA[")
        #expect(escaped("", outer(.cdata)) == "")
    }

    @Test func escapeAppliesInnerThenOuter() throws {
        let context = EscapeContext(inner: .jsonString, outer: .xmlAttribute(quote: 0x22))
        let bytes = try ValueEscaper.escape(Array("\"<\n".utf8), for: context).plainCopy
        #expect(String(decoding: bytes, as: UTF8.self) == "\\&quot;&lt;\\n")
    }

    @Test func errorsNameTheContextAndCodePointButNotTheValue() {
        let context = EscapeContext(inner: .plainText, outer: .xmlText)
        #expect(throws: EscapeError.controlCharacterInXML(.xmlText, codePoint: 1)) {
            try ValueEscaper.escape(Array("hunter2\u{1}".utf8), for: context)
        }
        let error = EscapeError.unsupportedCharacter(.feelString, codePoint: 0x1B)
        #expect(error.message == "a FEEL string cannot hold the character U+001B")
        #expect(error.exitCode == .problems)
    }
}

@Suite struct ExpressionValueTests {
    @Test func valuesThatWouldBeEvaluatedAreRefusedWhereTheEngineEvaluates() throws {
        let evaluated = EscapeContext(
            inner: .plainText, outer: .xmlText, evaluatesExpressions: true)
        let zeebe = EscapeContext(inner: .plainText, outer: .xmlAttribute(quote: 0x22))
        for value in ["a${b}", "#{x}", "${"] {
            #expect(throws: EscapeError.expressionInValue) {
                try ValueEscaper.escape(Array(value.utf8), for: evaluated)
            }
            #expect(
                try ValueEscaper.escape(Array(value.utf8), for: zeebe).plainCopy
                    == Array(value.utf8))
        }
        #expect(
            try ValueEscaper.escape(Array("$ {".utf8), for: evaluated).plainCopy
                == Array("$ {".utf8))
    }
}
