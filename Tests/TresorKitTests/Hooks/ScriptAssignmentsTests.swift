import Testing

@testable import TresorKit

/// Literals given to names in an input parameter's script, and the hook's judgement of them
/// by name (found by a twenty-eighth fresh tester: a public process hard-codes a password;
/// the forms, false alarms and misses below by the twenty-ninth).
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
            assignments(#"x = "a \" b"; y = 1; z == "no"; m = {k => "no"}"#) == [#"x=a \" b"#])
        // A literal that is not assigned is skipped whole: no name inside it counts.
        #expect(assignments(#"log("password = 'no'"); pwd = "fake-e""#) == ["pwd=fake-e"])
        #expect(assignments("secret = \"unclosed\nnext = 'fake-f'") == ["next=fake-f"])
        #expect(assignments("var s = `Kp7 = 'no'`;") == ["s=Kp7 = 'no'"])
        // Comments are skipped whole: an unclosed quote in one derailed the scan.
        #expect(
            assignments("// a ` tick\nvar q = \"x\"; var s = `\nFake_Password = 'y';\n`; s")
                == ["q=x", "s=\nFake_Password = 'y';\n"])
        #expect(assignments("/* password = 'no' */ # not\n  # password = 'no'\nx = 'y'") == ["x=y"])
    }

    @Test func findsTheLessCommonQuotesAndPlaces() {
        #expect(assignments("let token=`fake-g`") == ["token=fake-g"])
        #expect(assignments(#"def password = """fake-h""""#) == ["password=fake-h"])
        #expect(assignments("pw = r\"fake-i\"; key = b'fake-j'") == ["pw=fake-i", "key=fake-j"])
        #expect(assignments(#"cfg["password"] = "fake-k""#) == ["password=fake-k"])
        #expect(assignments(#"var password /* x */ = "fake-l";"#) == ["password=fake-l"])
        // A comment after the value, the literal on the next line, `:=` (a thirty-first
        // fresh tester's misses).
        #expect(assignments(#"def password = "fake-s" // TODO"#) == ["password=fake-s"])
        #expect(assignments(#"pw = "fake-t" # note"#) == ["pw=fake-t"])
        #expect(assignments("var password =\n  \"fake-u\";") == ["password=fake-u"])
        #expect(assignments(#"password := "fake-v""#) == ["password=fake-v"])
        // Only a literal that is the whole value.
        #expect(assignments(#"auth = "Basic " + creds; t = "a" ? b : c"#) == [])
        #expect(assignments(#"f = f"{x}""#) == [])
    }

    /// Names a script uses for ordinary values are not taken for credentials alone.
    @Test(arguments: [
        (#"var h = {key: "Content-Type", value: "application/json"};"#, false),
        (#"def map = [key: "region", value: "eu"]"#, false),
        (#"var key = "orderId";"#, false), (#"var secret = "none";"#, false),
        (#"var credentials = "client_credentials";"#, false),
        (#"if (x) { token = "pending"; }"#, false),
        (#"var authorization = "Basic " + creds;"#, false),
        (#"var password = "fake-m";"#, true), (#"var password2 = "fake-n";"#, true),
        (#"apiKey: 'fake-o'"#, true), (#"var mailSecret = "fake-p";"#, true),
        (#"var password = "${pw}";"#, false), (#"var password = "";"#, false),
        // The engines' own keys, and a ternary's literals (a thirtieth fresh tester).
        (#"var processDefinitionKey = "invoice-approval";"#, false),
        (#"def decisionKey = "approve-invoice""#, false),
        (#"def formKey = "camunda-forms:deployment:invoice.form""#, false),
        (#"def tenantKey = "tenant-a""#, false), (#"var pageToken = "next";"#, false),
        (#"var pw = isProd ? "fakeProdSecret" : "fakeDevSecret";"#, false),
        (#"def users = ["fakeAdminPassword": "admin"]"#, true),
        (#"var accessToken = "fake-q";"#, true), (#"var dbSecret = 'fake-r';"#, true),
        // A working folder, a validation rule, a variable's name, a stand-in (a
        // thirty-second fresh tester's false alarms).
        (#"def pwd = "/opt/camunda/work""#, false),
        (#"var rules = { password: "required|min:12" }"#, false),
        (#"[grant_type: 'client_credentials', client_secret: 'CLIENT_SECRET_ENV']"#, false),
        (#"var accessToken = "none""#, false), (#"var dbPwd = "fake-w""#, true),
        // Masks, flags, types and links under a password's name (a thirty-third's).
        (#"var mask = { password: "********" };"#, false),
        (#"body.password = "[REDACTED]";"#, false), (#"var resetPassword = "false";"#, false),
        (#"def forgotPassword = "https://portal.example.test/reset""#, false),
        (#"var schema = { password: "string", apiKey: "string" }"#, false),
    ])
    func judgesNamesAsAScriptUsesThem(_ script: String, _ flagged: Bool) {
        let bytes = Array(script.utf8)
        let judged = ScriptAssignments.find(in: bytes).contains {
            CredentialField.isScriptCredential(String(decoding: bytes[$0.name], as: UTF8.self))
                && CredentialField.isLiteral(Array(bytes[$0.literal]), readsFEEL: false)
                && !CredentialField.isStandIn(Array(bytes[$0.literal]))
        }
        #expect(judged == flagged, "\(script)")
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

    /// A quoted key is the script's text: the finding says what it is, never what it says
    /// (a thirtieth fresh tester's literal was printed as a name).
    @Test func aQuotedKeyIsNeverPrinted() {
        let document = """
            <?xml version="1.0"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
            <bpmn:process id="p"><bpmn:serviceTask id="t"><bpmn:extensionElements>
            <camunda:inputOutput><camunda:inputParameter name="cfg">
            <camunda:script scriptFormat="groovy">def users = ["fakeAdminPassword": "admin"]
            def pick = env == "prod" ? "fake-prod-pass" : "fake-test-pass"
            </camunda:script></camunda:inputParameter></camunda:inputOutput>
            </bpmn:extensionElements></bpmn:serviceTask></bpmn:process></bpmn:definitions>
            """
        let findings = CredentialScanner.scan(Array(document.utf8), path: "p.bpmn", kind: .bpmn)
        #expect(findings.count == 1)
        let message = findings.first?.finding.message ?? ""
        #expect(message.contains("gives a quoted key naming a credential a literal value"))
        #expect(!message.contains("fake"), "\(message)")
    }

}
