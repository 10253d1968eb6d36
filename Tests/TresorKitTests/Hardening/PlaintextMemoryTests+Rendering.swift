import Testing

@testable import TresorKit

/// Rendering leaves no plaintext behind: the escaped values and the rendered documents
/// live in wiped arrays.
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
}
