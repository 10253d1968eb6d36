import Testing

@testable import TresorKit

@Suite struct YAMLReaderTests {
    @Test func readsMappingsSequencesAndStyles() throws {
        let text = """
            plain: text
            single: 'it''s'
            double: "a\\tb"
            literal: |
              one
              two
            folded: >
              one
              two
            nested:
              list: [a, 'b']
            quoted "<<": ok
            """
        let mapping = try #require(try YAMLTestSupport.parse(text).mapping)
        #expect(
            mapping.keys == [
                "plain", "single", "double", "literal", "folded", "nested",
                "quoted \"<<\"",
            ])
        #expect(
            mapping["plain"]?.scalar
                == YAMLScalar(
                    text: "text", style: .plain,
                    mark: YAMLMark(line: 1, column: 8)))
        #expect(mapping["single"]?.scalar?.style == .singleQuoted)
        #expect(mapping["single"]?.scalar?.text == "it's")
        #expect(mapping["double"]?.scalar?.text == "a\tb")
        #expect(mapping["literal"]?.scalar?.style == .literal)
        #expect(mapping["literal"]?.scalar?.text == "one\ntwo\n")
        #expect(mapping["folded"]?.scalar?.text == "one two\n")
        #expect(mapping["missing"] == nil)
        guard case .sequence(let items, let mark)? = mapping["nested"]?.mapping?["list"] else {
            Issue.record("expected a sequence")
            return
        }
        #expect(items.map { $0.scalar?.text } == ["a", "b"])
        #expect(mark == YAMLMark(line: 11, column: 9))
    }

    @Test func acceptsQuotedMergeKey() throws {
        let mapping = try YAMLTestSupport.parse("'<<': x\n").mapping
        #expect(mapping?.keys == ["<<"])
    }

    @Test func acceptsByteOrderMark() throws {
        let mapping = try #require(try YAMLTestSupport.parse("\u{FEFF}a: 1\nb: x\n").mapping)
        #expect(mapping.keys == ["a", "b"])
        #expect(mapping.entry("a")?.key.mark == YAMLMark(line: 1, column: 4))
        #expect(mapping.entry("b")?.key.mark == YAMLMark(line: 2, column: 1))
    }

    @Test func acceptsCRLF() throws {
        let text = "a: 1\r\nb: \"x\r\n  y\"\r\nc: |\r\n  z\r\n"
        let mapping = try #require(try YAMLTestSupport.parse(text).mapping)
        #expect(mapping.keys == ["a", "b", "c"])
        #expect(mapping["b"]?.scalar?.text == "x y")
        #expect(mapping["c"]?.scalar?.text == "z\n")
        #expect(mapping["c"]?.mark == YAMLMark(line: 4, column: 4))
    }

    @Test func countsColumnsInBytes() {
        #expect(YAMLTestSupport.rejection("é: *a\n") == .alias(YAMLMark(line: 1, column: 5)))
        let crlf = YAMLTestSupport.rejection("x: 😀\r\nb: *x\r\n")
        #expect(crlf == .alias(YAMLMark(line: 2, column: 4)))
    }

    @Test func acceptsExplicitDocumentMarkers() throws {
        let node = try YAMLTestSupport.parse("---\na: 1\n...\n")
        #expect(node.mapping?.keys == ["a"])
    }

    @Test func acceptsInputAtTheSizeLimit() throws {
        let bytes = Array("a: 1\n".utf8)
        #expect(throws: Never.self) { try YAMLReader.parse(bytes, maximumBytes: bytes.count) }
    }

    @Test func acceptsNestingUpToTheDepthLimit() throws {
        let depth = YAMLReader.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try YAMLTestSupport.parse(text) }
    }
}
