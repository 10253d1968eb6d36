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
        // The two inputs of one name are also one file: that is a finding of its own.
        #expect(findings.map(\.rule) == [.outputName, .outputName, .outputName], "\(findings)")
        #expect(findings[0].message.contains("task id"))
        #expect(findings[1].message.contains("parameter name"))
        #expect(findings[1].message.contains("256 bytes"), "\(findings)")
        #expect(findings[2].message.contains("a second input named"))
        let validated = Validator.documentFindings(document) { [try! SecretName("CRM_TOKEN")] }
        #expect(validated.filter { $0.rule == .outputName }.count == 3)
    }

    /// Two inputs of one task with one name would be written to one file, and an engine
    /// takes only one of them: `validate` and the hook report the second (deploy refused
    /// it after validate had passed; found by a fresh tester). Inputs of other tasks, and
    /// the entries of one map, are not one.
    @Test func twoInputsOfOneNameInATaskAreReported() throws {
        let xml = BPMNFixture.definitions(
            """
            <bpmn:serviceTask id="T1"><bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="x">{{secret:A}}</camunda:inputParameter>
            <camunda:inputParameter name="m"><camunda:map>
            <camunda:entry key="a">{{secret:A}}</camunda:entry>
            <camunda:entry key="b">{{secret:A}}</camunda:entry></camunda:map>
            </camunda:inputParameter>
            <camunda:inputParameter name="x">{{secret:A}}</camunda:inputParameter>
            <camunda:inputParameter name="x">{{secret:A}}</camunda:inputParameter>
            <camunda:inputParameter name="again">{{secret:A}}</camunda:inputParameter>
            </camunda:inputOutput><camunda:field name="m"><camunda:string>{{secret:A}}
            </camunda:string></camunda:field></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T2"><bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="x">{{secret:A}}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T3"><bpmn:extensionElements><zeebe:ioMapping>
            <zeebe:input source="{{secret:A}}" target="q"/>
            <zeebe:input source="{{secret:A}}" target="q"/>
            </zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T1"><bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="again">{{secret:A}}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
            """)
        let document = BPMNReader.read(bytes: Array(xml.utf8), path: "x.bpmn")
        #expect(document.findings.isEmpty, "\(document.findings)")
        let findings = OutputName.findings(in: document)
        // T1's id comes back after T2 and T3, and its input `again` there is a second one
        // (found by a fresh tester).
        #expect(findings.count == 4, "\(findings)")
        #expect(findings.allSatisfy { $0.rule == .outputName && $0.severity == .error })
        let first = try #require(findings.first)
        #expect(first.message.contains(#"task "T1" of process "Process_1""#))
        #expect(first.message.contains(#"a second input named "x""#))
        #expect(first.message.contains("inputs/Process_1/T1/x.json"))
        #expect(findings[1].message.contains(#"a second input named "m""#))
        #expect(findings[2].message.contains(#"task "T3""#))
        #expect(findings[2].message.contains(#"named "q""#))
        #expect(findings[3].message.contains(#"task "T1""#))
        #expect(findings[3].message.contains(#"named "again""#))
        // Each at the second input's placeholder, on a later line than the first input.
        #expect(findings.allSatisfy { $0.message.contains("(the first on line ") })
        let lines = findings.map(\.location.line)
        #expect(lines == lines.sorted() && Set(lines).count == 4)
    }

    /// Past a few dozen tasks a file's tasks are looked up by their bytes: a task id that
    /// comes back late is still the same task.
    @Test func aTaskIdComingBackAmongManyTasksIsTheSameTask() {
        func task(_ id: String) -> String {
            #"<bpmn:serviceTask id="\#(id)"><bpmn:extensionElements><camunda:inputOutput>"#
                + #"<camunda:inputParameter name="x">{{secret:A}}</camunda:inputParameter>"#
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>\n"
        }
        let body = (0..<40).map { task("T\($0)") }.joined() + task("T5") + task("T39")
        let document = BPMNReader.read(
            bytes: Array(BPMNFixture.definitions(body).utf8), path: "x.bpmn")
        #expect(document.references.count == 42)
        let findings = OutputName.findings(in: document)
        #expect(findings.count == 2, "\(findings)")
        #expect(findings.first?.message.contains(#"task "T5""#) == true)
        #expect(findings.last?.message.contains(#"task "T39""#) == true)
    }

    /// A task of thousands of inputs, each name given twice or three times, far apart and
    /// some of them twice in one input: one finding at each name's second input, naming
    /// the first's line, whatever the count (names past a few dozen are hashed; how the
    /// time grows is measured in bench/, never timed in a test).
    @Test func secondInputsAmongThousandsAreEachReportedOnce() {
        let count = 3_000
        func input(_ index: Int, _ value: String = "{{secret:A}}") -> String {
            #"<camunda:inputParameter name="p\#(index)">\#(value)</camunda:inputParameter>"#
                + "\n"
        }
        let rounds = [
            (0..<count).map { input($0) },
            (0..<count).map { input($0, "{{secret:A}}{{secret:B}}") },
            (0..<count).filter { $0 % 3 == 0 }.map { input($0) },
        ]
        let xml = BPMNFixture.definitions(
            BPMNFixture.c7Task(
                "<camunda:inputOutput>\n" + rounds.joined().joined() + "</camunda:inputOutput>"))
        let document = BPMNReader.read(bytes: Array(xml.utf8), path: "x.bpmn")
        #expect(document.references.count == count * 3 + count / 3)
        let findings = OutputName.findings(in: document)
        #expect(findings.count == count, "\(findings.prefix(3))")
        let firstLine = document.references[0].location.line
        for (index, finding) in findings.enumerated() {
            #expect(finding.location.line == firstLine + count + index)
            #expect(finding.message.contains(#"a second input named "p\#(index)" "#))
            #expect(finding.message.contains("(the first on line \(firstLine + index))"))
        }
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
