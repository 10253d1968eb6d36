import Testing

@testable import TresorKit

/// Literals given to names in an input parameter's script, and the hook's judgement of them
/// by name (found by a twenty-eighth fresh tester: a public process hard-codes a password).
@Suite struct ScriptAssignmentsTests {
    func assignments(_ script: String) -> [String] {
        let bytes = Array(script.utf8)
        return ScriptAssignments.find(in: bytes).map {
            String(decoding: bytes[$0.name], as: UTF8.self) + "="
                + String(decoding: bytes[$0.literal], as: UTF8.self)
        }
    }

    @Test func findsAssignmentsAndObjectKeysInTheCommonForms() {
        #expect(
            assignments(#"var password = "fake-a"; let token='fake-b'"#) == [
                "password=fake-a", "token=fake-b",
            ])
        #expect(
            assignments(#"def cfg = [apiKey: "fake-c", "secret" : 'fake-d']"#) == [
                "apiKey=fake-c", "secret=fake-d",
            ])
        #expect(
            assignments(#"x = "a \" b"; y = 1; z == "no"; m = {k => "no"}"#) == [
                #"x=a \" b"#
            ])
        // A literal that is not assigned is skipped whole: no name inside it counts.
        #expect(assignments(#"log("password = 'no'"); pwd = "fake-e""#) == ["pwd=fake-e"])
        #expect(assignments("secret = \"unclosed\nnext = 'fake-f'") == ["next=fake-f"])
    }

    @Test func theHookFlagsACredentialNameGivenALiteralInAScript() {
        let script = """
            <camunda:inputOutput><camunda:inputParameter name="auth">
            <camunda:script scriptFormat="javascript">var user = "demo";
            var password = "fake-demo";
            var token = execution.getVariable("token");
            var apiKey = "${key}";
            </camunda:script></camunda:inputParameter></camunda:inputOutput>
            """
        let document = """
            <?xml version="1.0"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
            <bpmn:process id="p"><bpmn:serviceTask id="t"><bpmn:extensionElements>
            \(script)
            </bpmn:extensionElements></bpmn:serviceTask></bpmn:process></bpmn:definitions>
            """
        let findings = CredentialScanner.scan(Array(document.utf8), path: "p.bpmn", kind: .bpmn)
        #expect(findings.map(\.finding.rule) == [.plaintextCredential])
        let finding = findings[0].finding
        #expect(finding.message.contains("gives password a literal value in its script"))
        #expect(finding.location.line == 7, "\(finding.location)")
        #expect(finding.location.column == 5, "\(finding.location)")
        #expect(!finding.message.contains("fake-demo") && finding.hint?.contains("fake") == false)
    }
}
