import Testing

@testable import TresorKit

/// Placeholders the reader does not resolve (in names, lanes, processing instructions,
/// comments and documentation, tasks no engine runs, near misses, ...), each with the
/// finding that says where and why, and whether the document stays renderable.
@Suite struct BPMNReaderFindingTests {
    private func read(_ body: String) -> (ProcessDocument, [UInt8]) {
        let bytes = Array(BPMNFixture.definitions(body).utf8)
        return (BPMNReader.read(bytes: bytes, path: "billing.bpmn"), bytes)
    }

    @Test func aPlaceholderInAProcessingInstructionIsAnError() throws {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <?deploy-tool password={{secret:PI_TOKEN}}?>
                <!-- {{secret:IN_A_COMMENT}} is nobody's business -->
                """))
        #expect(document.references.isEmpty)
        let finding = try #require(document.findings.first)
        #expect(document.findings.count == 1)
        #expect(finding.rule == .unsupportedPlace && finding.severity == .error)
        #expect(finding.message.contains("{{secret:PI_TOKEN}} in a processing instruction"))
        // The column of the placeholder itself, on the instruction's line.
        #expect(finding.location.column == 24)
        #expect(!document.isRenderable)
    }

    @Test func unsupportedPlacesAreErrors() {
        let (document, _) = read(
            """
            <bpmn:userTask id="Review" name="{{secret:IN_NAME}}"><bpmn:extensionElements>
            <camunda:formData><camunda:formField id="f" defaultValue="{{secret:FORM}}"/>
            </camunda:formData>
            </bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="F">
            <bpmn:conditionExpression>{{secret:COND}}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:serviceTask id="S" camunda:class="{{secret:CLASS}}"><bpmn:extensionElements>
            <camunda:inputOutput><camunda:inputParameter name="s">
            <camunda:script scriptFormat="js">{{secret:SCRIPT}}</camunda:script>
            </camunda:inputParameter></camunda:inputOutput>
            </bpmn:extensionElements></bpmn:serviceTask>
            """)
        #expect(document.references.isEmpty)
        #expect(document.findings.count == 5)
        #expect(
            document.findings.allSatisfy { $0.rule == .unsupportedPlace && $0.severity == .error })
        let messages = document.findings.map(\.message).joined(separator: "\n")
        for word in [
            "name attribute", "user task", "condition expression", "camunda:class", "script",
        ] {
            #expect(messages.contains(word), "\(word)")
        }
        #expect(!document.isRenderable)
    }

    /// Inputs count only where the engine reads them: an input parameter straight in the
    /// extension elements, an input-output or `ioMapping` inside a foreign element, or a
    /// parameter inside a foreign element in an input-output is an error, not a value
    /// written into a dead spot (found by a fresh tester).
    @Test func inputsWhereNoEngineReadsThemAreErrors() {
        let (document, _) = read(
            """
            <bpmn:serviceTask id="T1"><bpmn:extensionElements>
            <camunda:inputParameter name="a">{{secret:LOOSE}}</camunda:inputParameter>
            </bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T2"><bpmn:extensionElements><q:w xmlns:q="urn:other">
            <camunda:inputOutput><camunda:inputParameter name="a">{{secret:WRAPPED_IO}}
            </camunda:inputParameter></camunda:inputOutput></q:w></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="T3"><bpmn:extensionElements><camunda:inputOutput>
            <q:w xmlns:q="urn:other"><camunda:inputParameter name="a">{{secret:WRAPPED_PARAM}}
            </camunda:inputParameter></q:w></camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="T4"><bpmn:extensionElements><q:w xmlns:q="urn:other">
            <zeebe:ioMapping><zeebe:input source="{{secret:WRAPPED_ZEEBE}}" target="x"/>
            </zeebe:ioMapping></q:w></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T5"><bpmn:extensionElements><camunda:connector>
            <q:w xmlns:q="urn:other"><camunda:inputOutput><camunda:inputParameter name="a">
            {{secret:WRAPPED_CONNECTOR}}</camunda:inputParameter></camunda:inputOutput></q:w>
            </camunda:connector></bpmn:extensionElements></bpmn:serviceTask>
            """)
        #expect(document.references.isEmpty)
        #expect(document.findings.count == 5)
        #expect(
            document.findings.allSatisfy { $0.rule == .unsupportedPlace && $0.severity == .error })
        let messages = document.findings.map(\.message).joined(separator: "\n")
        for name in ["LOOSE", "WRAPPED_IO", "WRAPPED_PARAM", "WRAPPED_ZEEBE", "WRAPPED_CONNECTOR"] {
            #expect(messages.contains("{{secret:\(name)}}"), "\(name)")
        }
        #expect(
            document.findings.allSatisfy { $0.hint?.contains("where the engine reads") == true })
    }

    /// A task counts only right inside a process, or a subprocess placed so itself: one in
    /// a sequence flow, documentation, another task, or a subprocess in a foreign element
    /// is run by no engine, and its placeholders are errors (found by a fresh tester).
    @Test func tasksWhereNoEngineRunsThemAreErrors() {
        func task(_ id: String, _ name: String, inner: String = "") -> String {
            #"<bpmn:serviceTask id="\#(id)"><bpmn:extensionElements><camunda:inputOutput>"#
                + #"<camunda:inputParameter name="p">{{secret:\#(name)}}</camunda:inputParameter>"#
                + "</camunda:inputOutput></bpmn:extensionElements>\(inner)</bpmn:serviceTask>\n"
        }
        let (document, _) = read(
            #"<bpmn:sequenceFlow id="F" sourceRef="a" targetRef="b">"#
                + task("InFlow", "IN_FLOW") + "</bpmn:sequenceFlow>\n"
                + "<bpmn:documentation>" + task("InDoc", "IN_DOC") + "</bpmn:documentation>\n"
                + #"<q:w xmlns:q="urn:other"><bpmn:subProcess id="S0">"#
                + task("InWrappedSub", "IN_WRAPPED_SUB") + "</bpmn:subProcess></q:w>\n"
                + task("Outer", "OUTER", inner: task("Inner", "INNER"))
                + #"<bpmn:subProcess id="S1"><bpmn:transaction id="S2">"#
                + task("Deep", "DEEP") + "</bpmn:transaction></bpmn:subProcess>\n")
        #expect(document.references.map(\.name.text) == ["OUTER", "DEEP"])
        let errors = document.findings.filter { $0.rule == .unsupportedPlace }
        #expect(errors.count == 4, "\(document.findings)")
        let messages = errors.map(\.message).joined(separator: "\n")
        for name in ["IN_FLOW", "IN_DOC", "IN_WRAPPED_SUB", "INNER"] {
            #expect(messages.contains("{{secret:\(name)}}"), "\(name)")
        }
        #expect(messages.contains(#"serviceTask "InFlow" inside <bpmn:sequenceFlow>, where no"#))
    }

    /// An input with a child element is that child: text beside it, before or after, is
    /// ignored by the engine, and a placeholder there is an error; comments are no child
    /// (found by a fresh tester). The quick read, which steps over the child, agrees.
    @Test func textBesideAChildElementOfAnInputIsAnError() {
        let body = BPMNFixture.c7Task(
            """
            <camunda:inputOutput>
            <camunda:inputParameter name="p">{{secret:BEFORE_MAP}}<camunda:map>
            <camunda:entry key="k">v</camunda:entry></camunda:map></camunda:inputParameter>
            <camunda:inputParameter name="q"><camunda:list><camunda:value>x</camunda:value>
            </camunda:list>{{secret:AFTER_LIST}}</camunda:inputParameter>
            <camunda:inputParameter name="r"><!-- a note -->{{secret:BESIDE_COMMENT}}
            </camunda:inputParameter>
            <camunda:inputParameter name="s"><camunda:map><camunda:entry key="k">
            {{secret:IN_ENTRY}}<q:x xmlns:q="urn:other"/></camunda:entry></camunda:map>
            </camunda:inputParameter>
            <camunda:inputParameter name="v"><camunda:list><camunda:value>{{secret:IN_VALUE}}
            <camunda:map/></camunda:value></camunda:list></camunda:inputParameter>
            </camunda:inputOutput>
            """)
        // In a list value too: its engine joins the text around the element, where the
        // checks would see each apart (found by a fresh tester).
        expectPlaceErrors(
            in: body, references: ["BESIDE_COMMENT"], errors: 4, saying: " a child element")
    }

    /// A list value is read as its text: a map or list inside it is read by no engine, and
    /// a placeholder there is an error (found by a fresh tester).
    @Test func elementsInsideAListValueAreErrors() {
        let body = BPMNFixture.c7Task(
            """
            <camunda:inputOutput><camunda:inputParameter name="m"><camunda:list>
            <camunda:value><camunda:map><camunda:entry key="a">{{secret:MAP_IN_VALUE}}
            </camunda:entry></camunda:map></camunda:value>
            <camunda:value><camunda:list><camunda:value>{{secret:LIST_IN_VALUE}}</camunda:value>
            </camunda:list></camunda:value>
            <camunda:map><camunda:entry key="b">{{secret:MAP_IN_LIST}}</camunda:entry></camunda:map>
            </camunda:list></camunda:inputParameter></camunda:inputOutput>
            """)
        expectPlaceErrors(
            in: body, references: ["MAP_IN_LIST"], errors: 2, saying: "is not resolved")
    }

    /// Reads `body` in full, quickly (stepping over elements with no placeholder) and for
    /// references only, and expects the same from each: `references` by name, and `errors`
    /// unsupported-place errors whose messages say `saying`.
    private func expectPlaceErrors(
        in body: String, references: [String], errors: Int, saying: String
    ) {
        let (document, bytes) = read(body)
        #expect(document.references.map(\.name.text) == references)
        let found = document.findings.filter { $0.rule == .unsupportedPlace }
        #expect(found.count == errors, "\(document.findings)")
        #expect(found.allSatisfy { $0.message.contains(saying) })
        let quick = BPMNReader.readReferences(bytes: bytes, path: "billing.bpmn")
        #expect(quick.references == document.references)
        let full = BPMNReader.readEveryElement(bytes: bytes, path: "billing.bpmn")
        #expect(full.references == document.references && full.findings == document.findings)
    }

    /// A field that gives its value in more than one way: engines take one form (Camunda
    /// the first, Flowable the last) and ignore the rest, so none of its placeholders is
    /// resolved, whichever form holds it; the quick read, which steps over elements with no
    /// placeholder, counts the forms too (found by a fresh tester).
    @Test func aFieldWithTwoValuesIsAnError() {
        let body = BPMNFixture.c7Task(
            """
            <camunda:field name="a" stringValue="plain">
            <camunda:expression>{{secret:IN_EXPRESSION}}</camunda:expression></camunda:field>
            <camunda:field name="b" stringValue="{{secret:IN_ATTRIBUTE}}">
            <camunda:expression>plain</camunda:expression></camunda:field>
            <camunda:field name="c" stringValue="x" expression="{{secret:TWO_ATTRIBUTES}}"/>
            <camunda:field name="d"><camunda:string>{{secret:ONE_FORM}}</camunda:string>
            </camunda:field>
            <flowable:field name="e"><flowable:string>x</flowable:string>
            <flowable:string>{{secret:TWO_STRINGS}}</flowable:string></flowable:field>
            """)
        expectPlaceErrors(
            in: body, references: ["ONE_FORM"], errors: 4, saying: "more than one way")
    }

    /// A script task has no connector and takes no fields: placeholders there are errors,
    /// while its own input parameters are inputs (found by a fresh tester).
    @Test func scriptTasksTakeNoConnectorsOrFields() {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <camunda:connector><camunda:inputOutput><camunda:inputParameter name="c">
                {{secret:IN_CONNECTOR}}</camunda:inputParameter></camunda:inputOutput>
                </camunda:connector>
                <camunda:field name="f"><camunda:string>{{secret:IN_FIELD}}</camunda:string>
                </camunda:field>
                <camunda:inputOutput><camunda:inputParameter name="p">{{secret:OWN}}
                </camunda:inputParameter></camunda:inputOutput>
                """, kind: "scriptTask"))
        #expect(document.references.map(\.name.text) == ["OWN"])
        #expect(document.findings.map(\.rule) == [.unsupportedPlace, .unsupportedPlace])
    }

    /// A process marked not executable is deployed by no engine: its tasks' placeholders
    /// are errors; without the attribute a process runs (found by a fresh tester). So is a
    /// process anywhere but right inside the root (found by the next tester).
    @Test func tasksOfAProcessThatIsNotExecutableAreErrors() throws {
        let task = BPMNFixture.c7Task(
            """
            <camunda:inputOutput><camunda:inputParameter name="p">{{secret:FTP_PASSWORD}}
            </camunda:inputParameter></camunda:inputOutput>
            """)
        // As Java's Boolean.parseBoolean reads it: `true` in any case, nothing else.
        for (attribute, runs) in [
            (#"isExecutable="true""#, true), (#"isExecutable="TRUE""#, true), ("", true),
            (#"isExecutable="false""#, false), (#"isExecutable="1""#, false),
            (#"isExecutable=" true""#, false), (#"isExecutable="""#, false),
        ] {
            let xml = BPMNFixture.definitions(task).replacingOccurrences(
                of: #"isExecutable="true""#, with: attribute)
            let document = BPMNReader.read(bytes: Array(xml.utf8), path: "x.bpmn")
            #expect(document.references.count == (runs ? 1 : 0), "\(attribute)")
            #expect(
                document.findings.map(\.rule) == (runs ? [] : [.unsupportedPlace]), "\(attribute)")
        }
        let wrapped = BPMNFixture.definitions(task).replacingOccurrences(
            of: "<bpmn:process ", with: #"<q:w xmlns:q="urn:other"><bpmn:process "#
        ).replacingOccurrences(of: "</bpmn:process>", with: "</bpmn:process></q:w>")
        let document = BPMNReader.read(bytes: Array(wrapped.utf8), path: "x.bpmn")
        #expect(document.references.isEmpty && document.findings.map(\.rule) == [.unsupportedPlace])
        // Right inside a root that is not `bpmn:definitions` (found by a fresh tester).
        let foreign = BPMNFixture.definitions(task)
            .replacingOccurrences(of: "bpmn:definitions", with: "q:definitions")
            .replacingOccurrences(of: "<q:definitions ", with: #"<q:definitions xmlns:q="urn:q" "#)
        let foreignRoot = BPMNReader.read(bytes: Array(foreign.utf8), path: "x.bpmn")
        #expect(
            foreignRoot.references.isEmpty
                && foreignRoot.findings.map(\.rule) == [.unsupportedPlace], "\(foreignRoot)")
    }

    /// Camunda 7 still reads its extensions in the legacy Activiti namespace (Camunda
    /// Modeler 2 wrote it): input parameters there are inputs (found by a fresh tester).
    @Test func camunda7InputsInTheActivitiNamespace() {
        let (document, _) = read(
            """
            <bpmn:serviceTask id="T"><bpmn:extensionElements xmlns:a="http://activiti.org/bpmn">
            <a:inputOutput><a:inputParameter name="p"><a:map>
            <a:entry key="k">{{secret:LEGACY_NS}}</a:entry></a:map></a:inputParameter>
            </a:inputOutput><a:field name="f"><a:string>{{secret:LEGACY_FIELD}}</a:string>
            </a:field></bpmn:extensionElements></bpmn:serviceTask>
            """)
        #expect(document.findings.isEmpty)
        #expect(document.references.map(\.name.text) == ["LEGACY_NS", "LEGACY_FIELD"])
        #expect(document.references.map(\.fieldPath) == ["p.k", "f"])
    }

    /// A placeholder in a process but in no task names the process and its element (it
    /// said "in the root element").
    @Test func placesOutsideAnyTaskNameTheProcess() {
        let (document, _) = read(
            """
            <bpmn:laneSet id="L"><bpmn:lane id="Lane_1" name="Ops">
            <bpmn:flowNodeRef>{{secret:IN_A_LANE}}</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
            <bpmn:dataObject id="D" itemSubjectRef="{{secret:IN_DATA}}"/>
            """)
        #expect(document.references.isEmpty)
        #expect(
            document.findings.map(\.message) == [
                #"placeholder {{secret:IN_A_LANE}} in <bpmn:flowNodeRef> in process "Process_1" "#
                    + "(outside any task) is not resolved",
                #"placeholder {{secret:IN_DATA}} in the attribute itemSubjectRef of "#
                    + #"<bpmn:dataObject> in process "Process_1" (outside any task) is not resolved"#,
            ])
        let bytes = Array(
            BPMNFixture.definitions("", processName: "{{secret:IN_PROCESS_NAME}}").utf8)
        let named = BPMNReader.read(bytes: bytes, path: "billing.bpmn")
        #expect(
            named.findings.map(\.message) == [
                "placeholder {{secret:IN_PROCESS_NAME}} in a name attribute of "
                    + #"process "Process_1" is not resolved"#
            ])
    }

    @Test func documentationIsANoteAndCommentsAreIgnored() {
        let (document, _) = read(
            BPMNFixture.c7Task(
                """
                <!-- {{secret:IN_COMMENT}} {{ secret:BROKEN }} -->
                <camunda:inputOutput><camunda:inputParameter name="p">a<!-- {{secret:X}} -->b
                </camunda:inputParameter></camunda:inputOutput>
                """)
                + #"<bpmn:task id="T"><bpmn:documentation>needs {{secret:FTP}}"#
                + "</bpmn:documentation>"
                + "</bpmn:task>")
        #expect(document.references.isEmpty)
        #expect(document.findings.map(\.rule) == [.documentation])
        #expect(document.findings.first?.severity == .note)
        #expect(document.isRenderable)
    }

    @Test func nearMissesAreErrorsWithSuggestions() {
        let (document, _) = read(
            BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping><zeebe:input source="{{ secret:FTP_PASSWORD }}" target="a"/>
                <zeebe:input source="{{secrets.API_KEY}}" target="b"/></zeebe:ioMapping>
                """))
        #expect(document.findings.map(\.rule) == [.nearMiss, .nearMiss])
        #expect(document.findings[0].hint == "write {{secret:FTP_PASSWORD}}")
        #expect(document.findings[1].hint == "Tresor writes {{secret:API_KEY}}")
        #expect(document.findings.allSatisfy { $0.severity == .error })
    }

    @Test func legacyBareSecretsReferenceIsAWarning() {
        let (document, _) = read(
            BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping><zeebe:input source="=secrets.MY_TOKEN" target="a"/>
                </zeebe:ioMapping>
                """))
        #expect(document.findings.map(\.rule) == [.camundaSecretReference])
        #expect(document.findings.first?.severity == .warning)
        #expect(document.findings.first?.hint?.contains("{{secret:MY_TOKEN}}") == true)
    }

    @Test func referencesOutsideAProcessHaveNoProcess() {
        let text = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
            <bpmn:collaboration id="C"><bpmn:participant id="P" name="{{secret:X}}"/>
            </bpmn:collaboration>
            </bpmn:definitions>
            """
        let document = BPMNReader.read(bytes: Array(text.utf8), path: "c.bpmn")
        #expect(document.findings.map(\.rule) == [.unsupportedPlace])
        #expect(document.processes.isEmpty)
    }

    /// No engine runs a task outside any `bpmn:process`: its inputs are not resolved, and
    /// the finding says why (it was read as a task input without a word).
    @Test func aTaskOutsideAnyProcessIsNotResolved() {
        let text = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
            <bpmn:collaboration id="C">
            <bpmn:serviceTask id="Stray"><bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="p">{{secret:STRAY}}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
            </bpmn:collaboration>
            </bpmn:definitions>
            """
        let document = BPMNReader.read(bytes: Array(text.utf8), path: "c.bpmn")
        #expect(document.references.isEmpty)
        #expect(
            document.findings.map(\.message) == [
                #"placeholder {{secret:STRAY}} in serviceTask "Stray" outside any "#
                    + "bpmn:process is not resolved"
            ])
        #expect(!document.isRenderable)
    }
}
