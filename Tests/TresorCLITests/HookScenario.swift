import Testing

/// What the hook tests share: a committed repository to stage files in, a staged run of
/// the hook, and small BPMN documents.
protocol HookScenario {}

extension HookScenario {
    /// A committed vault with one secret, and a clean process folder.
    func repository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp")])
        try workspace.write("processes/p/t.json", #"{"password": "{{secret:FTP_PASSWORD}}"}"#)
        try workspace.commitAll("vault")
        return workspace
    }

    /// Writes `path`, checks the hook passes while it is unstaged, stages it, and returns
    /// the hook's run.
    func stagedRun(_ workspace: Workspace, _ path: String, _ text: String) throws -> Workspace.Run {
        try workspace.write(path, text)
        let unstaged = try workspace.hook()
        #expect(unstaged.status == 0, "work tree only: \(unstaged.stderr)")
        try workspace.git(["add", "--", path])
        return try workspace.hook()
    }
}

/// Small BPMN documents for the hook scenarios.
enum BPMN {
    static func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
          <bpmn:process id="p" isExecutable="true">
        \(body)
          </bpmn:process>
        </bpmn:definitions>
        """
    }

    static let userTask = document(
        #"<bpmn:userTask id="review" name="Check {{secret:FTP_PASSWORD}}"/>"#)

    static let plainPassword = document(
        """
        <bpmn:serviceTask id="upload">
          <bpmn:extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="ftp">
                <camunda:map>
                  <camunda:entry key="user">{{secret:FTP_PASSWORD}}</camunda:entry>
                  <camunda:entry key="password">fake-plain-1</camunda:entry>
                </camunda:map>
              </camunda:inputParameter>
            </camunda:inputOutput>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        """)

    static let documented = document(
        """
        <bpmn:serviceTask id="upload">
          <bpmn:documentation>Uses {{secret:FTP_PASSWORD}}</bpmn:documentation>
        </bpmn:serviceTask>
        """)
}
