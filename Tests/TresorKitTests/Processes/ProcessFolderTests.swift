import Foundation
import Testing

@testable import TresorKit

@Suite struct ProcessFolderTests {
    /// A fresh temporary folder with `files` (relative path → content).
    private func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-processes-\(UUID().uuidString)").path
        for (path, content) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return root
    }

    @Test func listsProcessFilesSortedSkippingDotFoldersAndLinks() throws {
        let root = try folder([
            "b.bpmn": "<a/>", "a/x.bpmn20.xml": "<a/>", "a/T.json": "{}", ".git/c.bpmn": "<a/>",
            "notes.txt": "", "a/.hidden.json": "{}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(
            atPath: root + "/linked", withDestinationPath: root + "/a")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/l.bpmn", withDestinationPath: root + "/b.bpmn")
        #expect(try ProcessFolder.files(in: root) == ["a/T.json", "a/x.bpmn20.xml", "b.bpmn"])
    }

    @Test func readsByExtension() throws {
        let root = try folder([
            "p/T.json": #"{"k": "{{secret:K}}"}"#,
            "p.bpmn": BPMNFixture.definitions(""),
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let json = try ProcessFolder.read(root: root, relativePath: "p/T.json")
        #expect(json.kind == .json && json.references.count == 1)
        let bpmn = try ProcessFolder.read(root: root, relativePath: "p.bpmn")
        #expect(bpmn.kind == .bpmn && bpmn.processes.count == 1 && bpmn.findings.isEmpty)
    }

    @Test func missingFolderAndFileAreTypedErrors() throws {
        #expect(throws: ProcessFolderError(.unreadableFolder, path: "/nonexistent/tresor")) {
            try ProcessFolder.files(in: "/nonexistent/tresor")
        }
        let root = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ProcessFolderError(.unreadableFile, path: "gone.bpmn")) {
            try ProcessFolder.read(root: root, relativePath: "gone.bpmn")
        }
    }
}
