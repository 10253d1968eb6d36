import Testing

@testable import TresorKit

/// The scanner over BPMN task inputs (Camunda 7, Zeebe, Flowable) and JSON files: the
/// field path and line of each finding, never the value.
@Suite struct CredentialScannerTests {
    func scan(_ body: String) -> [CommitFinding] {
        let document = """
            <?xml version="1.0"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
              xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
              xmlns:flowable="http://flowable.org/bpmn" id="d">
            <bpmn:process id="p">
            <bpmn:serviceTask id="t">
            <bpmn:extensionElements>
            \(body)
            </bpmn:extensionElements>
            </bpmn:serviceTask>
            </bpmn:process>
            </bpmn:definitions>
            """
        return CredentialScanner.scan(Array(document.utf8), path: "p.bpmn", kind: .bpmn)
    }

    @Test func camundaInputParameterAndMapEntry() {
        let findings = scan(
            """
            <camunda:inputOutput>
            <camunda:inputParameter name="password">fake-a</camunda:inputParameter>
            <camunda:inputParameter name="user">${user}</camunda:inputParameter>
            <camunda:inputParameter name="ftp"><camunda:map>
            <camunda:entry key="apiKey">fake-b</camunda:entry>
            <camunda:entry key="host">ftp.example.com</camunda:entry>
            </camunda:map></camunda:inputParameter>
            </camunda:inputOutput>
            """)
        #expect(findings.map(\.field) == ["password", "ftp.apiKey"])
        #expect(findings.map(\.finding.location.line) == [10, 13])
        #expect(findings.allSatisfy { $0.finding.rule == .plaintextCredential })
        #expect(!findings.contains { $0.finding.description.contains("fake-") })
    }

    @Test func jsonPayloadInsideAParameter() {
        let findings = scan(
            """
            <camunda:inputOutput><camunda:inputParameter name="payload">\
            {"auth": {"login": "x", "token": "fake-c"}, "h": "Bearer fake.tok3n"}\
            </camunda:inputParameter></camunda:inputOutput>
            """)
        #expect(findings.map(\.field) == ["payload.auth.token", "payload.h"])
        #expect(findings.map(\.finding.rule) == [.plaintextCredential, .literalAuthHeader])
    }

    @Test func zeebeInputsAndHeaders() {
        let findings = scan(
            """
            <zeebe:ioMapping>
            <zeebe:input source="=&quot;fake-d&quot;" target="authentication.token"/>
            <zeebe:input source="=secrets.X" target="password"/>
            <zeebe:input source="=&quot;{{secret:X}}&quot;" target="clientSecret"/>
            </zeebe:ioMapping>
            <zeebe:taskHeaders><zeebe:header key="Authorization" value="Basic dXNlcjpwYXNz"/>
            </zeebe:taskHeaders>
            """)
        #expect(findings.map(\.field) == ["authentication.token", "Authorization"])
    }

    @Test func flowableFields() {
        let findings = scan(
            #"<flowable:field name="password" stringValue="fake-e"/>"#
                + #"<flowable:field name="to"><flowable:string>a@b.c</flowable:string>"#
                + "</flowable:field>")
        #expect(findings.map(\.field) == ["password"])
    }

    @Test func jsonTaskInputFile() {
        let json = #"{"db": {"password": "fake-f", "pwd": "{{secret:DB}}"}, "list": ["x"]}"#
        let findings = CredentialScanner.scan(Array(json.utf8), path: "p/t.json", kind: .json)
        #expect(findings.map(\.field) == ["db.password"])
        #expect(findings.first?.finding.location.column == 22)
    }

    @Test func placeholdersOutsideTaskInputsAreNotCredentials() {
        let findings = scan(
            #"<camunda:properties><camunda:property name="token" value="x"/>"#
                + "</camunda:properties>")
        #expect(findings.isEmpty)
    }

    /// A Camunda element template describes fields: its `key` names one, and holds no
    /// value (found by a sixteenth fresh tester: the corpus's REST connector template gave
    /// seven `plaintext-credential` errors). A Bearer credential in it is still found.
    @Test func anElementTemplateDescribesFieldsAndHoldsNoCredential() {
        let schema = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/"
        let properties =
            #""properties": [{"binding": {"type": "zeebe:taskHeader", "key": "#
            + #""elementTemplateVersion"}, "value": "Bearer fake.t0ken.here"}]"#
        func scan(_ json: String) -> [CommitFinding] {
            CredentialScanner.scan(Array(json.utf8), path: "p/t.json", kind: .json)
        }
        let template = scan(#"{"$schema": "\#(schema)schema.json", \#(properties)}"#)
        #expect(template.map(\.finding.rule) == [.literalAuthHeader])
        let templates = scan(#"[{"$schema": "\#(schema)schema.json", \#(properties)}]"#)
        #expect(templates.map(\.finding.rule) == [.literalAuthHeader])
        // Without the schema, a task input whose `key` holds a literal is one.
        let input = scan(#"{\#(properties)}"#)
        #expect(input.map(\.finding.rule) == [.plaintextCredential, .literalAuthHeader])
        // A `$schema` deeper in a task input says nothing about the file.
        let nested = scan(#"{"x": {"$schema": "\#(schema)schema.json"}, \#(properties)}"#)
        #expect(nested.map(\.finding.rule) == [.plaintextCredential, .literalAuthHeader])
        // Found by a seventeenth fresh tester: a schema merely named like Camunda's, and an
        // ordinary object after a template in one array, are no templates; a property
        // bound to a password and holding a literal value is a plaintext credential.
        let lookalike = scan(
            #"{"$schema": "https://fake.example/not-element-templates-json-schema", "#
                + #""password": "fake-pass-1"}"#)
        #expect(lookalike.map(\.finding.rule) == [.plaintextCredential])
        let mixed = scan(
            #"[{"$schema": "\#(schema)schema.json", \#(properties)}, "#
                + #"{"password": "fake-pass-2"}]"#)
        #expect(mixed.map(\.finding.rule) == [.literalAuthHeader, .plaintextCredential])
        #expect(mixed.last?.field == "[1].password")
        let bound = scan(
            #"{"$schema": "\#(schema)schema.json", "properties": [{"type": "Hidden", "#
                + #""value": "fake-pass-9", "binding": {"type": "zeebe:input", "name": "password"}}, "#
                + #"{"value": "{{secret:FTP_PASSWORD}}", "binding": {"name": "apiKey"}}]}"#)
        #expect(bound.map(\.finding.rule) == [.plaintextCredential])
        #expect(bound.first?.field == "properties[0].value")
    }
}
