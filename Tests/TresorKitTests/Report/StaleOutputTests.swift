import Foundation
import Testing

@testable import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Stale outputs of a deploy folder, judged against the vault's audit stamps and the
/// process files' modification times.
@Suite struct StaleOutputTests {
    /// A deploy folder with the marker and a rendered copy of `upload/send.json`.
    private func deploy(_ fixture: ReportFixture, written: Date?) throws -> String {
        let folder = fixture.scratch.root + "/deploy"
        try FileManager.default.createDirectory(
            atPath: folder + "/upload", withIntermediateDirectories: true)
        try "".write(toFile: folder + "/" + OutputGuard.marker, atomically: false, encoding: .utf8)
        if let written {
            let output = folder + "/upload/send.json"
            try "{}".write(toFile: output, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes(
                [.modificationDate: written], ofItemAtPath: output)
            let source = fixture.processes + "/upload/send.json"
            try FileManager.default.setAttributes(
                [.modificationDate: written.addingTimeInterval(-60)], ofItemAtPath: source)
        }
        return folder
    }

    private let stamp = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func anOutputWrittenAfterEveryChangeIsFreshExceptForAMissingSecret() throws {
        let fixture = try ReportFixture()
        let folder = try deploy(fixture, written: stamp.addingTimeInterval(3600))
        let stale = try #require(try fixture.model(deploy: folder).staleOutputs)
        #expect(
            stale == [
                StaleOutput(path: "upload/send.json", reason: "uses deleted secrets: NOT_THERE")
            ])
    }

    @Test func aSecretChangedAfterTheRenderMakesItStale() throws {
        let fixture = try ReportFixture()
        try fixture.scratch.write(
            "NOT_THERE.yaml",
            try fixture.scratch.file("OLD_TOKEN.yaml")
                .replacingOccurrences(of: "OLD_TOKEN", with: "NOT_THERE"))
        let folder = try deploy(fixture, written: stamp.addingTimeInterval(-3600))
        let stale = try #require(try fixture.model(deploy: folder).staleOutputs)
        #expect(stale.map(\.path) == ["upload/send.json"])
        #expect(
            stale.first?.reason.hasPrefix("secrets changed since: API_TOKEN, FTP_PASSWORD") == true)
    }

    /// Files are told apart by their bytes: of two spellings of one folder name, only the
    /// one whose process file changed is stale, and a name starting with a combining mark
    /// is shown where it is (found by a fresh tester).
    @Test func twoSpellingsOfANameAreTwoOutputs() throws {
        let fixture = try ReportFixture()
        let folder = try deploy(fixture, written: stamp.addingTimeInterval(3600))
        let input = #"{"password": "{{secret:FTP_PASSWORD}}"}"#
        func put(_ path: String, _ modified: Date) throws {
            var parent = ""
            let names = path.utf8.split(separator: UInt8(ascii: "/")).map {
                String(decoding: $0, as: UTF8.self)
            }
            for name in names.dropLast() {
                parent += "/" + name
                if mkdir(parent, 0o755) != 0 { try #require(errno == EEXIST) }
            }
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(file >= 0)
            _ = input.utf8CString.withUnsafeBufferPointer {
                write(file, $0.baseAddress, input.utf8.count)
            }
            close(file)
            let seconds = Int(modified.timeIntervalSince1970)
            var times = [
                timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0),
            ]
            try #require(utimes(path, &times) == 0)
        }
        let (composed, decomposed, marked) = (
            "pr\u{FC}f/a.json", "pru\u{308}f/a.json", "\u{301}x.json"
        )
        for name in [composed, decomposed, marked] {
            try put(folder + "/" + name, stamp.addingTimeInterval(3600))
        }
        try put(fixture.processes + "/" + composed, stamp)
        try put(fixture.processes + "/" + decomposed, stamp.addingTimeInterval(7200))
        try put(fixture.processes + "/" + marked, stamp)
        let stale = try #require(try fixture.model(deploy: folder).staleOutputs)
        let changed = stale.filter { $0.reason == "the process file changed since" }.map(\.path)
        #expect(changed.count == 1 && changed.first?.utf8.elementsEqual(decomposed.utf8) == true)
        #expect(!stale.contains { $0.path.utf8.elementsEqual(marked.utf8) })
        #expect(!stale.contains { $0.path.hasSuffix("x.json") && $0.path.contains("processes") })
    }

    @Test func anOutputNeverRenderedIsStale() throws {
        let fixture = try ReportFixture()
        let folder = try deploy(fixture, written: nil)
        let stale = try #require(try fixture.model(deploy: folder).staleOutputs)
        #expect(stale == [StaleOutput(path: "upload/send.json", reason: "not rendered yet")])
    }

    @Test func aFolderWithoutTheRenderMarkerIsRefused() throws {
        let fixture = try ReportFixture()
        #expect(throws: ReportError.self) { try fixture.model(deploy: fixture.processes) }
    }
}
