import Testing

@testable import TresorKit

/// Rendering and deploying leave no plaintext behind: the escaped values, the rendered
/// documents and the task inputs read back from them live in wiped arrays.
extension PlaintextMemoryTests {
    @Test func renderingOneDocument() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let setup = try PlaintextSetup(canary)
            let source = Array(PlaintextFixtures.bpmn.utf8)
            let document = BPMNReader.read(bytes: source, path: "p.bpmn")
            #expect(document.references.count == PlaintextFixtures.bpmnPlaceholders)
            _ = try DocumentRenderer.render(source, document, resolver: setup.resolver())
        }
    }

    @Test func renderingAProcessFolder() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let setup = try PlaintextSetup(canary)
            let renderer = FolderRenderer(source: setup.processes, output: setup.root + "/out")
            let summary = try renderer.render(resolver: setup.resolver())
            #expect(summary.rendered == 2)
        }
    }

    @Test func deployingAProcessFolder() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let setup = try PlaintextSetup(canary)
            let deployment = Deployment(
                vault: setup.temporary.vault, processes: setup.processes,
                output: setup.root + "/deployed", displayPrefix: "processes")
            let summary = try deployment.run(
                resolver: setup.resolver(), environment: setup.temporary.environment)
            #expect(summary.inputs == PlaintextFixtures.taskInputs)
        }
    }
}
