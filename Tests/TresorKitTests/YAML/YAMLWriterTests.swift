import Testing

@testable import TresorKit

@Suite struct YAMLWriterTests {
    /// Words other YAML readers would resolve to booleans, nulls, numbers or dates.
    static let resolvable = [
        "", "no", "yes", "On", "OFF", "y", "N", "true", "False", "~", "null", "NULL",
        "0123", "0x1F", "0o17", "0b101", "1_000", ".5", "-.5", "+1", "-1", "1e3", "3.14",
        ".inf", "-.Inf", ".NaN", "12:30", "1:20:30", "2024-01-01", "2024-01-01T10:00:00Z",
        "-", "---", "...", "=", "<<",
    ]

    /// Strings that are awkward for a YAML writer in other ways.
    static let awkward = [
        "- a", "a: b", "a:", "#x", "a #b", " lead", "trail ", "\"q\"", "'s'", "back\\slash",
        "line1\nline2", "crlf\r\n", "cr\rx", "\t", "tab\tin", "\u{1}", "\u{7F}", "\u{0}",
        "emoji 😀", "é", "日本語", "\u{85}nel", "ls\u{2028}ps\u{2029}", "\u{FEFF}bom",
        "]]>", "{{secret:X}}", "[a]", "{a: 1}", "*alias", "&anchor", "!tag", "%dir", "@at",
        "`tick", "|", ">", "?", "? x", "a,b", "trailing\n", "\n", "  ", "multi\n\nblank",
        String(repeating: "x", count: 5000), String(repeating: "ab ", count: 2000),
    ]

    /// Strings the writer should leave plain.
    static let plain = [
        "FTP_PASSWORD", "tresor:v1:0123456789abcdef:AAAA+/==", "user@example.com",
        "path/to.file", "a-b", "_x", "+x", "/root", "a:b", "x=y", "yess", "nope", "onion",
    ]

    @Test(arguments: resolvable + awkward + plain)
    func roundTripsStrings(_ text: String) throws {
        let scalar = try #require(try YAMLTestSupport.roundTrip(text))
        #expect(scalar.text == text)
    }

    @Test(arguments: resolvable)
    func quotesResolvableWords(_ text: String) throws {
        #expect(!YAMLWriter.isPlainSafe(text))
        #expect(try YAMLTestSupport.roundTrip(text)?.style == .doubleQuoted)
    }

    @Test(arguments: plain)
    func leavesSafeWordsPlain(_ text: String) throws {
        #expect(YAMLWriter.isPlainSafe(text))
        #expect(try YAMLTestSupport.roundTrip(text)?.style == .plain)
    }

    @Test(arguments: resolvable + awkward + plain)
    func roundTripsKeys(_ text: String) throws {
        let bytes = try YAMLWriter.document([.init(key: text, value: .string("x"))])
        let mapping = try #require(try YAMLReader.parse(bytes).mapping)
        #expect(mapping.keys == [text])
    }

    @Test(.enabled(if: PyYAML.isAvailable, "PyYAML is not importable from python3; skipped"))
    func pyYAMLReadsTheSameStrings() throws {
        let texts = Self.resolvable + Self.awkward + Self.plain
        let entries = texts.enumerated().map {
            YAMLWriter.Entry(key: "k\($0.offset)", value: .string($0.element))
        }
        let loaded = try #require(try PyYAML.load(YAMLWriter.document(entries)))
        for (offset, text) in texts.enumerated() {
            #expect(loaded["k\(offset)"] == text, "value \(offset)")
        }
    }

    @Test func writesBlockMappingInOrder() throws {
        let entries: [YAMLWriter.Entry] = [
            .init(key: "name", value: .string("FTP")),
            .init(key: "value", value: .string("no")),
            .init(key: "count", value: .integer(-42)),
            .init(
                key: "meta",
                value: .mapping([
                    .init(key: "b", value: .string("")),
                    .init(key: "a", value: .integer(7)),
                ])),
            .init(key: "none", value: .mapping([])),
        ]
        let text = String(decoding: try YAMLWriter.document(entries), as: UTF8.self)
        #expect(
            text == "name: FTP\nvalue: \"no\"\ncount: -42\nmeta:\n  b: \"\"\n  a: 7\nnone: {}\n")
    }

    @Test func writesUnicodeUnescapedAndLongLinesUnfolded() throws {
        let long = String(repeating: "word ", count: 100) + "é"
        let bytes = try YAMLWriter.document([.init(key: "value", value: .string(long))])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "value: \"\(long)\"\n")
    }

    @Test func isDeterministicAndKeepsUnchangedLines() throws {
        func document(_ value: String) throws -> [Substring] {
            let entries: [YAMLWriter.Entry] = [
                .init(key: "a", value: .string("one two")),
                .init(key: "b", value: .string(value)),
                .init(key: "c", value: .mapping([.init(key: "d", value: .string("0x1F"))])),
            ]
            let bytes = try YAMLWriter.document(entries, header: "header")
            #expect(bytes == (try YAMLWriter.document(entries, header: "header")))
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        }
        let before = try document("old")
        let after = try document("new\nvalue")
        #expect(before.count == after.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(changed.map(\.offset) == [2])
    }

    @Test func endsWithOneNewlineAndNoMarkers() throws {
        let bytes = try YAMLWriter.document([.init(key: "a", value: .string("trailing\n"))])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        #expect(!text.contains("---") && !text.contains("..."))
    }

    @Test func prefixesHeaderLinesAsComments() throws {
        let header = "Tresor vault\n# kept\n\nsneaky\rkey: x\u{2028}other: y\u{1}\n"
        let entries: [YAMLWriter.Entry] = [.init(key: "a", value: .integer(1))]
        let bytes = try YAMLWriter.document(entries, header: header)
        let text = String(decoding: bytes, as: UTF8.self)
        let expected = "# Tresor vault\n# kept\n#\n# sneaky\n# key: x\n# other: y\u{FFFD}\na: 1\n"
        #expect(text == expected)
        #expect(try YAMLReader.parse(bytes).mapping?.keys == ["a"])
    }
}
