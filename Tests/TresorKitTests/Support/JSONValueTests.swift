import Foundation
import Testing

@testable import TresorKit

/// `JSONValue` writes what `JSONSerialization` writes with Tresor's `--json` options,
/// byte for byte: layout, key order, empty containers, and string escapes.
@Suite struct JSONValueTests {
    private func foundation(_ value: JSONValue) -> Any {
        switch value {
        case .string(let text): text
        case .integer(let number): number
        case .bool(let flag): flag
        case .array(let elements): elements.map(foundation)
        case .object(let members):
            Dictionary(members.map { ($0.key, foundation($0.value)) }) { first, _ in first }
        }
    }

    private func serialized(_ value: JSONValue) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: foundation(value),
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private func written(_ value: JSONValue) -> String {
        String(decoding: value.text(), as: UTF8.self)
    }

    @Test func everyASCIICharacterAndSomeUnicodeAreEscapedAsFoundationDoes() throws {
        var text = String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })
        text += "é€😀\u{2028}\u{2029}\u{FEFF}\u{85} a/b \\ \"q\""
        let value = JSONValue.array([.string(text), .string(""), .string("/")])
        #expect(written(value) == (try serialized(value)))
    }

    @Test func nestedAndEmptyContainersAndNumbersAreLaidOutAsFoundationDoes() throws {
        let value = JSONValue.object([
            ("zeta", .array([])), ("alpha", .object([])), ("mid", .integer(-42)),
            ("big", .integer(Int.max)), ("yes", .bool(true)), ("no", .bool(false)),
            (
                "list",
                .array([
                    .object([("b", .string("x")), ("a", .array([.integer(0), .array([])]))]),
                    .object([]),
                ])
            ),
        ])
        #expect(written(value) == (try serialized(value)))
    }

    @Test func aValueWrittenDeeperIndentsItsInnerLinesOnly() {
        let value = JSONValue.object([("k", .array([.integer(1)]))])
        #expect(written(value) == "{\n  \"k\" : [\n    1\n  ]\n}")
        #expect(
            String(decoding: value.text(level: 2), as: UTF8.self)
                == "{\n      \"k\" : [\n        1\n      ]\n    }")
    }
}
