import Foundation
import Testing

@testable import TresorKit

/// `FileReader.readAll`: with the size `fstat` gave, a read that stops there ends the file
/// without another read; a size that is wrong (the file grew or shrank since) still gives
/// every byte, and so does a file that says it is empty but is not (`/proc`).
@Suite struct FileReaderTests {
    private func withFile(_ text: String, _ body: (Int32) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "tresor-reader-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        try body(descriptor)
    }

    @Test(arguments: [0, 1, 5, 11, 12, 13, 100])
    func anySizeGivenReadsTheWholeFile(expected: Int) throws {
        try withFile("hello world!") { descriptor in
            let bytes = try FileReader.readAll(
                descriptor, path: "f", limit: 1 << 20, expected: expected, isSize: true)
            #expect(bytes == Array("hello world!".utf8))
        }
    }

    @Test func aFileThatSaysItIsEmptyIsReadWhole() throws {
        let status = try FileReader.read("/proc/self/status", limit: 1 << 20)
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
    }
}
