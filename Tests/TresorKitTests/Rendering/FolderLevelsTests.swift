import Foundation
import Testing

@testable import TresorKit

/// A folder render makes the output's folders one depth at a time, each depth on all
/// cores: every folder once, after its parent, and two spellings of one name as two folders.
@Suite struct FolderLevelsTests {
    @Test func foldersComeByDepthParentsFirstEachOnce() {
        let files = [
            "top.json", "a/b/c/one.json", "a/b/two.json", "a/three.json", "d/e/four.json",
            "a/b/c/five.json",
        ]
        let levels = FolderRenderer.folderLevels(of: files)
        #expect(levels == [["a", "d"], ["a/b", "d/e"], ["a/b/c"]])
    }

    @Test func twoSpellingsOfANameAreTwoFolders() {
        let composed = "pr\u{FC}f"
        let decomposed = "pru\u{308}f"
        let levels = FolderRenderer.folderLevels(of: [
            "\(composed)/x.json", "\(decomposed)/x.json", "\(decomposed)/\u{301}n/y.json",
        ])
        #expect(levels.count == 2)
        #expect(levels[0].map { Array($0.utf8) } == [Array(composed.utf8), Array(decomposed.utf8)])
        #expect(levels[1].map { Array($0.utf8) } == [Array("\(decomposed)/\u{301}n".utf8)])
    }

    /// The source's folders are made too, empty ones included, with their parents and
    /// each once, whether files lie in them or not.
    @Test func givenFoldersAreMadeWithTheirParents() {
        let levels = FolderRenderer.folderLevels(
            of: ["a/x.json"], and: ["a", "a/empty", "b/c/d", "b", "e"])
        #expect(levels == [["a", "b", "e"], ["a/empty", "b/c"], ["b/c/d"]])
    }

    @Test func aFolderOfFilesOnlyNeedsNoFolder() {
        #expect(FolderRenderer.folderLevels(of: ["a.json", "b.bpmn"]).isEmpty)
    }

    /// Made on disk: many folders at each depth, on all cores, each one there afterwards
    /// with mode 0700.
    @Test func everyFolderIsMadeOnDisk() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-levels-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = (0..<200).map { "p\($0 % 40)/t\($0 % 7)/input-\($0).json" }
        try FolderRenderer.makeFolders(for: files, under: root)
        for file in files {
            let folder = root + "/" + String(file.pathParent!)
            var status = stat()
            #expect(stat(folder, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o700)
        }
        let top = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(top.count == 40)
    }
}
