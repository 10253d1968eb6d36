import Foundation
import Testing

@testable import TresorKit

/// `FileTree.walk`: a level of many folders is listed on all cores, and the result must be
/// the one a plain recursive listing gives.
@Suite struct FileTreeTests {
    @Test func aWideTreeListsEveryFileAndLinkOnceInOrder() throws {
        let root = NSTemporaryDirectory() + "tresor-tree-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var files: [String] = []
        var links: [String] = []
        for index in 0..<40 {
            let folder = String(format: "proc-%03d", index)
            let deep = folder + "/sub/deeper"
            try FileManager.default.createDirectory(
                atPath: root + "/" + deep, withIntermediateDirectories: true)
            for path in [folder + "/a.bpmn", deep + "/t.json"] {
                #expect(FileManager.default.createFile(atPath: root + "/" + path, contents: nil))
                files.append(path)
            }
            #expect(
                FileManager.default.createFile(atPath: root + "/\(folder)/.hidden", contents: nil))
            try FileManager.default.createDirectory(
                atPath: root + "/\(folder)/.git", withIntermediateDirectories: true)
            #expect(
                FileManager.default.createFile(
                    atPath: root + "/\(folder)/.git/x.bpmn", contents: nil))
            if index % 7 == 0 {
                try FileManager.default.createSymbolicLink(
                    atPath: root + "/\(folder)/link.bpmn", withDestinationPath: "a.bpmn")
                links.append(folder + "/link.bpmn")
            }
        }
        let walked = try FileTree.walk(under: root)
        #expect(walked.files == files.sorted())
        #expect(walked.links == links.sorted())
    }

    @Test func aFolderThatCannotBeListedThrows() throws {
        #expect(throws: FileError.self) {
            try FileTree.walk(under: "/nonexistent-\(UUID().uuidString)")
        }
    }
}
