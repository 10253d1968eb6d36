import Testing

@testable import TresorKit

/// `usage`'s cheaper read finds exactly the references of the full read.
@Suite struct BPMNReaderReferencesTests {
    private func task(_ parameter: String) -> String {
        """
        <?xml version="1.0"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
          <bpmn:process id="p"><bpmn:serviceTask id="t"><bpmn:extensionElements>
            <camunda:inputOutput>\(parameter)</camunda:inputOutput>
          </bpmn:extensionElements></bpmn:serviceTask></bpmn:process>
        </bpmn:definitions>
        """
    }

    /// A UTF-16 file hides its braces from the byte search: the cheap read must still say
    /// why it did not read the file, as the full read does.
    @Test func aUTF16FileIsReportedNotSkipped() {
        let text = task(
            #"<camunda:inputParameter name="a">{{secret:FTP_USER}}</camunda:inputParameter>"#)
        var littleEndian: [UInt8] = []
        for unit in text.utf16 { littleEndian += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for bytes in [[0xFF, 0xFE] + littleEndian, littleEndian] {
            let cheap = BPMNReader.readReferences(bytes: bytes, path: "x.bpmn")
            #expect(cheap.unreadable != nil, "\(cheap.findings)")
        }
    }

    @Test(arguments: [
        #"<camunda:inputParameter name="a">{{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#123;&#x7B;secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#0123;{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">plain</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#34;no brace&#34;</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{<![CDATA[{secret:FTP_USER}}]]></camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a"><![CDATA[{]]>{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{<!-- c -->{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{&#123;secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{&#x007b;secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{&quot;{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{"k": {"j": 1}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">{ {secret:FTP_USER}}</camunda:inputParameter>"#,
        // The first value is stepped over, and still counts for the second's index.
        #"<camunda:inputParameter name="a"><camunda:list><camunda:value>plain</camunda:value>"#
            + #"<camunda:value>{{secret:FTP_USER}}</camunda:value></camunda:list>"#
            + #"</camunda:inputParameter>"#,
    ])
    func sameReferencesAsTheFullRead(parameter: String) {
        let bytes = Array(task(parameter).utf8)
        let full = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        let cheap = BPMNReader.readReferences(bytes: bytes, path: "x.bpmn")
        #expect(cheap.references == full.references)
        // Conservative: braces split by markup may count, a file with references always does.
        #expect(full.references.isEmpty || BPMNReader.lastPlaceholderStart(bytes) != nil)
    }

    @Test(arguments: [
        "plain", "&#34;no brace&#34;", #"{"k": {"j": 1}}"#, "{ {secret:FTP_USER}}",
        // A brace before a reference to anything but a brace, as Camunda 8's FEEL writes
        // its objects.
        "={&quot;id&quot;: order.id}", "{&#34;{secret:FTP_USER}}", "{&amp;{secret:FTP_USER}}",
    ])
    func noPlaceholderCanStart(text: String) {
        let bytes = Array(
            task(#"<camunda:inputParameter name="a">\#(text)</camunda:inputParameter>"#).utf8)
        #expect(BPMNReader.lastPlaceholderStart(bytes) == nil)
    }

    /// Two processes, a placeholder in the first only, and a diagram after both.
    private func document(diagram: String) -> [UInt8] {
        Array(
            """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
              xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI">
              <bpmn:process id="first"><bpmn:serviceTask id="t"><bpmn:extensionElements>
                <camunda:inputOutput><camunda:inputParameter name="a">{{secret:FTP_USER}}\
            </camunda:inputParameter></camunda:inputOutput>
              </bpmn:extensionElements></bpmn:serviceTask></bpmn:process>
              <bpmn:process id="second"><bpmn:serviceTask id="u" name="{not one}"/></bpmn:process>
              \(diagram)
            </bpmn:definitions>
            """.utf8)
    }

    @Test func theWalkEndsWithTheProcessThatHoldsTheLastPlaceholder() throws {
        let bytes = document(diagram: #"<bpmndi:BPMNDiagram id="d"><broken a="1" a="2"/>"#)
        let last = try #require(BPMNReader.lastPlaceholderStart(bytes))
        #expect(bytes[last] == UInt8(ascii: "{") && bytes[last + 1] == UInt8(ascii: "{"))
        let full = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        #expect(full.unreadable != nil)
        let cheap = BPMNReader.readReferences(bytes: bytes, path: "x.bpmn")
        #expect(cheap.unreadable == nil)
        #expect(cheap.references.map(\.name.text) == ["FTP_USER"])
        #expect(cheap.processes.map(\.id) == ["first"])
    }

    @Test func aWellFormedFileGivesTheSameReferencesEitherWay() {
        let bytes = document(diagram: #"<bpmndi:BPMNDiagram id="d"/>"#)
        let full = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        #expect(full.unreadable == nil)
        #expect(
            BPMNReader.readReferences(bytes: bytes, path: "x.bpmn").references == full.references)
    }
}
