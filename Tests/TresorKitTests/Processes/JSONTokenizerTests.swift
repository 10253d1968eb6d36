import Testing

@testable import TresorKit

@Suite struct JSONTokenizerTests {
    private func error(_ text: String) -> JSONSyntaxError? {
        error(Array(text.utf8))
    }

    private func error(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do throws(JSONSyntaxError) {
            _ = try JSONTokenizer.tokens(of: bytes)
            return nil
        } catch {
            return error
        }
    }

    /// After the value, a second value and a byte no value starts with are told apart.
    @Test func whatFollowsTheValueIsNamed() {
        #expect(error(#"{"a": 1} {"b": 2}"#)?.message == "more than one top-level value")
        #expect(error(#"{"a": 1}"# + "\u{0}")?.message.contains("byte 0x00") == true)
        #expect(error(#"{"a": 1}]"#)?.message.contains("byte 0x5D") == true)
        #expect(error(#"{"a": 1}  "#) == nil)
    }

    @Test func tracksPathsOfValues() throws {
        let text =
            #"{"payload": {"auth": {"password": "p"}}, "items": [1, 2, {"token": "t"}],"#
            + #" "x y": {"a\"b": true}}"#
        let tokens = try JSONTokenizer.tokens(of: Array(text.utf8))
        let strings = tokens.filter { $0.kind == .string }.map(\.path.description)
        #expect(strings == ["payload.auth.password", "items[2].token"])
        let literal = tokens.first { $0.kind == .literal }
        #expect(literal?.path.description == #"["x y"]["a\"b"]"#)
        #expect(tokens.filter { $0.kind == .key }.map(\.path.description).first == "payload")
    }

    @Test func decodesEscapesAndMapsThemBack() throws {
        let text = #"{"k": "a\u007B\n\uD83D\uDE00z"}"#
        let bytes = Array(text.utf8)
        let token = try #require(try JSONTokenizer.tokens(of: bytes).first { $0.kind == .string })
        let decoded = try #require(token.text)
        #expect(decoded.string == "a{\n😀z")
        let brace = decoded.sourceRange(of: 1..<2)
        #expect(String(decoding: bytes[brace], as: UTF8.self) == #"\u007B"#)
        #expect(String(decoding: bytes[token.contentSpan], as: UTF8.self).hasSuffix("z"))
    }

    @Test func acceptsBarePlaceholdersWhenTold() throws {
        let text = #"{"port": {{secret:PORT}}}"#
        let start = text.utf8.count - 16
        let tokens = try JSONTokenizer.tokens(
            of: Array(text.utf8), placeholders: [start..<(start + 15)])
        #expect(tokens.contains { $0.kind == .placeholder && $0.path.description == "port" })
        #expect(error(text) != nil)
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a":1,}"#, "// c\n1", "1 2", "01", "1.", "-", "tru", #"{"a" 1}"#,
        #""\x""#, "\"a\u{1}\"", #""\uD800""#, #""\uDC00\u0041""#, "[1}", "{1:2}", "'a'", "NaN",
    ])
    func refusesInvalidDocuments(_ text: String) {
        #expect(error(text) != nil)
    }

    @Test(arguments: [
        "0", "-0.5e+10", #""""#, "[]", "{}", " [ null , true , false ] ", #""é😀""#,
    ])
    func acceptsValidDocuments(_ text: String) {
        #expect(error(text) == nil)
    }

    @Test func refusesInvalidUTF8WithAPosition() {
        let bytes: [UInt8] = Array("[\n \"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        let problem = error(bytes)
        #expect(problem?.offset == 6)
        let finding = problem?.finding(path: "p/t.json", lines: LineIndex(bytes))
        #expect(finding?.location.description == "p/t.json:2:5")
        #expect(finding?.rule == .json)
    }

    @Test func deepAndWideDocumentsAreReadWhole() throws {
        // Each token shares the tokenizer's path storage instead of copying 500 components.
        let open = String(repeating: "[", count: 500)
        let close = String(repeating: "]", count: 500)
        let strings = Array(repeating: #""a""#, count: 200_000).joined(separator: ",")
        var count = 0
        var tokenizer = JSONTokenizer(Array((open + strings + close).utf8))
        while let token = try tokenizer.next() {
            if token.kind == .string { count += 1 }
        }
        #expect(count == 200_000)
        let document = JSONInputReader.read(
            bytes: Array((open + #""{{secret:A}}""# + close).utf8), path: "p/t.json")
        #expect(document.references.first?.fieldPath.hasSuffix("[0][0]") == true)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(error(deep)?.message.contains("512") == true)
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(error(fine) == nil)
    }
}
