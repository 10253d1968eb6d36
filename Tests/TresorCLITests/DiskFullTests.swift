import Foundation
import Testing

/// A full disk during a write, simulated with a file-size limit (RLIMIT_FSIZE through
/// `prlimit --fsize`, no privileges needed): the command reports the error with exit 6,
/// the old file stays as it was, and no temporary file is left behind.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/prlimit")))
struct DiskFullTests {
    /// Runs `tresor ARGUMENTS` with writes limited to `bytes` per file.
    private func limited(
        _ workspace: Workspace, _ bytes: Int, _ arguments: [String], value: String = ""
    ) throws -> Workspace.Run {
        // The test runner ignores SIGXFSZ and a child inherits that; a shell does not, so
        // `env` restores the default action (end the process) as a user's shell has it.
        try workspace.run(
            ["--default-signal=XFSZ", "prlimit", "--fsize=\(bytes)", Workspace.binary]
                + arguments, input: Data(value.utf8), executable: "/usr/bin/env")
    }

    private func expectReported(_ run: Workspace.Run, _ what: String) {
        #expect(run.status == 6, "\(what): status \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("File too large"), "\(what): \(run.stderr)")
        #expect(run.stderr.contains("nothing was changed"), "\(what): \(run.stderr)")
    }

    @Test func secretWritesKeepTheOldFile() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FULL_TOKEN", "token", "fake-old-value")])
        let before = workspace.vaultSnapshot()
        let edits: [(String, [String], String)] = [
            ("edit value", ["edit", "FULL_TOKEN", "--new-value"], "fake-new-value"),
            ("edit display name", ["edit", "FULL_TOKEN", "--display-name", "Renamed"], ""),
            ("create", ["create", "NEW_TOKEN", "--display-name", "N", "--type", "token"], "fake"),
        ]
        for limit in [0, 100, 400] {
            for (what, arguments, value) in edits {
                expectReported(try limited(workspace, limit, arguments, value: value), what)
                #expect(workspace.vaultSnapshot() == before, "\(what) at \(limit) bytes")
            }
        }
        try workspace.write("in.json", #"{"a": "{{secret:FULL_TOKEN}}"}"#)
        #expect(try workspace.run(["render", "in.json"]).stdout == #"{"a": "fake-old-value"}"#)
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func renderOutputsAreNotLeftHalfWritten() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FULL_TOKEN", "token", "fake-old-value")])
        let input =
            #"{"a": "{{secret:FULL_TOKEN}}", "pad": "\#(String(repeating: "x", count: 500))"}"#
        try workspace.write("processes/p/t.json", input)
        try workspace.write("out.json", "previous output")
        expectReported(
            try limited(
                workspace, 100, ["render", "processes/p/t.json", "--out", "out.json", "--force"]),
            "render file")
        #expect(try workspace.read("out.json") == Data("previous output".utf8))
        expectReported(
            try limited(workspace, 100, ["render", "processes", "--out", "rendered"]),
            "render folder")
        #expect(!workspace.exists("rendered"))
        let leftovers = workspace.allFiles().map(\.0).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
