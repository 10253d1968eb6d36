import Testing

@testable import TresorKit

/// The walker on its own: which sites it finds and what place it gives each, independent of
/// placeholder scanning.
@Suite struct BPMNWalkerTests {
    private struct Seen: Equatable {
        var text: String
        var place: BPMNSitePlace
        var task: String?
        var process: String?
    }

    private func sites(_ body: String, wrap: Bool = true) throws -> [Seen] {
        let document = wrap ? BPMNFixture.definitions(body) : body
        var walker = BPMNWalker(Array(document.utf8))
        var seen: [Seen] = []
        try walker.walk { site in
            seen.append(
                Seen(
                    text: site.text.string, place: site.place, task: site.task?.id,
                    process: site.process?.id))
        }
        return seen
    }

    @Test func camunda7InputParametersMapsAndLists() throws {
        let seen = try sites(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput>
                  <camunda:inputParameter name="url">{u}</camunda:inputParameter>
                  <camunda:inputParameter name="headers"><camunda:map>
                    <camunda:entry key="Authorization">{a}</camunda:entry>
                    <camunda:entry key="X Y"><camunda:list>
                      <camunda:value>{l0}</camunda:value><camunda:value>{l1}</camunda:value>
                    </camunda:list></camunda:entry>
                  </camunda:map></camunda:inputParameter>
                  <camunda:inputParameter name="s">
                  <camunda:script scriptFormat="js">{s}</camunda:script>
                  </camunda:inputParameter>
                  <camunda:outputParameter name="o">{o}</camunda:outputParameter>
                </camunda:inputOutput>
                """))
        let inputs = seen.compactMap { site -> String? in
            guard case .input(let parameter, let path, .expressionLanguage) = site.place else {
                return nil
            }
            return "\(parameter)|\(path)|\(site.text)"
        }
        #expect(
            inputs == [
                "url|url|{u}", "headers|headers.Authorization|{a}",
                #"headers|headers["X Y"][0]|{l0}"#,
                #"headers|headers["X Y"][1]|{l1}"#,
            ])
        #expect(seen.contains { $0.place == .script(parameter: "s") })
        #expect(seen.contains { $0.text == "{o}" && $0.place != .documentation })
        #expect(seen.allSatisfy { $0.task == "Task_1" && $0.process == "Process_1" })
    }

    @Test func zeebeSourcesHeadersAndFlowableFields() throws {
        let seen = try sites(
            BPMNFixture.zeebeTask(
                """
                <zeebe:taskDefinition type="{t}"/>
                <zeebe:ioMapping><zeebe:input source="{s}" target="body"/>
                <zeebe:output source="{o}" target="x"/></zeebe:ioMapping>
                <zeebe:taskHeaders><zeebe:header key="auth" value="{h}"/></zeebe:taskHeaders>
                """)
                + BPMNFixture.flowableTask(
                    """
                    <flowable:field name="requestUrl" stringValue="{f1}"/>
                    <flowable:field name="body"><flowable:string><![CDATA[{f2}]]></flowable:string>
                    </flowable:field>
                    """))
        let inputs = seen.compactMap { site -> String? in
            guard case .input(let parameter, let path, let reading) = site.place else {
                return nil
            }
            return "\(parameter)|\(path)|\(reading)|\(site.text)"
        }
        #expect(
            inputs == [
                "body|body|feelWhenMarked|{s}", "auth|auth|staticText|{h}",
                "requestUrl|requestUrl|expressionLanguage|{f1}",
                "body|body|expressionLanguage|{f2}",
            ])
        let type = try #require(seen.first { $0.text == "{t}" })
        #expect(
            type.place
                == .unsupported(
                    #"the attribute type of <zeebe:taskDefinition> in serviceTask "Task_Z""#))
    }

    @Test func unsupportedPlacesSayWhere() throws {
        let seen = try sites(
            """
            <bpmn:userTask id="U" name="{n}"><bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="p">{u}</camunda:inputParameter>
            </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="F"><bpmn:conditionExpression>{c}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:serviceTask id="S" camunda:class="{k}">
            <bpmn:documentation>{d}</bpmn:documentation>
            </bpmn:serviceTask>
            """)
        let places = Dictionary(uniqueKeysWithValues: seen.map { ($0.text, $0.place) })
        #expect(places["{n}"] == .unsupported(#"a name attribute of userTask "U""#))
        #expect(places["{u}"] == .unsupported(#"a user task or its form fields (userTask "U")"#))
        #expect(places["{c}"] == .unsupported("a condition expression"))
        #expect(places["{k}"] == .unsupported(#"the attribute camunda:class of serviceTask "S""#))
        #expect(places["{d}"] == .documentation)
    }

    @Test func joinsTextAndCDATAPiecesAndSkipsComments() throws {
        let document = BPMNFixture.definitions(
            BPMNFixture.c7Task(
                """
                <camunda:inputOutput>
                <camunda:inputParameter name="p">a<!-- {c} -->b<![CDATA[{x}]]>&amp;
                </camunda:inputParameter></camunda:inputOutput>
                """))
        var walker = BPMNWalker(Array(document.utf8), readsEveryText: true)
        var found: [BPMNSite] = []
        try walker.walk { site in
            if case .input = site.place { found.append(site) }
        }
        let site = try #require(found.first)
        #expect(site.text.string == "ab{x}&\n")
        #expect(site.pieces.map(\.outer) == [.xmlText, .xmlText, .cdata, .xmlText])
        #expect(site.outer(of: 2..<5) == .cdata)
        #expect(site.outer(of: 0..<2) == nil)
    }

    @Test func listsProcessesAndResolvesNamespacesByURI() throws {
        let document = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:x="http://flowable.org/bpmn"><process id="A" name="Alpha"/>
              <process id="B"><serviceTask id="T"><extensionElements>
              <x:field name="f" expression="{e}"/></extensionElements></serviceTask></process>
            </definitions>
            """
        var walker = BPMNWalker(Array(document.utf8))
        var places: [BPMNSitePlace] = []
        try walker.walk { places.append($0.place) }
        #expect(
            walker.processes == [
                ProcessIdentity(id: "A", name: "Alpha"), ProcessIdentity(id: "B"),
            ])
        #expect(places == [.input(parameter: "f", fieldPath: "f", reading: .expressionLanguage)])
    }

    @Test func refusesUndeclaredPrefixes() {
        var walker = BPMNWalker(Array("<a><p:b/></a>".utf8), readsEveryText: true)
        #expect(throws: XMLSyntaxError.self) { try walker.walk { _ in } }
    }
}
