import Foundation
import Testing

/// `tresor report` from the command line: output rules, stale outputs of a deploy folder.
@Suite struct ReportCommandTests {
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("API_TOKEN", "token", "fake-report-canary")])
        try workspace.write(
            "processes/send/notify.json", #"{"token": "Bearer {{secret:API_TOKEN}}"}"#)
        return workspace
    }

    @Test func writesToStandardOutputOrAFileReplacedOnlyWithForce() throws {
        let workspace = try workspace()
        let page = try workspace.run(["report"])
        #expect(page.status == 0 && page.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(page.stdout.contains("<td>processes/send/notify.json:1:19</td>"))
        #expect(try workspace.run(["report", "--out", "r.html"]).status == 0)
        #expect(try workspace.run(["report", "--out", "r.html"]).status == 1)
        #expect(try workspace.run(["report", "--out", "r.html", "--force"]).status == 0)
        #expect(try workspace.run(["report", "--out", "processes/r.html"]).status == 2)
        for (path, data) in workspace.allFiles() where !path.hasPrefix("vault/") {
            #expect(!String(decoding: data, as: UTF8.self).contains("fake-report"), "\(path)")
        }
    }

    /// A broken secret file cannot be shown on the page; the command says so on standard
    /// error, with the file's position, and still writes the page.
    @Test func aBrokenSecretFileIsReportedOnStandardError() throws {
        let workspace = try workspace()
        let text = String(decoding: try workspace.read("vault/API_TOKEN.yaml"), as: UTF8.self)
        try workspace.write("vault/API_TOKEN.yaml", text + "extra: field\n")
        let run = try workspace.run(["report", "--out", "r.html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("API_TOKEN.yaml:"), "\(run.stderr)")
        #expect(run.stderr.contains("the page leaves this secret out"), "\(run.stderr)")
        #expect(!run.output.contains("fake-report"))
    }

    @Test func aValueChangedAfterARenderMakesTheOutputStale() throws {
        let workspace = try workspace()
        let render = try workspace.run(["render", "processes", "--out", "deploy"])
        #expect(render.status == 0, "\(render.stderr)")
        let edit = try workspace.run(["edit", "API_TOKEN", "--new-value"], value: "fake-new")
        #expect(edit.status == 0, "\(edit.stderr)")
        let page = try workspace.run(["report", "--deploy", "deploy"])
        #expect(page.status == 0, "\(page.stderr)")
        #expect(
            page.stdout.contains("<td>send/notify.json</td><td>secrets changed since: API_TOKEN"))
        #expect(try workspace.run(["report", "--deploy", "processes"]).status == 2)
    }

    /// A `deploy` output is read by its layout (`processes/` beside the manifest): every
    /// file was "not rendered yet" (found by a third fresh tester).
    @Test func aDeployOutputIsComparedThroughItsProcessesFolder() throws {
        let workspace = try workspace()
        try workspace.write("processes/send/other.json", #"{"n": 1}"#)
        #expect(try workspace.run(["deploy", "--out", "deployed"]).status == 0)
        let fresh = try workspace.run(["report", "--deploy", "deployed"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(!fresh.stdout.contains("not rendered yet"), "stale right after the deploy")
        #expect(
            try workspace.run(["edit", "API_TOKEN", "--new-value"], value: "fake-n").status == 0)
        let stale = try workspace.run(["report", "--deploy", "deployed"])
        #expect(
            stale.stdout.contains(
                "<td>processes/send/notify.json</td><td>secrets changed since: API_TOKEN"),
            "\(stale.stdout)")
        // A render output holding a file named manifest.json is no deploy output (found by
        // a fourth fresh tester).
        try workspace.write("processes/manifest.json", #"{"v": 1}"#)
        try workspace.write("processes/processes/a.json", "{}")
        #expect(try workspace.run(["render", "processes", "--out", "rendered"]).status == 0)
        // Changed after the render, so its output is stale whatever the clock says (the
        // test failed on a slow machine when the render fell in a later second).
        #expect(
            try workspace.run(["edit", "API_TOKEN", "--new-value"], value: "fake-m").status == 0)
        let render = try workspace.run(["report", "--deploy", "rendered"])
        #expect(!render.stdout.contains("<td>processes/send/notify.json</td>"))
        #expect(render.stdout.contains("<td>send/notify.json</td>"), "\(render.stdout)")
    }

    /// A deploy's stale outputs are the ones `status` lists: judged by the manifest's
    /// digests, task inputs included, and not by a metadata edit (a forty-fifth fresh
    /// tester found the task inputs left out).
    @Test func aDeployReportListsWhatStatusLists() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: DeployCommandTests.secrets)
        try workspace.write("processes/upload.bpmn", DeployCommandTests.camunda7)
        let deployed = try workspace.run(["deploy", "--out", "deployed"])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        #expect(
            try workspace.run(["edit", "HOST", "--display-name", "Host name"]).status == 0)
        let fresh = try workspace.run(["report", "--deploy", "deployed"])
        #expect(fresh.stdout.contains("Every output is up to date."), "\(fresh.stdout)")
        #expect(try workspace.run(["edit", "HOST", "--new-value"], value: "fake-h2").status == 0)
        let status = try workspace.run(["status", "--out", "deployed"])
        let listed = status.stdout.split(separator: "\n").map(String.init)
        #expect(listed.contains("inputs/upload/Send/hosts.json"), "\(status.stdout)")
        let page = try workspace.run(["report", "--deploy", "deployed"]).stdout
        for path in listed {
            #expect(
                page.contains("<td>\(path)</td><td>secrets changed since: HOST</td>"),
                "\(path) in \(page)")
        }
        #expect(!page.contains("<td>inputs/upload/Send/access.json</td>"))
    }

    /// A deploy folder whose manifest does not read is said to be judged by time (it was
    /// judged so in silence), one without `processes/` is still a deploy, and a process
    /// file removed since the deploy is named (a forty-sixth fresh tester).
    @Test func aBrokenManifestIsSaidAndARemovedProcessFileIsNamed() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: DeployCommandTests.secrets)
        try workspace.write("processes/upload.bpmn", DeployCommandTests.camunda7)
        #expect(try workspace.run(["deploy", "--out", "deployed"]).status == 0)
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/upload.bpmn"))
        try workspace.write("processes/.keep", "")
        let removed = try workspace.run(["report", "--deploy", "deployed"])
        #expect(
            removed.stdout.contains(
                "<td>inputs/upload/Send/hosts.json</td><td>the process file was removed since"),
            "\(removed.stdout)")
        let manifest = try workspace.read("deployed/manifest.json")
        try workspace.write("deployed/manifest.json", "[]")
        let broken = try workspace.run(["report", "--deploy", "deployed"])
        #expect(broken.status == 0, "\(broken.stderr)")
        #expect(broken.stderr.contains("judged as a render's output"), "\(broken.stderr)")
        #expect(!broken.stdout.contains("not rendered yet"), "\(broken.stdout)")
        try workspace.write("deployed/manifest.json", manifest)
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("deployed/processes"))
        let noFolder = try workspace.run(["report", "--deploy", "deployed"])
        #expect(noFolder.stdout.contains("<td>inputs/upload/Send/hosts.json</td>"))
    }
}
