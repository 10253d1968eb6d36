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

    /// A scan (`usage`, `validate`) turns a file it cannot read into a finding with the
    /// system's reason, so the rest is still read; reading the one file still throws.
    @Test func aFileThatCannotBeReadIsAFindingForUsage() throws {
        let root = try folder(["p/t.json": #"{"a": "{{secret:X_TOKEN}}"}"#])
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A folder named like a process file: open works, read fails (even as root).
        try FileManager.default.createDirectory(
            atPath: root + "/q.json", withIntermediateDirectories: false)
        let document = try ProcessFolder.scan(
            root: root, relativePath: "q.json", referencesOnly: true)
        #expect(
            try ProcessFolder.scan(root: root, relativePath: "q.json", referencesOnly: false)
                .unreadable?.rule == .unreadableFile)
        let finding = try #require(document.unreadable)
        #expect(finding.rule == .unreadableFile)
        #expect(finding.message == "cannot read the file: not a regular file")
        #expect(finding.location == .file("q.json"))
        #expect(throws: ProcessFolderError.self) {
            try ProcessFolder.read(root: root, relativePath: "q.json")
        }
        let readable = try ProcessFolder.readReferences(root: root, relativePath: "p/t.json")
        #expect(readable.references.count == 1)
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
        #expect(
            throws: ProcessFolderError(
                .unreadableFolder, path: "/nonexistent/tresor", reason: "No such file or directory")
        ) {
            try ProcessFolder.files(in: "/nonexistent/tresor")
        }
        let root = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(
            throws: ProcessFolderError(
                .unreadableFile, path: "gone.bpmn", reason: "No such file or directory")
        ) {
            try ProcessFolder.read(root: root, relativePath: "gone.bpmn")
        }
    }
}
