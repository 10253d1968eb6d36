import Foundation
import Testing

/// Regressions for what the second new-user trial found in deploy, hook, redact, rekey and
/// doctor.
@Suite struct SecondTrialTests {
    @Test func renderedOutputsInTheRepositoryWarnAndTheHookBlocksThem() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("FTP_USER", "username", "fake-trial-user")])
        try workspace.write("processes/p/t.json", #"{"u": "{{secret:FTP_USER}}"}"#)
        try workspace.commitAll("set-up")
        let deploy = try workspace.run(["deploy", "--out", "deploy-out"])
        #expect(deploy.status == 0, "\(deploy.stderr)")
        #expect(deploy.stderr.contains("inside the repository"))
        try workspace.git(["add", "-A"])
        let hook = try workspace.hook()
        #expect(hook.status == 1)
        #expect(hook.stderr.contains("rendered-output"))
        #expect(!hook.output.contains("fake-trial-user"))
        // Its files staged one by one, the marker left out, and again once the marker is
        // committed (found by a fresh tester).
        try workspace.git(["reset", "-q"])
        try workspace.git(["add", "deploy-out/inputs", "deploy-out/processes"])
        let parts = try workspace.hook()
        #expect(parts.status == 1, "\(parts.output)")
        #expect(parts.stderr.contains("which a render or deploy wrote"), "\(parts.output)")
        try workspace.git(["reset", "-q"])
        try workspace.git(["add", "-f", "deploy-out/.tresor-render"])
        try workspace.git(["commit", "-q", "--no-verify", "-m", "marker"])
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("deploy-out/.tresor-render"))
        try workspace.git(["add", "deploy-out/inputs"])
        let committed = try workspace.hook()
        #expect(committed.status == 1, "\(committed.output)")
        #expect(!committed.output.contains("fake-trial-user"))
    }

    @Test func deployOfAnEmptyProcessFolderWorksAndTheVaultIsNoProcessFolder() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("processes"),
            withIntermediateDirectories: true)
        let empty = try workspace.run(["deploy", "--out", "../out-\(UUID().uuidString)"])
        #expect(empty.status == 0, "\(empty.stderr)")
        let vault = try workspace.run([
            "deploy", "--out", "/tmp/x-\(UUID())", "--processes", "vault",
        ])
        #expect(vault.status == 2)
        #expect(vault.stderr.contains("is the vault"))
    }

    @Test func redactMasksTheFormsRenderWritesIntoXML() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", #"fake-Ftp"Pass\word<&>"#)])
        let input = """
            <e>fake-Ftp"Pass\\word&lt;&amp;&gt;</e>
            <i source="=&#34;fake-Ftp\\&quot;Pass\\\\word&lt;&amp;>&#34;"/>
            <i v="fake-Ftp&quot;Pass\\word&lt;&amp;>"/>

            """
        let run = try workspace.run(["redact"], input: Data(input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("fake-Ftp"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "***").count == 4)
    }

    @Test func rekeyRefusesToStartOnABrokenSecretFileAndDoctorSaysSo() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_USER", "username", "fake-user")])
        try workspace.write("vault/SMTP_USER.yaml", "name: SMTP_USER\nvalue: [unclosed\n")
        let before = try workspace.read("vault/vault.yaml")
        let rekey = try workspace.run(["rekey"])
        #expect(rekey.status == 3)
        #expect(try workspace.read("vault/vault.yaml") == before)
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.status != 0)
        #expect(doctor.output.contains("secret files"))
    }
}
