import Testing

@testable import TresorKit

/// Output names from hostile ids, field paths read back, input trees as JSON.
@Suite struct DeployNamingTests {
    @Test(arguments: [
        ("plain-Id_1.x", "plain-Id_1.x"), ("..", "%2E."), (".hidden", "%2Ehidden"),
        ("a/b", "a%2Fb"), ("", "%"), ("%", "%25"), ("ä", "%C3%A4"), ("a b", "a%20b"),
    ])
    func outputNamesAreOneSafeComponent(_ text: String, _ expected: String) {
        #expect(OutputName.component(text) == expected)
    }

    @Test func outputNamesAreOneToOne() {
        let inputs = ["a", "A", "a.", ".a", "%2Ea", "a/", "a%2F", "", "%", "..", "."]
        let names = inputs.map(OutputName.component)
        #expect(Set(names).count == inputs.count)
        #expect(names.allSatisfy { !$0.contains("/") && $0 != "." && $0 != ".." })
    }

    /// `validate` and the hook report an id whose output file name would pass 255 bytes
    /// (deploy stopped at it with exit 6, after validate had passed; found by a fresh
    /// tester): once per name, at its first placeholder, never for one at the limit.
    @Test func idsTooLongForAFileNameAreReportedOnce() {
        for text in ["", ".a", "ä b", "plain", String(repeating: "é", count: 40)] {
            #expect(OutputName.length(of: text) == OutputName.component(text).utf8.count)
        }
        let longTask = String(repeating: "é", count: 43)  // 258 bytes as %XX
        let fits = String(repeating: "p", count: 250)  // 255 bytes with .json
        let tooLong = String(repeating: "q", count: 251)
        func input(_ parameter: String) -> String {
            #"<zeebe:input source="{{secret:CRM_TOKEN}}" target="\#(parameter)"/>"#
        }
        let xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
              <bpmn:process id="p"><bpmn:serviceTask id="\(longTask)">
                <bpmn:extensionElements><zeebe:ioMapping>
                  \(input(fits))\(input(tooLong))\(input(tooLong))
                </zeebe:ioMapping></bpmn:extensionElements>
              </bpmn:serviceTask></bpmn:process>
            </bpmn:definitions>
            """
        let document = BPMNReader.read(bytes: Array(xml.utf8), path: "x.bpmn")
        #expect(document.references.count == 3)
        let findings = OutputName.findings(in: document)
        #expect(findings.map(\.rule) == [.outputName, .outputName], "\(findings)")
        #expect(findings.first?.message.contains("task id") == true)
        #expect(findings.last?.message.contains("parameter name") == true)
        #expect(findings.last?.message.contains("256 bytes") == true, "\(findings)")
        let validated = Validator.documentFindings(document) { [try! SecretName("CRM_TOKEN")] }
        #expect(validated.filter { $0.rule == .outputName }.count == 2)
    }

    @Test func fieldPathsReadBackWhatJSONPathWrites() {
        let paths: [[JSONPath.Component]] = [
            [], [.key("host")], [.index(3)], [.key("Content-Type")], [.key("a.b"), .index(0)],
            [.key("q\"uo\\te")], [.key("ctl\u{1}")], [.index(1), .key("x"), .key("y z")],
        ]
        for components in paths {
            let written = JSONPath(components).appended(to: "param.with.dots")
            #expect(
                FieldPath.components(of: written, below: "param.with.dots") == components,
                "\(written)")
        }
        #expect(FieldPath.components(of: "other.x", below: "param") == nil)
        #expect(FieldPath.components(of: "param[x]", below: "param") == nil)
    }

    @Test func inputTreesBecomeObjectsArraysOrStrings() {
        let tree = InputTree()
        #expect(tree.insert(WipedArray(Array("\n  ".utf8)), at: []))
        #expect(tree.insert(WipedArray(Array("b\"".utf8)), at: [.key("z")]))
        #expect(tree.insert(WipedArray(Array("one".utf8)), at: [.key("a"), .index(1)]))
        #expect(tree.insert(WipedArray(Array("zero".utf8)), at: [.key("a"), .index(0)]))
        // An entry given twice is refused, not glued; white space between entries is not.
        #expect(!tree.insert(WipedArray(Array("again".utf8)), at: [.key("z")]))
        #expect(tree.insert(WipedArray(Array("\n".utf8)), at: []))
        let text = String(decoding: json(tree), as: UTF8.self)
        #expect(text == "{\n  \"z\": \"b\\\"\",\n  \"a\": [\n    \"zero\",\n    \"one\"\n  ]\n}")
        let leaf = InputTree()
        #expect(leaf.insert(WipedArray(Array("x\ny".utf8)), at: []))
        #expect(String(decoding: json(leaf), as: UTF8.self) == "\"x\\ny\"")
    }

    private func json(_ tree: InputTree) -> [UInt8] {
        let out = WipedArray<UInt8>()
        tree.write(into: out, indent: 0)
        return out.plainCopy
    }
}
