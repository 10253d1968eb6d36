import Foundation
import Testing

/// Standard output that cannot be written (a full disk, a closed descriptor) makes the
/// command fail with exit 6 and say so: a deploy script redirecting `render` or `dotenv`
/// into a file must not take a truncated file for a good one.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
struct OutputFailureTests {
    /// Runs `tresor ARGUMENTS` through a shell that sends its standard output to
    /// `redirect` (`>/dev/full`, `>&-`).
    private func run(
        _ workspace: Workspace, _ arguments: [String], _ redirect: String, input: String = ""
    ) throws -> Workspace.Run {
        let quoted = ([Workspace.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try workspace.run(
            ["-c", "\(quoted) \(redirect)"], input: Data(input.utf8), executable: "/bin/sh")
    }

    @Test func everyOutputPathReportsAFailedWrite() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("OUT_TOKEN", "token", "fake-output-value")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:OUT_TOKEN}}"}"#)
        let commands: [([String], String)] = [
            (["render", "processes/p/t.json"], ""),
            (["render", "-"], #"{"a": "{{secret:OUT_TOKEN}}"}"#),
            (["dotenv"], ""),
            (["list"], ""),
            (["usage"], ""),
            (["usage", "--json"], ""),
            (["--version"], ""),
        ]
        for (arguments, input) in commands {
            for redirect in [">/dev/full", ">&-"] {
                let result = try run(workspace, arguments, redirect, input: input)
                let what = "\(arguments) \(redirect)"
                #expect(result.status == 6, "\(what): \(result.status) \(result.stderr)")
                #expect(
                    result.stderr.contains("cannot write standard output"),
                    "\(what): \(result.stderr)")
                #expect(!result.stderr.contains("fake-output-value"), "\(what)")
                // No outcome line before the error claims the output was made.
                #expect(!result.stderr.contains("tresor: 1 secret"), "\(what): \(result.stderr)")
            }
        }
        // The same commands with a working standard output succeed.
        #expect(try run(workspace, ["render", "processes/p/t.json"], ">/dev/null").status == 0)
    }
}
