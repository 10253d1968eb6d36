import Foundation
import FoundationXML
import Testing

@testable import TresorKit

/// The whole path of a value, from the vault through placeholder, context and escaping into
/// a rendered file, checked by real parsers: whatever the value holds, JSONSerialization and
/// XMLParser must read back exactly its bytes from every place it landed.
@Suite struct RenderRoundTripTests {
    static let template = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
        xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">\r
          <bpmn:process id="p" isExecutable="true">
            <bpmn:serviceTask id="c7">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="text">a {{secret:VALUE}} b</camunda:inputParameter>
                  <camunda:inputParameter name="payload"><![CDATA[{"v": "{{secret:VALUE}}"}]]></camunda:inputParameter>
                  <camunda:inputParameter name="cdata"><![CDATA[{{secret:VALUE}}]]></camunda:inputParameter>
                  <camunda:inputParameter name="xmltext"><![CDATA[<inputParameter name="v">{{secret:VALUE}}</inputParameter>]]></camunda:inputParameter>
                  <camunda:inputParameter name="xmlattr">&lt;input target="v" source='{{secret:VALUE}}'/&gt;</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="c8">
              <bpmn:extensionElements>
                <zeebe:ioMapping>
                  <zeebe:input source="{{secret:VALUE}}" target="plain" />
                  <zeebe:input source='="{{secret:VALUE}}"' target="feel" />
                </zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """

    @Test func randomValuesSurviveEveryContextByteForByte() throws {
        let temporary = try TemporaryVault()
        let key = try temporary.key()
        let name = try SecretName("VALUE")
        try temporary.create("VALUE", "fake-initial")
        // NUL and empty values cannot be stored at all (refused at create time).
        let values =
            RandomValues.make(count: 150, seed: 20_261_204).map {
                "v" + $0.replacingOccurrences(of: "\u{0}", with: "0")
            } + ["fake ${7*7}", "fake #{x}", "fake $ { } # {"]
        for value in values {
            _ = try temporary.vault.edit(
                name, displayName: nil, type: nil, value: SecretBytes(Array(value.utf8)),
                environment: temporary.environment)
            let resolver = ValueResolver(vault: temporary.vault, key: key)
            try checkBPMN(value, resolver: resolver)
            try checkJSON(value, resolver: resolver)
        }
    }

    /// A secret whose file goes after the check (a delete meanwhile) is "secret not found"
    /// naming process, task and field, not a bare name (found by a forty-fourth fresh
    /// tester).
    @Test func aSecretGoneAfterTheCheckIsNamedWhereItIsUsed() throws {
        let temporary = try TemporaryVault()
        try temporary.create("VALUE", "fake-soon-gone")
        let resolver = ValueResolver(vault: temporary.vault, key: try temporary.key())
        let source = Array(Self.template.utf8)
        let document = BPMNReader.read(bytes: source, path: "p.bpmn")
        #expect(DocumentRenderer.problems(in: document, exists: resolver.exists).isEmpty)
        try FileManager.default.removeItem(atPath: temporary.vault.path(of: SecretName("VALUE")))
        do {
            _ = try DocumentRenderer.render(source, document, resolver: resolver)
            Issue.record("rendered without the secret")
        } catch {
            #expect(error.findings.first?.rule == .unknownSecret, "\(error.message)")
            #expect(
                error.findings.first?.message.contains("process p, task c7") == true,
                "\(error.findings.map(\.message))")
        }
    }

    /// A value XML cannot hold blocks the file, and every place it would land is named.
    @Test func everyUnsafePlaceOfAFileIsReported() throws {
        let temporary = try TemporaryVault()
        try temporary.create("VALUE", "fake-\u{1}-control")
        let resolver = ValueResolver(vault: temporary.vault, key: try temporary.key())
        let source = Array(Self.template.utf8)
        let document = BPMNReader.read(bytes: source, path: "p.bpmn")
        do {
            _ = try DocumentRenderer.render(source, document, resolver: resolver)
            Issue.record("a control character was written into XML")
        } catch {
            // Six of the seven places; the JSON payload escapes it as \u0001.
            #expect(error.findings.count == 6)
            #expect(error.findings.allSatisfy { $0.rule == .unsafeValue })
            #expect(Set(error.findings.map(\.location.line)).count == 6)
            #expect(!error.findings.contains { $0.message.contains("fake") })
            #expect(error.hint?.contains("cannot see this") == true)
        }
    }

    /// A value may not join the text next to it into an expression: `$` before `{` (also
    /// across a CDATA edge or before another placeholder), `{` after `$` or `#` in Camunda
    /// 7, `=` at the start of a Zeebe value (found by a fresh tester). Text between them,
    /// or a FEEL string, keeps them apart.
    @Test func valuesThatWouldMakeAnExpressionWithTheirNeighboursAreRefused() throws {
        let temporary = try TemporaryVault()
        for (name, value) in [
            ("DOLLAR_END", "fake-pass$"), ("BRACE_START", "{fake-b}"), ("EQUALS", " =fake-eq"),
            ("SPACES", "   "), ("BACKSLASH_END", "fake-bs\\"),
        ] {
            try temporary.create(name, value)
        }
        let resolver = ValueResolver(vault: temporary.vault, key: try temporary.key())
        func render(_ c7: String, _ zeebe: String) throws -> [Int] {
            let source = Array(
                BPMNFixture.definitions(
                    """
                    <bpmn:serviceTask id="c7"><bpmn:extensionElements>
                    <camunda:inputOutput>\(c7)</camunda:inputOutput>
                    </bpmn:extensionElements></bpmn:serviceTask>
                    <bpmn:serviceTask id="c8"><bpmn:extensionElements>
                    <zeebe:ioMapping>\(zeebe)</zeebe:ioMapping>
                    </bpmn:extensionElements></bpmn:serviceTask>
                    """
                ).utf8)
            let document = BPMNReader.read(bytes: source, path: "p.bpmn")
            #expect(document.findings.isEmpty, "\(document.findings)")
            do {
                _ = try DocumentRenderer.render(source, document, resolver: resolver)
                return []
            } catch {
                #expect(!error.findings.contains { $0.message.contains("fake") })
                return error.findings.map(\.location.line)
            }
        }
        func parameter(_ text: String) -> String {
            "\n<camunda:inputParameter name=\"x\">\(text)</camunda:inputParameter>"
        }
        let c7Cases = [
            "{{secret:DOLLAR_END}}{x}", "{{secret:DOLLAR_END}}<![CDATA[{x}]]>",
            "{{secret:DOLLAR_END}}{{secret:BRACE_START}}",
            // JUEL reads `\${` as an escaped `${` (found by a thirty-fourth tester).
            "{{secret:BACKSLASH_END}}${execution.id}", "{{secret:BACKSLASH_END}}#{x}",
        ]
        // (`${{secret:X}}` is refused when read: the placeholder stands in an expression.)
        for text in c7Cases {
            #expect(try render(parameter(text), "").count == 1, "\(text)")
        }
        for text in [
            "{{secret:DOLLAR_END}} {x}", "x {{secret:BRACE_START}}",
            "{{secret:BACKSLASH_END}} ${execution.id}",
        ] {
            #expect(try render(parameter(text), "").isEmpty, "\(text)")
        }
        func input(_ source: String) -> String {
            "\n<zeebe:input source=\"\(source)\" target=\"t\"/>"
        }
        #expect(try render("", input("{{secret:EQUALS}}")).count == 1)
        #expect(try render("", input(" {{secret:EQUALS}}")).count == 1)
        #expect(try render("", input("x{{secret:EQUALS}}")).isEmpty)
        // White space from another value counts as white space (found by a second tester).
        #expect(try render("", input("{{secret:SPACES}}{{secret:EQUALS}}")).count == 1)
        #expect(try render("", input("{{secret:SPACES}} =x")).count == 1)
        #expect(try render("", input("{{secret:SPACES}}x")).isEmpty)
        #expect(try render("", input("=&quot;{{secret:EQUALS}}&quot;")).isEmpty)
        // Zeebe evaluates no `${`: a value ending in `$` before `{` is fine there.
        #expect(try render("", input("{{secret:DOLLAR_END}}{x}")).isEmpty)
        #expect(try render("", input("{{secret:BACKSLASH_END}}${x}")).isEmpty)
    }

    private func checkBPMN(_ value: String, resolver: ValueResolver) throws {
        let source = Array(Self.template.utf8)
        let document = BPMNReader.read(bytes: source, path: "p.bpmn")
        #expect(DocumentRenderer.problems(in: document, exists: { _ in true }).isEmpty)
        #expect(document.references.count == 7)
        // Refused: what XML cannot hold, and `${` / `#{`, which Camunda 7 would evaluate.
        let xmlUnsafe =
            value.unicodeScalars.contains {
                ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value))
                    || $0.value == 0xFFFE || $0.value == 0xFFFF
            } || value.contains("${") || value.contains("#{")
        let rendered: [UInt8]
        do {
            rendered = try DocumentRenderer.render(source, document, resolver: resolver).plainCopy
        } catch {
            #expect(xmlUnsafe, "unexpected refusal: \(error.message)")
            return
        }
        #expect(!xmlUnsafe, "a value XML cannot hold was written")
        let read = try XMLValues.parse(Data(rendered))
        let bytes = Array(value.utf8)
        #expect(Array(read.text["text"]!.utf8) == Array("a \(value) b".utf8))
        #expect(Array(read.text["cdata"]!.utf8) == bytes)
        let payload = try JSONSerialization.jsonObject(with: Data(read.text["payload"]!.utf8))
        #expect(((payload as? [String: String])?["v"]).map { Array($0.utf8) } == bytes)
        // An XML payload is a document of its own: its text and attributes read back too
        // (found by a thirty-fourth fresh tester: a value wrote markup into it).
        let text = try XMLValues.parse(Data(read.text["xmltext"]!.utf8))
        #expect(text.text["v"].map { Array($0.utf8) } == bytes)
        let attribute = try XMLValues.parse(Data(read.text["xmlattr"]!.utf8))
        #expect(attribute.attributes["v"].map { Array($0.utf8) } == bytes)
        #expect(read.attributes["plain"].map { Array($0.utf8) } == bytes)
        #expect(read.attributes["feel"].map { Array(FEEL.unquote($0).utf8) } == bytes)
        // Only the placeholders changed: the CR after the root tag is still there.
        #expect(rendered.contains(0x0D))
    }

    private func checkJSON(_ value: String, resolver: ValueResolver) throws {
        let source = Array(#"{"a": "x{{secret:VALUE}}y", "b": "\u0041"}"#.utf8)
        let document = JSONInputReader.read(bytes: source, path: "p/t.json")
        let rendered = try DocumentRenderer.render(source, document, resolver: resolver).plainCopy
        let object = try JSONSerialization.jsonObject(with: Data(rendered)) as? [String: String]
        #expect(object?["a"].map { Array($0.utf8) } == Array("x\(value)y".utf8))
        #expect(String(decoding: rendered, as: UTF8.self).hasSuffix(#""b": "\u0041"}"#))
    }
}

/// Reads a FEEL string literal's content back, as a FEEL engine would.
enum FEEL {
    static func unquote(_ expression: String) -> String {
        var scalars = Array(expression.unicodeScalars)
        guard scalars.first == "=", scalars.count >= 3 else { return expression }
        scalars = Array(scalars[2..<(scalars.count - 1)])
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            var scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                index += 1
                switch scalars[index] {
                case "n": scalar = "\n"
                case "r": scalar = "\r"
                case "t": scalar = "\t"
                default: scalar = scalars[index]
                }
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }
}

/// Input parameter texts and Zeebe input sources of a rendered file, read with XMLParser.
final class XMLValues: NSObject, XMLParserDelegate {
    var text: [String: String] = [:]
    var attributes: [String: String] = [:]
    private var current: String?
    private var ended = false

    static func parse(_ data: Data) throws -> XMLValues {
        let values = XMLValues()
        let parser = XMLParser(data: data)
        parser.delegate = values
        let parsed = parser.parse()
        guard parsed, parser.parserError == nil, values.ended else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return values
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String]
    ) {
        if element.hasSuffix("inputParameter") { current = attributes["name"] }
        if element.hasSuffix("input"), let target = attributes["target"] {
            self.attributes[target] = attributes["source"]
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, foundCDATA data: Data) {
        if let current { text[current, default: ""] += String(decoding: data, as: UTF8.self) }
    }

    func parser(
        _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        if element.hasSuffix("inputParameter") { current = nil }
    }

    func parserDidEndDocument(_ parser: XMLParser) { ended = true }
}
