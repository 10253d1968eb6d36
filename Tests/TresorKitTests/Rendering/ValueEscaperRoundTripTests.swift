import Foundation
import FoundationXML
import Testing

@testable import TresorKit

@Suite struct ValueEscaperRoundTripTests {
    static let values = RandomValues.make(count: 400, seed: 0x7E50_0001)
    static let outers: [EscapeContext.Outer] = [
        .xmlText, .cdata, .xmlAttribute(quote: 0x22), .xmlAttribute(quote: 0x27),
    ]

    @Test func jsonStringParsesBackToTheValue() throws {
        for value in Self.values {
            let output = WipedArray<UInt8>()
            ValueEscaper.jsonString(Array(value.utf8), into: output)
            let body = output.plainCopy
            #expect(Self.decodeJSON(body) == Array(value.utf8), "\(Self.debug(value))")
        }
    }

    @Test(arguments: outers, [EscapeContext.Inner.plainText, .jsonString])
    func xmlParsesBackToTheValue(_ outer: EscapeContext.Outer, _ inner: EscapeContext.Inner) {
        for value in Self.values {
            let bytes = Array(value.utf8)
            let context = EscapeContext(inner: inner, outer: outer)
            guard let escaped = try? ValueEscaper.escape(bytes, for: context).plainCopy else {
                #expect(Self.xmlCannotHold(value, inner), "\(Self.debug(value))")
                continue
            }
            #expect(!Self.xmlCannotHold(value, inner), "\(Self.debug(value))")
            var decoded = XMLReader.read(escaped, in: outer)
            if inner == .jsonString, let text = decoded { decoded = Self.decodeJSON(text) }
            #expect(decoded == bytes, "\(Self.debug(value))")
        }
    }

    /// The value of the JSON string literal whose body is `body`, as UTF-8.
    static func decodeJSON(_ body: [UInt8]) -> [UInt8]? {
        let literal = Data([0x22] + body + [0x22])
        let object = try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)
        return (object as? String).map { Array($0.utf8) }
    }

    /// True when XML 1.0 cannot hold `value` once `inner` has escaped it.
    static func xmlCannotHold(_ value: String, _ inner: EscapeContext.Inner) -> Bool {
        value.unicodeScalars.contains { scalar in
            scalar.value == 0xFFFE || scalar.value == 0xFFFF
                || (inner == .plainText && scalar.value < 0x20
                    && scalar != "\t" && scalar != "\n" && scalar != "\r")
        }
    }

    static func debug(_ value: String) -> String {
        value.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
    }
}
