import Testing

@testable import TresorKit

/// Reading stays linear: four times the input must not take anywhere near sixteen times as
/// long (quadratic), whether the size comes from many tasks or one large payload.
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

    private func seconds(_ bytes: [UInt8], expecting references: Int) -> Double {
        let clock = ContinuousClock()
        var document: ProcessDocument?
        let elapsed = clock.measure { document = BPMNReader.read(bytes: bytes, path: "s.bpmn") }
        #expect(document?.references.count == references)
        let parts = elapsed.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    @Test func manyTasksScaleLinearly() {
        let small = seconds(tasks(500), expecting: 500)
        let large = seconds(tasks(2_000), expecting: 2_000)
        #expect(large < max(small, 0.01) * 10)
    }

    @Test func oneLargePayloadScalesLinearly() {
        let small = seconds(payload(2_000), expecting: 2_000)
        let large = seconds(payload(8_000), expecting: 8_000)
        #expect(large < max(small, 0.01) * 10)
    }
}
