import Foundation
import Testing

@testable import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// A failed file-system call says what to do about the cause, where the cause says more
/// than its name.
@Suite struct FileErrorTests {
    /// Two renders to one output at once: the slower one's rename meets the other's output
    /// (found by a fresh tester, whose message said only "Directory not empty").
    @Test(arguments: [ENOTEMPTY, EEXIST])
    func somethingWrittenMeanwhileSaysAnotherRunMayHaveDoneIt(code: Int32) throws {
        let hint = try #require(FileError.system("rename", "out", code).hint)
        #expect(hint.contains("another render or deploy to the same output at the same time"))
    }

    @Test func aPathTooLongSaysToShortenIt() throws {
        let error = FileError.system("list", "deep", ENAMETOOLONG)
        #expect(error.hint?.hasPrefix("shorten the path") == true)
        #expect(error.pathLengthHint == error.hint)
        #expect(FileError.system("list", "deep", ENOENT).pathLengthHint == nil)
    }
}

/// A tree built inside its output (an empty folder, a mount point) is put in place entry by
/// entry: another run's build folder beside it is left alone, so two renders at once both
/// finish (found by a second fresh tester: the first to end removed the other's).
@Suite struct BuildInsideTests {
    @Test func anotherRunsBuildFolderIsLeftAlone() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-inside-\(UUID().uuidString)").path
        let output = root + "/out"
        try FileManager.default.createDirectory(
            atPath: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let ours = try FileTree.buildFolder(for: output)
        #expect(ours.pathParent.map(String.init) == output)
        // PID 1 always runs: its build folder is live.
        let theirs = output + "/.render.tmp-1-9"
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: theirs + "/x", contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: ours + "/a", contents: Data("a".utf8))
        _ = FileManager.default.createFile(atPath: ours + "/.marker", contents: Data("m".utf8))
        #expect(try FileTree.replace(output, with: ours, marker: ".marker") == nil)
        let entries = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(entries == [".marker", ".render.tmp-1-9", "a"])
        #expect(FileManager.default.fileExists(atPath: theirs + "/x"))
    }
}
