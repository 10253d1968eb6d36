import Foundation
import Testing

/// `deploy` stops when two inputs of one task would be written to one file.
@Suite struct DeployCollisionTests {
    static let secrets = [
        ("CRM_TOKEN", "password", "fake-crm"), ("FTP_USER", "username", "fake-user"),
        ("FTP_HOST", "host", "ftp.example.com"),
    ]

    static func process(_ extensions: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
          <bpmn:process id="p" name="P">
            <bpmn:serviceTask id="T" name="Task">
              <bpmn:extensionElements>
        \(extensions)
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """
    }

    /// A JSON task input that writes one key twice deploys nothing (a top-level one's file
    /// would otherwise run from the first value to the second): the reader refuses it at
    /// its position, as `validate` and the hook do.
    @Test func aJSONInputWithADuplicateKeyDeploysNothing() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write(
            "processes/p/T.json",
            #"{"token": "{{secret:CRM_TOKEN}}", "x": 1, "token": "{{secret:FTP_USER}}"}"#)
        let run = try workspace.run(["deploy", "--processes", "processes", "--out", "out"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                #"processes/p/T.json:1:43: json: the key "token" appears twice in one object"#),
            "\(run.stderr)")
        let validate = try workspace.run(["validate", "--processes", "processes"])
        #expect(
            validate.status == 1 && (validate.stdout + validate.stderr).contains("appears twice"))
        #expect(!run.stderr.contains("fake-crm") && !run.stderr.contains("fake-user"))
        #expect(!workspace.exists("out"))
        try workspace.write(
            "processes/p/T.json", #"{"token": "{{secret:CRM_TOKEN}}", "x": {"token": 1}}"#)
        let good = try workspace.run(["deploy", "--processes", "processes", "--out", "out"])
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func zeebeInputsAndAHeaderWithOneNameDeployNothing() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        let inputs = """
            <zeebe:ioMapping>
              <zeebe:input source="{{secret:CRM_TOKEN}}" target="token"/>
              <zeebe:input source="{{secret:FTP_USER}}" target="token"/>
            </zeebe:ioMapping>
            <zeebe:taskHeaders><zeebe:header key="token" value="{{secret:FTP_HOST}}"/>
            </zeebe:taskHeaders>
            """
        try workspace.write("processes/p.bpmn", Self.process(inputs))
        let run = try workspace.run(["deploy", "--processes", "processes", "--out", "out"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("inputs/p/T/token.json"))
        #expect(run.stderr.contains("task \"T\""))
        // Both inputs hold a placeholder, so the check before rendering finds the second
        // one, at its line, as `validate` does.
        #expect(run.stderr.contains(#"output-name: task "T" of process "p" has a second input"#))
        #expect(run.stderr.contains("rename"))
        #expect(!run.stderr.contains("fake-"))
        #expect(!workspace.exists("out"))
        #expect(!workspace.exists("vault/usage-index.json"))
    }

    @Test func twoCamundaParametersWithOneNameLeaveTheOldDeployAlone() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        let one = """
            <camunda:inputParameter name="a">{{secret:CRM_TOKEN}}</camunda:inputParameter>
            """
        let io = { (inputs: String) in
            Self.process("<camunda:inputOutput>\n" + inputs + "\n</camunda:inputOutput>")
        }
        try workspace.write("processes/p.bpmn", io(one))
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 0)
        let before = try workspace.read("out/inputs/p/T/a.json")
        let two = one + "\n<camunda:inputParameter name=\"a\">plain</camunda:inputParameter>"
        try workspace.write("processes/p.bpmn", io(two))
        let run = try workspace.run(["deploy", "--out", "out", "--force"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("<camunda:inputParameter>, <camunda:inputParameter>"))
        #expect(run.stderr.contains("inputs/p/T/a.json"))
        #expect(try workspace.read("out/inputs/p/T/a.json") == before)
    }

    /// Two process files with one process id would write one input file twice: nothing is
    /// deployed, and each input is named with the line and column of its placeholder
    /// (found by a sixteenth fresh tester: only the files were named).
    @Test func twoFilesWritingOneInputAreNamedAtTheirPlaceholders() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        let input = Self.process(
            "<camunda:inputOutput><camunda:inputParameter name=\"a\">{{secret:CRM_TOKEN}}"
                + "</camunda:inputParameter></camunda:inputOutput>")
        try workspace.write("processes/p.bpmn", input)
        try workspace.write("processes/copy/p.bpmn", input)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status != 0, "\(run.stderr)")
        #expect(
            run.stderr.contains("inputs/p/T/a.json (from copy/p.bpmn:8:55 and p.bpmn:8:55)"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("fake-"))
        #expect(!workspace.exists("out"))
    }
}
