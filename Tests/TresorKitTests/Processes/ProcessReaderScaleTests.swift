import Testing

@testable import TresorKit

/// Large files are read whole and exactly, whether the size comes from many tasks or one
/// large payload. (How the time grows is measured in bench/, never timed in a test.)
@Suite struct ProcessReaderScaleTests {
    private func tasks(_ count: Int) -> [UInt8] {
        var body = ""
        for index in 0..<count {
            body += BPMNFixture.zeebeTask(
                """
                <zeebe:ioMapping><zeebe:input source="= &quot;{{secret:K\(index)}}&quot;" \
                target="t"/></zeebe:ioMapping>
                """
            ).replacingOccurrences(of: "Task_Z", with: "T\(index)")
        }
        return Array(BPMNFixture.definitions(body).utf8)
    }

    private func payload(_ count: Int) -> [UInt8] {
        var json = "["
        for index in 0..<count {
            json += (index == 0 ? "" : ",") + #"{"k\#(index)": "&lt;{{secret:P}}<!-- -->"}"#
        }
        let task = BPMNFixture.c7Task(
            """
            <camunda:inputOutput><camunda:inputParameter name="p">\(json)]
            </camunda:inputParameter></camunda:inputOutput>
            """)
        return Array(BPMNFixture.definitions(task).utf8)
    }

    private func references(_ bytes: [UInt8]) -> Int {
        BPMNReader.read(bytes: bytes, path: "s.bpmn").references.count
    }

    @Test func manyTasksAreAllRead() {
        #expect(references(tasks(2_000)) == 2_000)
    }

    @Test func oneLargePayloadIsReadWhole() {
        #expect(references(payload(8_000)) == 8_000)
    }
}
