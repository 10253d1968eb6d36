import Foundation
import Testing

@testable import TresorKit

@Suite struct AtomicFileTests {
    @Test func replacesContentAndLeavesNoTemporaryFile() throws {
        let folder = NSTemporaryDirectory() + "tresor-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/file.yaml"
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path, mode: 0o600)
        #expect(try FileReader.read(path, limit: 10) == Array("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["file.yaml"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        #expect((mode as? Int) == 0o600)
    }

    /// A reserved temporary name: one that a killed writer left is replaced, and no other
    /// file of the folder is touched (a unique write would remove a dead process's).
    @Test func reservedTemporaryReplacesALeftoverAndListsNothing() throws {
        let folder = NSTemporaryDirectory() + "tresor-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/file.yaml"
        let dead = folder + "/.file.yaml.tmp-99999999-1"
        for leftover in [folder + "/.mine.tmp-locked", dead] {
            #expect(FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8)))
        }
        try AtomicFile.write(Array("new".utf8), to: path, temporary: .reserved(".mine.tmp-locked"))
        #expect(try FileReader.read(path, limit: 10) == Array("new".utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".file.yaml.tmp-99999999-1", "file.yaml"])
    }

    @Test func failedWriteKeepsTheOldFile() throws {
        let folder = NSTemporaryDirectory() + "tresor-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/file.yaml"
        try AtomicFile.write(Array("old".utf8), to: path)
        try FileManager.default.createDirectory(
            atPath: path + ".blocker", withIntermediateDirectories: true)
        // A target that is a non-empty folder makes rename fail after the data was written.
        #expect(throws: FileError.self) {
            try AtomicFile.write(Array("new".utf8), to: folder)
        }
        #expect(try FileReader.read(path, limit: 10) == Array("old".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: AtomicFile.parent(of: folder)
        )
        .filter {
            $0.contains(".tmp-") && $0.contains(URL(fileURLWithPath: folder).lastPathComponent)
        }
        #expect(leftovers.isEmpty)
    }

    @Test func readerRefusesLargeFilesAndFolders() throws {
        #expect(throws: FileError.self) { try FileReader.read("/etc", limit: 10) }
        #expect(throws: FileError.self) { try FileReader.read("/etc/passwd", limit: 1) }
    }
}

@Suite struct VaultLockTests {
    @Test func secondLockWaitsAndTimesOut() throws {
        let folder = NSTemporaryDirectory() + "tresor-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var first: VaultLock? = try VaultLock(folder: folder)
        #expect(first != nil)
        #expect(throws: LockError.self) { try VaultLock(folder: folder, timeout: 0.2) }
        first = nil
        _ = try VaultLock(folder: folder, timeout: 0.2)
    }
}
