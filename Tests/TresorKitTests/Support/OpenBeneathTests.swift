import CTresorFiles
import Foundation
import Testing

@testable import TresorKit

/// Reading below a process folder never follows a symbolic link: not the file's, not a
/// folder's on the way (a folder swapped for a link after the folder was listed), and
/// never out of the folder. Both ways of opening are held to it: openat2 and the
/// step-by-step fallback for older kernels.
@Suite struct OpenBeneathTests {
    /// A folder with `d/t.json`, a link `l` to `d`, a link `d/link.json` to `t.json`, and a
    /// file outside it that links point at.
    private func tree() throws -> (root: String, outside: String) {
        let base = NSTemporaryDirectory() + "tresor-beneath-\(UUID().uuidString)"
        let root = base + "/p"
        try FileManager.default.createDirectory(
            atPath: root + "/d", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/d/t.json"))
        try Data("fake-outside".utf8).write(to: URL(fileURLWithPath: base + "/outside.key"))
        try FileManager.default.createSymbolicLink(atPath: root + "/l", withDestinationPath: "d")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/d/link.json", withDestinationPath: "t.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/up", withDestinationPath: "..")
        return (root, base)
    }

    @Test func aFileIsReadAndEveryLinkOnTheWayIsRefused() throws {
        let (root, base) = try tree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(try FileReader.read("d/t.json", beneath: root, limit: 100) == Array("{}".utf8))
        for path in ["l/t.json", "d/link.json", "up/outside.key", "../outside.key"] {
            #expect(throws: FileError.linkOnTheWay(root + "/" + path), "\(path)") {
                try FileReader.read(path, beneath: root, limit: 100)
            }
        }
    }

    /// A scan holds the folder open and opens every file beneath it: the same rules, and
    /// the folder stays the one it opened when its path is moved away.
    @Test func aFolderHeldOpenReadsTheSameWay() throws {
        let (root, base) = try tree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let folder = try OpenFolder(root)
        #expect(try FileReader.read("d/t.json", beneath: folder, limit: 100) == Array("{}".utf8))
        for path in ["l/t.json", "d/link.json", "up/outside.key", "../outside.key"] {
            #expect(throws: FileError.linkOnTheWay(root + "/" + path), "\(path)") {
                try FileReader.read(path, beneath: folder, limit: 100)
            }
        }
        try FileManager.default.moveItem(atPath: root, toPath: base + "/moved")
        #expect(try FileReader.read("d/t.json", beneath: folder, limit: 100) == Array("{}".utf8))
        #expect(throws: FileError.self) { try OpenFolder(root) }
    }

    @Test(arguments: [false, true])
    func bothWaysOfOpeningRefuseTheSameLinks(stepwise: Bool) throws {
        let (root, base) = try tree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let folder = open(root, O_RDONLY | O_DIRECTORY)
        #expect(folder >= 0)
        defer { close(folder) }
        let opener = stepwise ? tresor_open_beneath_stepwise : tresor_open_beneath
        let file = opener(folder, "d/t.json", O_RDONLY)
        #expect(file >= 0)
        close(file)
        let listed = opener(folder, "d", O_RDONLY | O_DIRECTORY)
        #expect(listed >= 0)
        close(listed)
        for path in ["l/t.json", "d/link.json", "l", "up/outside.key", "../outside.key", "/etc"] {
            errno = 0
            #expect(opener(folder, path, O_RDONLY) == -1, "\(path)")
            #expect(errno == ELOOP || errno == EXDEV, "\(path): errno \(errno)")
        }
        errno = 0
        #expect(opener(folder, "d/missing.json", O_RDONLY) == -1)
        #expect(errno == ENOENT)
    }

    /// The walk lists a link as a link and never lists through it.
    @Test func theWalkNeverListsThroughALink() throws {
        let (root, base) = try tree()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let walked = try FileTree.walk(under: root)
        #expect(walked.files == ["d/t.json"])
        #expect(walked.links == ["d/link.json", "l", "up"])
    }
}
