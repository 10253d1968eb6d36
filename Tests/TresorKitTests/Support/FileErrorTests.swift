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
        let ours = try FileTree.buildFolder(for: output, found: FileIdentity(at: output))
        #expect(ours.pathParent.map(String.init) == output)
        // PID 1 always runs: its build folder is live.
        let theirs = output + "/.render.tmp-1-9"
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: theirs + "/x", contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: ours + "/a", contents: Data("a".utf8))
        _ = FileManager.default.createFile(atPath: ours + "/.marker", contents: Data("m".utf8))
        #expect(
            try FileTree.replace(output, with: ours, marker: ".marker", replacing: nil) == nil)
        let entries = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(entries == [".marker", ".render.tmp-1-9", "a"])
        #expect(FileManager.default.fileExists(atPath: theirs + "/x"))
    }

    /// A folder holding only another live run's build folder counts as empty for a second
    /// render (it was refused as a folder no render wrote; found by a fourth fresh tester).
    @Test func aFolderWithAnotherRunsBuildFolderIsStillEmpty() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-inside-\(UUID().uuidString)").path
        let output = root + "/out"
        // PID 1 always runs: its build folder is live.
        try FileManager.default.createDirectory(
            atPath: output + "/.render.tmp-1-9", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try OutputGuard(protected: []).checkFolder(output, replace: false)
        _ = FileManager.default.createFile(atPath: output + "/other", contents: Data())
        #expect(throws: RenderError.self) {
            try OutputGuard(protected: []).checkFolder(output, replace: false)
        }
    }
}

/// What appears at an output while a command runs is never replaced: only an earlier output
/// (its marker) with `--force` is (a folder made during a deploy was deleted, and parallel
/// deploys replaced each other's output; found by a third fresh tester).
@Suite struct AppearedOutputTests {
    private func tree(_ root: String, _ name: String) throws -> String {
        let folder = root + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/.marker", contents: Data("m".utf8))
        return folder
    }

    @Test func aFolderOrFileThatAppearedIsKept() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-appeared-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/out"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for force in [false, true] {
            // A folder of someone else's (no marker) is kept, with or without --force.
            try FileManager.default.createDirectory(
                atPath: output, withIntermediateDirectories: false)
            _ = FileManager.default.createFile(atPath: output + "/notes", contents: Data())
            let replacing = force ? FileIdentity(at: output) : nil
            let built = try tree(root, ".out.tmp-built")
            #expect(throws: FileError.appeared(output)) {
                try FileTree.replace(output, with: built, marker: ".marker", replacing: replacing)
            }
            #expect(FileManager.default.fileExists(atPath: output + "/notes"))
            try FileManager.default.removeItem(atPath: output)
            try FileManager.default.removeItem(atPath: built)
        }
        // An earlier output appeared (another deploy finished first): kept without --force.
        let first = try tree(root, ".out.tmp-first")
        try FileTree.replace(output, with: first, marker: ".marker", replacing: nil)
        let second = try tree(root, ".out.tmp-second")
        _ = FileManager.default.createFile(atPath: second + "/mine", contents: Data())
        #expect(throws: FileError.appeared(output)) {
            try FileTree.replace(output, with: second, marker: ".marker", replacing: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/mine"))
        // With --force, only the output found at the start: another one put in its place
        // since is kept (found by a fifth fresh tester).
        let found = try #require(FileIdentity(at: output))
        try FileManager.default.moveItem(atPath: output, toPath: root + "/moved")
        let other = try tree(root, "out")
        #expect(other == output)
        #expect(throws: FileError.appeared(output)) {
            try FileTree.replace(output, with: second, marker: ".marker", replacing: found)
        }
        try FileManager.default.removeItem(atPath: output)
        try FileManager.default.moveItem(atPath: root + "/moved", toPath: output)
        try FileTree.replace(output, with: second, marker: ".marker", replacing: found)
        #expect(FileManager.default.fileExists(atPath: output + "/mine"))
        // A file: created only while nothing is there.
        let file = root + "/out.json"
        _ = FileManager.default.createFile(atPath: file, contents: Data("theirs".utf8))
        #expect(throws: FileError.appeared(file)) {
            try AtomicFile.write(Array("ours".utf8), to: file, replacing: .nothing)
        }
        #expect(try FileReader.read(file, limit: 10) == Array("theirs".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root)
            .filter { $0.contains(".tmp-") && $0.hasPrefix(".out.json") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}

/// An output built inside its folder (an empty one) never replaces what appeared beside the
/// build folder; a file output with --force replaces only the regular file it found (found
/// by a fourth fresh tester).
@Suite struct AppearedInsideTests {
    @Test func whatAppearsInAnEmptyOutputFolderIsKept() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-inside-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        // An empty folder that was not there at the start is never built into (found by a
        // fifth fresh tester): the tree is built beside it, and its last rename refused.
        let beside = try FileTree.buildFolder(for: output, found: nil)
        #expect(beside.pathParent.map(String.init) == root)
        try FileManager.default.removeItem(atPath: beside)
        let built = try FileTree.buildFolder(for: output, found: FileIdentity(at: output))
        #expect(built.pathParent.map(String.init) == output)
        _ = FileManager.default.createFile(atPath: built + "/.marker", contents: Data("m".utf8))
        _ = FileManager.default.createFile(atPath: output + "/notes.txt", contents: Data())
        for replacing in [nil, FileIdentity(at: output)] {
            #expect(throws: FileError.appeared(output)) {
                try FileTree.replace(output, with: built, marker: ".marker", replacing: replacing)
            }
        }
        #expect(FileManager.default.fileExists(atPath: output + "/notes.txt"))
        let file = root + "/out.env"
        #expect(mkfifo(file, 0o600) == 0)
        #expect(throws: FileError.appeared(file)) {
            try AtomicFile.write(Array("x".utf8), to: file, replacing: .anyFile)
        }
        #expect(FileTree.kind(of: file) == .other)
    }
}
