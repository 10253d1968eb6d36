import Foundation
import Testing

@testable import TresorKit

/// The references' byte ranges and contexts are right if replacing each range with the value
/// escaped for its context gives a well-formed file whose inputs read back as the value.
@Suite struct ReferenceRoundTripTests {
    static let value = "a\"b'<c>&d]]>e\\f\n\tg €"

    static let document = BPMNFixture.definitions(
        BPMNFixture.c7Task(
            """
            <camunda:inputOutput>
            <camunda:inputParameter name="text">x{{secret:V}}y</camunda:inputParameter>
            <camunda:inputParameter name="entity">x&#123;{secret:V}&#125;y</camunda:inputParameter>
            <camunda:inputParameter name="cdata"><![CDATA[x{{secret:V}}y]]><!--
            --></camunda:inputParameter>
            <camunda:inputParameter name="json">{"auth": {"password": "{{secret:V}}"}}
            </camunda:inputParameter>
            </camunda:inputOutput>
            """)
            + BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping>
                <zeebe:input source="= &quot;Bearer {{secret:V}}&quot;" target="feel"/>
                <zeebe:input source='x{{secret:V}}y' target="attribute"/>
                </zeebe:ioMapping>
                """))

    private func render(_ bytes: [UInt8]) throws -> [UInt8] {
        let document = BPMNReader.read(bytes: bytes, path: "r.bpmn")
        #expect(document.findings.isEmpty)
        #expect(document.references.count == 6)
        var out = bytes
        for reference in document.references.sorted(by: {
            $0.sourceRange.lowerBound > $1.sourceRange.lowerBound
        }) {
            let escaped = try ValueEscaper.escape(Array(Self.value.utf8), for: reference.context)
                .plainCopy
            out.replaceSubrange(reference.sourceRange, with: escaped)
        }
        return out
    }

    /// Decoded input texts of `bytes` by parameter.
    private func inputs(_ bytes: [UInt8]) throws -> [String: String] {
        var walker = BPMNWalker(bytes, readsEveryText: true)
        var found: [String: String] = [:]
        try walker.walk { site in
            if case .input(let parameter, _, _) = site.place {
                found[parameter] = site.text.string
            }
        }
        return found
    }

    @Test func renderedInputsReadBackAsTheValue() throws {
        let rendered = try render(Array(Self.document.utf8))
        let reread = BPMNReader.read(bytes: rendered, path: "r.bpmn")
        #expect(reread.findings.isEmpty && reread.references.isEmpty)
        let found = try inputs(rendered)
        for name in ["text", "entity", "cdata", "attribute"] {
            #expect(found[name] == "x\(Self.value)y", "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data((found["json"] ?? "").utf8))
        let auth = (json as? [String: Any])?["auth"] as? [String: Any]
        #expect(auth?["password"] as? String == Self.value)
        let feel = Array((found["feel"] ?? "").utf8)
        let literal = try #require(FEELStringLiterals.contents(of: feel).first)
        let unescaped = String(decoding: feel[literal], as: UTF8.self)
            .replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(
                of: "\\t", with: "\t"
            )
            .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(
                of: "\\\\", with: "\\")
        #expect(unescaped == "Bearer \(Self.value)")
    }
}
