import Foundation
import Testing

/// `usage` over a process folder: per secret its references in file order, the unused and
/// missing lists; `--json` laid out byte for byte as `JSONSerialization` lays it out.
@Suite struct UsageCommandTests {
    /// Three secrets; a BPMN file and a JSON task input using two of them and a missing one.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("FTP_PASSWORD", "password", "fake-usage-1"), ("API_TOKEN", "token", "fake-usage-2"),
            ("OLD_TOKEN", "token", "fake-usage-3"),
        ])
        try workspace.write(
            "processes/upload/send.json",
            """
            {"password": "{{secret:FTP_PASSWORD}}", "token": "Bearer {{secret:API_TOKEN}}",
             "other": "{{secret:NOT_THERE}}"}
            """)
        let fixture = Workspace.packageRoot.appendingPathComponent("Tests/Fixtures/upload.bpmn")
        try workspace.write("processes/upload.bpmn", try Data(contentsOf: fixture))
        return workspace
    }

    @Test func listsEachSecretWithItsReferencesInFileOrder() throws {
        let run = try workspace().run(["usage"])
        #expect(run.status == 0, "\(run.stderr)")
        let task = "process upload  task send (task input)"
        #expect(
            run.stdout == """
                API_TOKEN
                  processes/upload/send.json:1:58  \(task)  parameter token  field token
                FTP_PASSWORD
                  processes/upload.bpmn:8:51  process upload  task Upload (serviceTask)  \
                parameter password  field password
                  processes/upload/send.json:1:15  \(task)  parameter password  field password
                NOT_THERE  (not in the vault)
                  processes/upload/send.json:2:12  \(task)  parameter other  field other
                OLD_TOKEN
                  used nowhere

                unused secrets: OLD_TOKEN
                references to missing secrets: NOT_THERE

                """)
    }

    @Test func oneSecretIsListedWithoutTheSummary() throws {
        let workspace = try workspace()
        let missing = try workspace.run(["usage", "NOT_THERE"])
        #expect(
            missing.stdout == """
                NOT_THERE  (not in the vault)
                  processes/upload/send.json:2:12  process upload  task send (task input)  \
                parameter other  field other

                """)
        #expect(try workspace.run(["usage", "OLD_TOKEN"]).stdout == "OLD_TOKEN\n  used nowhere\n")
    }

    @Test(arguments: [["usage", "--json"], ["usage", "FTP_PASSWORD", "--json"]])
    func jsonIsLaidOutAsJSONSerializationLaysItOut(arguments: [String]) throws {
        let run = try workspace().run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: run.stdoutBytes)
        let again = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(run.stdout == String(decoding: again, as: UTF8.self) + "\n")
        let document = object as? [String: Any]
        #expect(document?["missing"] as? [String] == ["NOT_THERE"])
        #expect(document?["unused"] as? [String] == ["OLD_TOKEN"])
        let secrets = document?["secrets"] as? [[String: Any]] ?? []
        let uses = secrets.first { $0["name"] as? String == "FTP_PASSWORD" }?["uses"]
        let paths = (uses as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["processes/upload.bpmn", "processes/upload/send.json"])
    }
}
