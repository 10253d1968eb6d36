import Testing

@testable import TresorKit

/// Each supported place with its exact parameter, field path, context and bytes (the
/// placeholders it does not resolve are in BPMNReaderFindingTests).
@Suite struct BPMNReaderTests {
    static let process = ProcessIdentity(id: "Process_1", name: "Billing")

    private func read(_ body: String) -> (ProcessDocument, [UInt8]) {
        let bytes = Array(BPMNFixture.definitions(body).utf8)
        return (BPMNReader.read(bytes: bytes, path: "billing.bpmn"), bytes)
    }

    private func written(_ reference: PlaceholderReference, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[reference.sourceRange], as: UTF8.self)
    }

    @Test func camunda7InputParameterText() throws {
        let (document, bytes) = read(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput>
                  <camunda:inputParameter name="password">{{secret:FTP_PASSWORD}}
                  </camunda:inputParameter>
                </camunda:inputOutput>
                """))
        #expect(document.findings.isEmpty)
        #expect(document.processes == [Self.process])
        let reference = try #require(document.references.first)
        #expect(reference.name.text == "FTP_PASSWORD")
        #expect(reference.parameter == "password" && reference.fieldPath == "password")
        #expect(
            reference.context
                == EscapeContext(inner: .plainText, outer: .xmlText, evaluatesExpressions: true))
        #expect(written(reference, bytes) == "{{secret:FTP_PASSWORD}}")
        #expect(reference.task == TaskIdentity(id: "Task_1", name: "Upload", kind: "serviceTask"))
        #expect(reference.process == Self.process)
        let line = BPMNFixture.definitions("").split(separator: "\n").count - 2 + 3
        #expect(reference.location == SourceLocation(path: "billing.bpmn", line: line, column: 43))
    }

    @Test func entityEncodedPlaceholderMapsToItsEntities() throws {
        let (document, bytes) = read(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput>
                <camunda:inputParameter name="p">x &#123;&#123;secret:A&#125;&#125;
                </camunda:inputParameter></camunda:inputOutput>
                """))
        let reference = try #require(document.references.first)
        #expect(written(reference, bytes) == "&#123;&#123;secret:A&#125;&#125;")
        #expect(reference.name.text == "A")
    }

    @Test func camunda7MapsListsAndConnectors() throws {
        let (document, bytes) = read(
            BPMNFixture.c7Task(
                """
                <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
                <camunda:inputOutput><camunda:inputParameter name="headers"><camunda:map>
                  <camunda:entry key="Authorization">Bearer {{secret:API_TOKEN}}</camunda:entry>
                  <camunda:entry key="list"><camunda:list><camunda:value>a</camunda:value>
                    <camunda:map>
                    <camunda:entry key="k">{{secret:NESTED}}</camunda:entry></camunda:map>
                  </camunda:list></camunda:entry>
                </camunda:map></camunda:inputParameter></camunda:inputOutput></camunda:connector>
                """))
        #expect(document.findings.isEmpty)
        let paths = document.references.map { "\($0.parameter) \($0.fieldPath) \($0.name)" }
        #expect(
            paths == [
                "headers headers.Authorization API_TOKEN", "headers headers.list[1].k NESTED",
            ])
        #expect(document.references.allSatisfy { written($0, bytes).hasPrefix("{{secret:") })
    }

    @Test func embeddedJSONValueAndKey() throws {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput><camunda:inputParameter name="payload"><![CDATA[
                  {"auth": {"password": "{{secret:DB_PASSWORD}}"},
                   "items": [0, 1, {"token": "{{secret:T}}"}]}
                ]]></camunda:inputParameter>
                <camunda:inputParameter name="body">{"{{secret:KEY_NAME}}": 1}
                </camunda:inputParameter>
                </camunda:inputOutput>
                """))
        let fields = document.references.map(\.fieldPath)
        #expect(fields == ["payload.auth.password", "payload.items[2].token"])
        #expect(
            document.references.allSatisfy {
                $0.context
                    == EscapeContext(inner: .jsonString, outer: .cdata, evaluatesExpressions: true)
                    && $0.parameter == "payload"
            })
        #expect(document.findings.map(\.rule) == [.unsafeContext])
        #expect(document.findings.first?.message.contains("body") == true)
    }

    /// A JSON payload whose string holds JSON again: refused, as one level is escaped
    /// (found by a fresh tester).
    @Test func jsonHeldInAStringOfAPayloadIsRefused() throws {
        let (document, _) = read(
            BPMNFixture.c7Task(
                #"""
                <camunda:inputOutput><camunda:inputParameter name="payload"><![CDATA[
                  {"nested": "{\"deeper\": \"{{secret:ZVAL}}\"}", "ok": "{{secret:OK}}"}
                ]]></camunda:inputParameter></camunda:inputOutput>
                """#))
        #expect(document.references.map(\.fieldPath) == ["payload.ok"])
        #expect(document.findings.map(\.rule) == [.unsafeContext])
        #expect(document.findings.first?.message.contains("(payload.nested)") == true)
    }

    /// A placeholder in a CDATA section of a SOAP payload is refused, and the message says
    /// why without calling its value markup (a forty-fifth fresh tester found it did).
    @Test func aPlaceholderInAPayloadsCDATASectionIsRefusedWithItsReason() throws {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput><camunda:inputParameter name="body">&lt;Login&gt;&lt;Pw&gt;\
                &lt;![CDATA[{{secret:SOAP_PW}}]]&gt;&lt;/Pw&gt;&lt;/Login&gt;\
                </camunda:inputParameter></camunda:inputOutput>
                """))
        #expect(document.references.isEmpty)
        let finding = try #require(document.findings.first)
        #expect(finding.rule == .unsafeContext)
        #expect(finding.message.contains("not for a CDATA section"), "\(finding.message)")
        #expect(!finding.message.contains("would be markup"))
        #expect(finding.hint?.contains("<Password>{{secret:SOAP_PW}}</Password>") == true)
    }

    /// A no-break space before a JSON payload is refused by name, not as "a value expected"
    /// (a forty-fifth fresh tester).
    @Test func aNoBreakSpaceBeforeAJSONPayloadIsNamed() throws {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput><camunda:inputParameter name="e">&#xA0;{"p": \
                "{{secret:Q_PASS}}"}</camunda:inputParameter></camunda:inputOutput>
                """))
        let finding = try #require(document.findings.first)
        #expect(finding.rule == .unsafeContext)
        #expect(
            finding.message.contains("(U+00A0 before its {, which JSON does not take as white"),
            "\(finding.message)")
    }

    /// A FEEL string literal that is a JSON document gets FEEL escaping only: refused, as
    /// in a JSON string (found by a third fresh tester).
    @Test func jsonHeldInAFEELStringIsRefused() throws {
        let (document, _) = read(
            BPMNFixture.zeebeTask(
                #"""
                <zeebe:ioMapping><zeebe:input target="body"
                  source="=&quot;{\&quot;pw\&quot;: \&quot;{{secret:EVIL}}\&quot;}&quot;"/>
                <zeebe:input target="ok" source="=&quot;Bearer {{secret:OK}}&quot;"/>
                </zeebe:ioMapping>
                """#))
        #expect(document.references.map(\.fieldPath) == ["ok"])
        #expect(document.findings.map(\.rule) == [.unsafeContext])
        #expect(document.findings.first?.message.contains("(body)") == true)
    }

    @Test func zeebeFEELStringBareFEELAndHeaders() throws {
        let (document, bytes) = read(
            BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping>
                  <zeebe:input source="= &quot;Bearer {{secret:API_KEY}}&quot;"
                    target="authorization"/>
                  <zeebe:input source="={{secret:BARE}}" target="bare"/>
                  <zeebe:input source='{"user": "u", "password": "{{secret:PW}}"}' target="auth"/>
                </zeebe:ioMapping>
                <zeebe:taskHeaders><zeebe:header key="token" value="{{secret:HEADER}}"/>
                </zeebe:taskHeaders>
                """))
        let byName = Dictionary(
            uniqueKeysWithValues: document.references.map { ($0.name.text, $0) })
        let feel = try #require(byName["API_KEY"])
        #expect(feel.context == EscapeContext(inner: .feelString, outer: .xmlAttribute(quote: 34)))
        #expect(feel.parameter == "authorization" && written(feel, bytes) == "{{secret:API_KEY}}")
        let json = try #require(byName["PW"])
        #expect(json.fieldPath == "auth.password")
        #expect(json.context == EscapeContext(inner: .jsonString, outer: .xmlAttribute(quote: 39)))
        let header = try #require(byName["HEADER"])
        #expect(header.parameter == "token" && header.context.inner == .plainText)
        #expect(header.task?.id == "Task_Z")
        #expect(byName["BARE"] == nil)
        let bare = try #require(document.findings.first)
        #expect(bare.rule == .unsafeContext && bare.hint?.contains("\"{{secret:BARE}}\"") == true)
    }

    /// A header is static text to Zeebe, and an input is FEEL only where `=` is its first
    /// character (found by a twenty-eighth fresh tester: both were FEEL-escaped, and the
    /// engine got the value with backslashes added).
    @Test func zeebeHeadersAndBlanksBeforeTheMarkAreNotFEEL() throws {
        let (document, _) = read(
            BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping>
                  <zeebe:input source="&#10;= &quot;{{secret:SPACED}}&quot;" target="spaced"/>
                </zeebe:ioMapping>
                <zeebe:taskHeaders>
                  <zeebe:header key="auth" value="=&quot;{{secret:HEADER}}&quot;"/>
                </zeebe:taskHeaders>
                """))
        let header = try #require(document.references.first { $0.name.text == "HEADER" })
        #expect(header.context.inner == .plainText && !header.context.evaluatesExpressions)
        #expect(!document.references.contains { $0.name.text == "SPACED" })
        let spaced = try #require(document.findings.first)
        #expect(spaced.rule == .unsafeContext && spaced.message.contains("blanks before its `=`"))
    }

    @Test func flowableAndCamundaFields() throws {
        let (document, bytes) = read(
            BPMNFixture.flowableTask(
                """
                <flowable:field name="requestUrl" stringValue="https://x/?k={{secret:URL_KEY}}"/>
                <flowable:field name="requestHeaders">
                <flowable:expression><![CDATA[Authorization: {{secret:AUTH}}]]>
                </flowable:expression></flowable:field>
                <camunda:field name="c7"><camunda:string>{{secret:C7}}</camunda:string>
                </camunda:field>
                """))
        #expect(document.findings.isEmpty)
        let seen = document.references.map {
            "\($0.parameter) \($0.context) \(written($0, bytes))"
        }
        #expect(
            seen == [
                "requestUrl text in an XML attribute {{secret:URL_KEY}}",
                "requestHeaders text in CDATA {{secret:AUTH}}",
                "c7 text in XML text {{secret:C7}}",
            ])
    }

    @Test func listenerFieldsAreNotTaskInputs() {
        let (document, _) = read(
            BPMNFixture.flowableTask(
                """
                <flowable:executionListener event="start" class="x.Listener">
                <flowable:field name="token" stringValue="{{secret:LISTENER}}"/>
                </flowable:executionListener>
                """))
        #expect(document.references.isEmpty)
        #expect(document.findings.map(\.rule) == [.unsupportedPlace])
        #expect(
            document.findings.first?.message
                == #"placeholder {{secret:LISTENER}} in the attribute stringValue of "#
                + #"<flowable:field> in serviceTask "Task_F" is not resolved"#)
    }
}
