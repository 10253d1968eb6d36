import Foundation
import Testing

/// `usage` and `delete` say which process files they could not read, rather than report a
/// secret those files use as used nowhere.
@Suite struct UnreadableProcessFileTests {
    static let input =
        "<camunda:inputParameter name=\"a\">{{secret:FTP_HOST}}</camunda:inputParameter>"

    /// A vault with FTP_HOST, used only by process files that cannot be read.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_HOST", "host", "fake-unread")])
        let body = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
              <bpmn:process id="p"><bpmn:serviceTask id="T"><bpmn:extensionElements>
                <camunda:inputOutput>\(Self.input)</camunda:inputOutput>
              </bpmn:extensionElements></bpmn:serviceTask></bpmn:process>
            </bpmn:definitions>
            """
        try workspace.write("processes/doctype.bpmn", "<!DOCTYPE x>\n" + body)
        try workspace.write("processes/latin1.bpmn", Data(Array(body.utf8) + [0xE9]))
        try workspace.write("processes/task.json", Data(#"{"a": "{{secret:FTP_HOST}}"\#0}"#.utf8))
        return workspace
    }

    @Test func usageWarnsOfEachFileItCouldNotRead() throws {
        let workspace = try workspace()
        for arguments in [["usage"], ["usage", "FTP_HOST"], ["usage", "--json"]] {
            let run = try workspace.run(arguments + ["--processes", "processes"])
            #expect(run.status == 0, "\(run.stderr)")
            let warnings = run.stderr.split(separator: "\n").filter { $0.contains("not read") }
            #expect(warnings.count == 3, "\(run.stderr)")
            #expect(run.stderr.contains("processes/latin1.bpmn:"))
            #expect(run.stderr.contains("not valid UTF-8"))
            #expect(run.stderr.contains("processes/doctype.bpmn:1:"))
            #expect(run.stderr.contains("processes/task.json:1:"))
            #expect(run.stderr.contains("run `tresor validate`"))
        }
    }

    @Test func deleteDoesNotClaimASecretUnusedWhenFilesWereNotChecked() throws {
        let workspace = try workspace()
        let run = try workspace.run(["delete", "FTP_HOST", "--yes"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("is not used by any process\n"))
        #expect(run.stderr.contains("3 process files could not be checked"))
        #expect(run.stderr.contains("processes/doctype.bpmn:1:"))
    }

    /// A process folder deeper than Linux's path limit (4,096 bytes) is refused with a hint
    /// that says so, rather than one to check that the path exists (found by a fresh tester).
    @Test func aPathOverTheLimitGetsAHintSayingSo() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_HOST", "host", "fake-deep")])
        let name = String(repeating: "d", count: 200)
        // Made a folder at a time, each beneath the last: no path this long can be opened.
        let processes = workspace.root.path + "/processes"
        try FileManager.default.createDirectory(
            atPath: processes, withIntermediateDirectories: true)
        var folder = open(processes, O_RDONLY | O_DIRECTORY)
        for _ in 0..<22 {
            #expect(mkdirat(folder, name, 0o700) == 0)
            let next = openat(folder, name, O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        close(folder)
        // Named on the command line too (found by a second fresh tester: "does not exist").
        let deep = "processes" + String(repeating: "/" + name, count: 22)
        for arguments in [
            ["validate"], ["usage"], ["render", "processes", "--out", "out"],
            ["validate", "--processes", deep], ["usage", "--processes", deep],
            ["render", deep, "--out", "out"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 6, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("File name too long"), "\(run.stderr)")
            #expect(
                run.stderr.contains("hint: shorten the path: Linux takes paths of at most 4,095"),
                "\(arguments): \(run.stderr)")
        }
    }
}
