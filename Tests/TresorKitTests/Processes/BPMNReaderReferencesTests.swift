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

    @Test(arguments: [
        #"<camunda:inputParameter name="a">{{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#123;&#x7B;secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#0123;{secret:FTP_USER}}</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">plain</camunda:inputParameter>"#,
        #"<camunda:inputParameter name="a">&#34;no brace&#34;</camunda:inputParameter>"#,
    ])
    func sameReferencesAsTheFullRead(parameter: String) {
        let bytes = Array(task(parameter).utf8)
        let full = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        let cheap = BPMNReader.readReferences(bytes: bytes, path: "x.bpmn")
        #expect(cheap.references == full.references)
        #expect(BPMNReader.mayHoldPlaceholder(bytes) == !full.references.isEmpty)
    }
}
