import Foundation
import Testing

@testable import TresorKit

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
