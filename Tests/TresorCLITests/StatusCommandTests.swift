import Foundation
import Testing

/// `status` after edits and deletes, and `usage` from the index of the last deploy.
@Suite struct StatusCommandTests {
    func deployed() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("ALPHA_TOKEN", "token", "fake-a"), ("BETA_TOKEN", "token", "fake-b"),
            ("GAMMA_TOKEN", "token", "fake-c"),
        ])
        try workspace.write("processes/one/t.json", #"{"a": "{{secret:ALPHA_TOKEN}}", "x": 1}"#)
        try workspace.write(
            "processes/two/t.json",
            #"{"b": "{{secret:BETA_TOKEN}}", "g": "{{secret:GAMMA_TOKEN}}"}"#)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        return workspace
    }

    @Test func nothingIsStaleRightAfterADeploy() throws {
        let workspace = try deployed()
        let run = try workspace.run(["status", "--out", "out"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("0 of 5 outputs stale"))
    }

    @Test func anEditMakesTheOutputsHoldingThatSecretStale() throws {
        let workspace = try deployed()
        #expect(
            try workspace.run(["edit", "BETA_TOKEN", "--new-value"], value: "fake-b2").status == 0)
        #expect(
            try workspace.run(["edit", "ALPHA_TOKEN", "--display-name", "Renamed"]).status == 0)
        let run = try workspace.run(["status", "--out", "out", "--verbose"])
        #expect(run.status == 0)
        #expect(run.stdout == "inputs/two/t/b.json\nprocesses/two/t.json\n")
        #expect(run.stderr.contains("processes/two/t.json: changed BETA_TOKEN"))
    }

    @Test func aDeleteMakesTheOutputsHoldingThatSecretStale() throws {
        let workspace = try deployed()
        #expect(try workspace.run(["delete", "GAMMA_TOKEN", "--yes"]).status == 0)
        let run = try workspace.run(["status", "--out", "out", "--json"])
        let items = try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [[String: Any]]
        #expect(
            items?.map { $0["path"] as? String } == ["inputs/two/t/g.json", "processes/two/t.json"])
        #expect(items?.allSatisfy { $0["deleted"] as? [String] == ["GAMMA_TOKEN"] } == true)
        #expect(items?.first?["source"] as? String == "two/t.json")
    }

    /// Paths that leave the folder, or are empty, and names that break the name rules make
    /// a broken manifest: `status` printed `../../etc/passwd` for a script to re-render,
    /// and an empty path defeated `[ -z "$(tresor status ...)" ]` (a forty-sixth fresh
    /// tester).
    @Test func aManifestWithPathsOutsideTheFolderIsBroken() throws {
        let workspace = try deployed()
        let original = String(decoding: try workspace.read("out/manifest.json"), as: UTF8.self)
        let path = try #require(
            original.range(of: #""path" : "[^"]*""#, options: .regularExpression))
        for bad in ["../../../etc/passwd", "/etc/shadow", "", "a/./b"] {
            try workspace.write(
                "out/manifest.json",
                original.replacingCharacters(in: path, with: #""path" : "\#(bad)""#))
            let run = try workspace.run(["status", "--out", "out"])
            #expect(run.status == 1, "\(bad): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(bad): \(run.stdout)")
            #expect(run.stderr.contains("not a relative path inside the folder"), "\(run.stderr)")
        }
    }

    @Test func statusNeedsAManifest() throws {
        let workspace = try deployed()
        try workspace.write("elsewhere/x", "")
        let run = try workspace.run(["status", "--out", "elsewhere"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no deploy manifest"))
        // A manifest too large to be one is a broken manifest (exit 1), not "nothing was
        // deployed" (exit 6; found by a fresh tester).
        let manifest = workspace.root.appendingPathComponent("out/manifest.json").path
        let handle = try #require(FileHandle(forWritingAtPath: manifest))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        let huge = try workspace.run(["status", "--out", "out"])
        #expect(huge.status == 1, "\(huge.stderr)")
        #expect(huge.stderr.contains("is not a tresor deploy manifest"), "\(huge.stderr)")
        // A folder there, or a cut-off file: exit 1 with why (found by a sixth fresh
        // tester: the folder was "nothing was deployed", exit 6, and the cut said nowhere).
        try FileManager.default.removeItem(atPath: manifest)
        try FileManager.default.createDirectory(
            atPath: manifest, withIntermediateDirectories: false)
        let folder = try workspace.run(["status", "--out", "out"])
        #expect(folder.status == 1, "\(folder.stderr)")
        #expect(folder.stderr.contains("not a regular file"), "\(folder.stderr)")
        #expect(!folder.stderr.contains("nothing was deployed"), "\(folder.stderr)")
        try FileManager.default.removeItem(atPath: manifest)
        try workspace.write("out/manifest.json", "{\n  \"format\": 1,\n  \"outputs\": [")
        let cut = try workspace.run(["status", "--out", "out"])
        #expect(cut.status == 1, "\(cut.stderr)")
        #expect(cut.stderr.contains("invalid JSON at line 3, column"), "\(cut.stderr)")
    }

    @Test func usageReadsTheLastIndexAndNamesUndeployedProcesses() throws {
        let workspace = try deployed()
        try workspace.write("processes/three/t.json", #"{"a": "{{secret:ALPHA_TOKEN}}"}"#)
        let run = try workspace.run(["usage"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("as deployed at"))
        #expect(run.stdout.contains("one/t.json:1  process one  task t  parameter a  field a"))
        #expect(!run.stdout.contains("three/t.json:1"))
        #expect(run.stdout.contains("not deployed yet: process three (three/t.json)"))
        let scanned = try workspace.run(["usage", "--processes", "processes"])
        #expect(scanned.stdout.contains("processes/three/t.json:1:8"))
        #expect(!scanned.stdout.contains("not deployed yet"))
        let json = try workspace.run(["usage", "--json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any]
        let pending = object?["not_deployed"] as? [[String: String]]
        #expect(pending == [["id": "three", "file": "three/t.json"]])
        // One secret asked for: its uses in processes not deployed yet are listed too.
        let named = try workspace.run(["usage", "ALPHA_TOKEN"])
        #expect(named.stdout.contains("one/t.json:1  process one  task t  parameter a  field a"))
        #expect(
            named.stdout.contains(
                "three/t.json:1  process three  task t  parameter a  field a  (not deployed yet)"),
            "\(named.stdout)")
        let namedJSON = try workspace.run(["usage", "ALPHA_TOKEN", "--json"])
        let namedObject =
            try JSONSerialization.jsonObject(with: namedJSON.stdoutBytes) as? [String: Any]
        let uses = namedObject?["not_deployed_uses"] as? [[String: Any]]
        #expect(uses?.map { $0["file"] as? String } == ["three/t.json"])
        // Without the process folder, the deploy's uses are said to be unchecked (a
        // forty-fourth fresh tester found them shown as current without a word).
        try FileManager.default.moveItem(
            at: workspace.root.appendingPathComponent("processes"),
            to: workspace.root.appendingPathComponent("moved"))
        let moved = try workspace.run(["usage"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("not checked against the process files"), "\(moved.stderr)")
    }

    /// A deployed process changed since the deploy is named, and a secret it now uses is
    /// not listed as unused (it was, and `usage NAME` said "used nowhere"; found by a fresh
    /// tester). A process whose placeholders are those the index lists is not changed.
    @Test func usageNamesProcessesChangedSinceTheDeploy() throws {
        let workspace = try deployed()
        try workspace.write(
            "processes/one/t.json",
            #"{"a": "{{secret:ALPHA_TOKEN}}", "x": 2, "n": "{{secret:NEW_TOKEN}}"}"#)
        let create = try workspace.run(
            ["create", "NEW_TOKEN", "--display-name", "New", "--type", "token"], value: "fake-new")
        #expect(create.status == 0, "\(create.stderr)")
        let run = try workspace.run(["usage"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("changed since the deploy: process one (one/t.json)"))
        #expect(!run.stdout.contains("process two (two/t.json)"), "\(run.stdout)")
        #expect(run.stdout.contains("unused secrets: none"), "\(run.stdout)")
        #expect(!run.stdout.contains("used nowhere"), "\(run.stdout)")
        let named = try workspace.run(["usage", "NEW_TOKEN"])
        #expect(
            named.stdout.contains(
                "one/t.json:1  process one  task t  parameter n  field n  (changed since the "
                    + "deploy)"), "\(named.stdout)")
        // The use the deploy made is listed once, as deployed.
        let alpha = try workspace.run(["usage", "ALPHA_TOKEN"])
        #expect(alpha.stdout.components(separatedBy: "one/t.json:1").count == 2, "\(alpha.stdout)")
        let json = try workspace.run(["usage", "--json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any]
        #expect(object?["changed"] as? [[String: String]] == [["id": "one", "file": "one/t.json"]])
        #expect(object?["unused"] as? [String] == [])
        // A removed process is named; a secret missing from the vault that a changed or
        // new process names is missing; ids and paths are escaped (found by a fresh tester).
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/two"))
        try workspace.write(
            "processes/one/t.json",
            #"{"a": "{{secret:ALPHA_TOKEN}}", "m": "{{secret:NOT_THERE}}"}"#)
        try workspace.write("processes/E\u{1b}X/t.json", #"{"a": "{{secret:ALPHA_TOKEN}}"}"#)
        let later = try workspace.run(["usage"])
        #expect(later.stdout.contains("removed since the deploy: process two (two/t.json)"))
        #expect(
            later.stdout.contains("references to missing secrets: NOT_THERE"), "\(later.stdout)")
        #expect(later.stdout.contains(#"not deployed yet: process E\x1bX ("E\x1bX/t.json")"#))
        #expect(!later.stdout.contains("\u{1b}"))
        // Deployed uses of a changed or removed process are marked (found by the next
        // tester).
        let beta = try workspace.run(["usage", "BETA_TOKEN"])
        #expect(
            beta.stdout.contains(
                "two/t.json:1  process two  task t  parameter b  field b  (removed since the "
                    + "deploy)"), "\(beta.stdout)")
        let alpha2 = try workspace.run(["usage", "ALPHA_TOKEN", "--json"])
        let alphaObject =
            try JSONSerialization.jsonObject(with: alpha2.stdoutBytes) as? [String: Any]
        let secrets = alphaObject?["secrets"] as? [[String: Any]]
        let deployedUses = secrets?.first?["uses"] as? [[String: Any]]
        #expect(deployedUses?.first?["since_deploy"] as? String == "changed since the deploy")
    }
}

/// The canary check of `SafetyTests` for the commands of the deploy step: a value shows
/// only in the deploy output folder and where a command is asked to print it.
@Suite struct DeployCanaryTests {
    @Test func canaryValueStaysInsideTheDeployOutput() throws {
        let canary = "fake-CANARY-deploy-51c2"
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CANARY_TOKEN", "token", canary)])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:CANARY_TOKEN}}"}"#)
        let runs = try [
            ["deploy", "--out", "out"], ["status", "--out", "out"],
            ["status", "--out", "out", "--json"],
            ["usage"], ["usage", "--json"], ["validate"], ["rekey"], ["status", "--out", "out"],
        ].map { try workspace.run($0 + ["--verbose"]) }
        for run in runs { #expect(!run.output.contains(canary), "\(run.stderr)") }
        let redacted = try workspace.run(
            ["redact", "--verbose"], input: Data("x \(canary) y".utf8))
        #expect(redacted.output == "x *** y" + redacted.stderr)
        for (path, data) in workspace.allFiles() where !path.hasPrefix("out/") {
            #expect(!String(decoding: data, as: UTF8.self).contains(canary), "\(path)")
        }
        #expect(
            String(decoding: try workspace.read("out/inputs/p/t/a.json"), as: UTF8.self)
                == "\"\(canary)\"\n")
    }
}
