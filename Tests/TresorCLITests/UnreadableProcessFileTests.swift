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
}
