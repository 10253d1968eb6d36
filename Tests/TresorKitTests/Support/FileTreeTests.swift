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
        var hidden: [String] = []
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
            hidden += [folder + "/.git", folder + "/.hidden"]
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
        #expect(walked.hidden == hidden.sorted())
        #expect(walked.special.isEmpty)
    }

    /// A folder whose entries do not fit one read of the kernel's listing (more than 32 KiB
    /// of records: 1,500 long names) is listed whole, with a FIFO as a special entry.
    @Test func aFolderOfManyEntriesIsListedWhole() throws {
        let root = NSTemporaryDirectory() + "tresor-tree-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var files: [String] = []
        for index in 0..<1_500 {
            let name = "task-input-of-a-rather-long-process-name-\(index)-é.json"
            #expect(FileManager.default.createFile(atPath: root + "/" + name, contents: nil))
            files.append(name)
        }
        #expect(mkfifo(root + "/pipe", 0o600) == 0)
        let walked = try FileTree.walk(under: root)
        #expect(walked.files == files.sorted())
        #expect(walked.special == ["pipe"])
    }

    /// A name that is not UTF-8 cannot be a Swift path: the walk names it and stops,
    /// rather than listing a repaired name that opens nothing.
    @Test func aNameThatIsNotUTF8IsNamed() throws {
        let root = NSTemporaryDirectory() + "tresor-tree-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: root + "/p", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var path = Array((root + "/p/f").utf8).map { CChar(bitPattern: $0) }
        path += [CChar(bitPattern: 0xE9)] + Array(".json".utf8).map { CChar(bitPattern: $0) } + [0]
        let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(throws: FileError.nameNotUTF8(root + #"/p/f\xe9.json"#)) {
            try FileTree.walk(under: root)
        }
        // validate, usage and deploy say what to do about it, as render does.
        do {
            _ = try ProcessFolder.files(in: root)
            Issue.record("a name that is not UTF-8 was listed")
        } catch {
            #expect(error.hint?.contains("rename it") == true, "\(error.hint ?? "")")
        }
    }

    @Test func aFolderThatCannotBeListedThrows() throws {
        #expect(throws: FileError.self) {
            try FileTree.walk(under: "/nonexistent-\(UUID().uuidString)")
        }
    }
}
