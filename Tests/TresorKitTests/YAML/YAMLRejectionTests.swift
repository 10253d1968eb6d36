import Testing

@testable import TresorKit

@Suite struct YAMLRejectionTests {
    static let canary = YAMLTestSupport.canary

    /// Asserts `bytes` are refused with `expected`, whose message gives the position and
    /// never the canary.
    func expectRejection(
        _ bytes: [UInt8], _ expected: YAMLError, limit: Int = 1 << 20,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = YAMLTestSupport.rejection(bytes, limit: limit)
        #expect(error == expected, sourceLocation: sourceLocation)
        guard let error else { return }
        #expect(!error.message.contains(Self.canary), sourceLocation: sourceLocation)
        #expect(!error.message.contains("4242"), sourceLocation: sourceLocation)
        if let mark = expected.mark {
            #expect(
                error.message.hasPrefix("\(mark.line):\(mark.column): "),
                sourceLocation: sourceLocation)
        }
        #expect(error.exitCode == .vault, sourceLocation: sourceLocation)
    }

    func expectRejection(
        _ text: String, _ expected: YAMLError,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        expectRejection(Array(text.utf8), expected, sourceLocation: sourceLocation)
    }

    func at(_ line: Int, _ column: Int) -> YAMLMark { YAMLMark(line: line, column: column) }

    @Test func refusesAliases() {
        expectRejection("a: \(Self.canary)\nb: *\(Self.canary)\n", .alias(at(2, 4)))
    }

    @Test func refusesAnchors() {
        expectRejection("a: &\(Self.canary) x\nb: *\(Self.canary)\n", .anchor(at(1, 4)))
        expectRejection("a:\n  - &x [\(Self.canary)]\n", .anchor(at(2, 5)))
    }

    @Test(arguments: ["!!binary", "!foo", "!", "!!str", "!<tag:yaml.org,2002:str>"])
    func refusesTags(_ tag: String) {
        expectRejection("a: 1\nb: \(tag) \(Self.canary)\n", .tag(at(2, 4)))
    }

    @Test func refusesDuplicateKeys() {
        expectRejection(
            "\(Self.canary): 1\nb: 2\n\(Self.canary): 3\n",
            .duplicateKey(key: nil, at(3, 1)))
        expectRejection("a:\n  x: \(Self.canary)\n  \"x\": 2\n", .duplicateKey(key: "x", at(3, 3)))
        let message = YAMLTestSupport.rejection("name: 1\nname: 2\n")?.message
        #expect(message == "2:1: duplicate key \"name\" in mapping")
        let long = String(repeating: "k", count: 33)
        #expect(
            YAMLTestSupport.rejection("\(long): 1\n\(long): 2\n")?.message.contains(long)
                == false)
    }

    @Test func refusesNonScalarKeys() {
        expectRejection("? [a, b]\n: \(Self.canary)\n", .nonScalarKey(at(1, 3)))
        expectRejection("x: 1\n? {a: \(Self.canary)}\n: 2\n", .nonScalarKey(at(2, 3)))
    }

    @Test func refusesMergeKey() {
        expectRejection("base: 1\n<<: \(Self.canary)\n", .mergeKey(at(2, 1)))
    }

    @Test func refusesSecondDocument() {
        expectRejection("a: \(Self.canary)\n---\nb: 2\n", .multipleDocuments(at(2, 1)))
        expectRejection("--- 1\n--- \(Self.canary)\n", .multipleDocuments(at(2, 1)))
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "---\n...\n", "\u{FEFF}", "\n\n"])
    func refusesEmptyInput(_ text: String) {
        expectRejection(text, .empty)
    }

    @Test func refusesInvalidUTF8() {
        let prefix = Array("a: \(Self.canary)\nb: ".utf8)
        expectRejection(prefix + [0xFF], .invalidUTF8(at(2, 4)))
        expectRejection(prefix + [0xC0, 0x80], .invalidUTF8(at(2, 4)))
        expectRejection(prefix + [0xED, 0xA0, 0x80], .invalidUTF8(at(2, 4)))
        expectRejection(prefix + Array("é".utf8) + [0xE2, 0x82], .invalidUTF8(at(2, 6)))
    }

    @Test func refusesNulBytes() {
        expectRejection(Array("a: 1\nb: \(Self.canary)".utf8) + [0], .nulByte(at(2, 21)))
    }

    @Test func refusesTooLargeInput() {
        let bytes = Array("a: \(Self.canary)\n".utf8)
        expectRejection(bytes, .tooLarge(size: bytes.count, limit: 10), limit: 10)
    }

    @Test func refusesTooDeepNesting() {
        let depth = YAMLReader.maximumDepth + 1
        let text =
            String(repeating: "[", count: depth) + Self.canary
            + String(repeating: "]", count: depth)
        expectRejection(text, .tooDeep(at(1, depth)))
    }

    @Test func refusesTabIndentation() throws {
        let error = try #require(YAMLTestSupport.rejection("a:\n\tb: \(Self.canary)\n"))
        guard case .syntax(_, _, let mark) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(mark == at(2, 1))
        #expect(!error.message.contains(Self.canary))
        #expect(error.message.hasPrefix("2:1: invalid YAML: "))
    }

    @Test func refusesUnclosedQuote() throws {
        let error = try #require(YAMLTestSupport.rejection("a: \"\(Self.canary)\nb: 2\n"))
        guard case .syntax(let problem, let context, let mark) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(problem == "found unexpected end of stream")
        #expect(context == "while scanning a quoted scalar")
        #expect(mark == at(3, 1))
        #expect(!error.message.contains(Self.canary))
    }

    @Test func refusesControlCharacters() {
        let error = YAMLTestSupport.rejection("a: 1\nb: \u{1}\(Self.canary)\n")
        #expect(error?.mark == at(2, 4))
        #expect(error?.message.contains(Self.canary) == false)
    }
}
