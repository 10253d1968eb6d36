import Foundation

@testable import TresorKit

/// A temporary vault with canary values and a process folder that uses two secrets, names
/// one that does not exist, and holds a near-miss.
struct ReportFixture {
    static let canary = "fake-CANARY-7f3a9c"
    let scratch: TemporaryVault
    let processes: String

    init() throws {
        scratch = try TemporaryVault()
        try scratch.create("FTP_PASSWORD", Self.canary + "-ftp", type: .password)
        try scratch.create("API_TOKEN", Self.canary + "-api")
        try scratch.create("OLD_TOKEN", Self.canary + "-old")
        processes = scratch.root + "/processes"
        let json = """
            {"password": "{{secret:FTP_PASSWORD}}", "token": "Bearer {{secret:API_TOKEN}}",
             "other": "{{secret:NOT_THERE}}", "typo": "{{secrets.API_TOKEN}}"}
            """
        try FileManager.default.createDirectory(
            atPath: processes + "/upload", withIntermediateDirectories: true)
        try json.write(toFile: processes + "/upload/send.json", atomically: false, encoding: .utf8)
    }

    func model(deploy: String? = nil) throws -> ReportModel {
        var builder = ReportBuilder(
            vault: scratch.vault, processesFolder: processes, displayPrefix: "processes")
        builder.deployFolder = deploy
        return try builder.build(now: Date(timeIntervalSince1970: 1_780_000_100))
    }
}
