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

    /// A control character in a path would split a `path:line:col` line in two: such a
    /// path is shown quoted with C escapes, in usage's rows and in findings alike.
    @Test func aPathWithANewlineIsShownQuotedOnOneLine() throws {
        let workspace = try workspace()
        try workspace.write("processes/odd\nname/t\u{1}.json", #"{"a": "{{secret:API_TOKEN}}"}"#)
        try workspace.write("processes/bad\tfile.json", #"{"a": "{{secret:API_TOKEN}}""#)
        let usage = try workspace.run(["usage", "API_TOKEN"])
        #expect(usage.status == 0, "\(usage.stderr)")
        #expect(usage.stdout.contains(#"  "processes/odd\nname/t\x01.json":1:8  process "#))
        let validate = try workspace.run(["validate"])
        #expect(validate.status != 0)
        let line = validate.output.split(separator: "\n").first { $0.contains("bad") }
        #expect(line?.hasPrefix(#""processes/bad\tfile.json":1:"#) == true, "\(validate.output)")
    }

    /// Names from files (a JSON key, a BPMN task name) reach the terminal with their
    /// control characters as escapes: no raw escape sequence, no broken row.
    @Test func controlCharactersInNamesAreEscaped() throws {
        let workspace = try workspace()
        try workspace.write(
            "processes/odd/t.json",
            #"{"a\u001b[31mX\nY": "{{secret:API_TOKEN}}", "k": "{{secret:NOPE}}"}"#)
        let usage = try workspace.run(["usage", "API_TOKEN"])
        #expect(!usage.output.contains("\u{1B}"))
        #expect(
            usage.stdout.contains(#"parameter a\x1b[31mX\nY  field "#)
                && usage.stdout.split(separator: "\n").count == 3,
            "\(usage.stdout)")
        let validate = try workspace.run(["validate"])
        #expect(!validate.output.contains("\u{1B}"))
        #expect(validate.stderr.contains("secret not found: NOPE"), "\(validate.stderr)")
    }

    /// Hidden entries and FIFOs are skipped with a warning each; a `.git` is not named.
    @Test func hiddenFilesAndFIFOsAreNamedAsSkipped() throws {
        let workspace = try workspace()
        try workspace.write("processes/.draft.json", #"{"a": "{{secret:API_TOKEN}}"}"#)
        try workspace.write("processes/.cache/p/t.json", #"{"a": "{{secret:NOPE}}"}"#)
        try workspace.write("processes/sub/.git/config", "[core]")
        #expect(
            mkfifo(workspace.root.appendingPathComponent("processes/pipe.json").path, 0o600) == 0)
        // The fixture's NOT_THERE fails validate; the hidden folder's NOPE must not.
        let run = try workspace.run(["validate"])
        #expect(run.status == 1, "\(run.stderr)")
        for path in ["processes/.draft.json", "processes/.cache", "processes/pipe.json"] {
            #expect(
                run.stderr.contains("\(path):1:1: unread-file: warning: "), "\(path): \(run.stderr)"
            )
        }
        #expect(!run.stderr.contains(".git"))
        #expect(!run.stderr.contains("NOPE"))
    }

    /// Another file that render could not copy (over 64 MiB: a sparse one here) is an error
    /// of validate, which passed a folder that render then refused (a fresh tester found
    /// it only a warning), and render's own error says what to do.
    @Test func aFileRenderCannotCopyIsNamedByValidate() throws {
        let workspace = try workspace()
        let path = workspace.root.appendingPathComponent("processes/big.bin").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        let run = try workspace.run(["validate"])
        #expect(
            run.stderr.contains(
                "processes/big.bin:1:1: unread-file: render and deploy cannot copy it: "
                    + "larger than 67108864 bytes"), "\(run.stderr)")
        #expect(run.status == 1)
        let alone = try Workspace()
        try alone.initVault()
        let big = alone.root.appendingPathComponent("processes/big.bin")
        try FileManager.default.createDirectory(
            at: big.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let bigHandle = try #require(FileHandle(forWritingAtPath: big.path))
        try bigHandle.truncate(atOffset: 65 << 20)
        try bigHandle.close()
        #expect(try alone.run(["validate"]).status == 1)
        let render = try alone.run(["render", "processes", "--out", "out"])
        #expect(render.status == 6)
        #expect(render.stderr.contains("move it out of the folder"), "\(render.stderr)")
        #expect(!alone.exists("out"))
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
        // One secret asked for: no summary lists, as in the text form.
        let full = arguments.count == 2
        #expect(document?["missing"] as? [String] == (full ? ["NOT_THERE"] : nil))
        #expect(document?["unused"] as? [String] == (full ? ["OLD_TOKEN"] : nil))
        let secrets = document?["secrets"] as? [[String: Any]] ?? []
        let uses = secrets.first { $0["name"] as? String == "FTP_PASSWORD" }?["uses"]
        let paths = (uses as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["processes/upload.bpmn", "processes/upload/send.json"])
    }

    @Test func aNameNeitherInTheVaultNorUsedIsNotInTheVault() throws {
        let workspace = try workspace()
        let scan = ["usage", "NO_SUCH_SECRET", "--processes", "processes"]
        let absent = "NO_SUCH_SECRET  (not in the vault)\n  used nowhere\n"
        #expect(try workspace.run(scan).stdout == absent)
        #expect(try exists(workspace, scan + ["--json"], keys: ["secrets"]) == false)
        try workspace.write("processes/upload/send.json", #"{"p": "{{secret:FTP_PASSWORD}}"}"#)
        let deployed = try workspace.run(["deploy", "--out", "out"])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        let indexed = try workspace.run(["usage", "NO_SUCH_SECRET"])
        #expect(indexed.stdout.hasPrefix("as deployed at "))
        #expect(indexed.stdout.hasSuffix("\n" + absent))
        let json = ["usage", "NO_SUCH_SECRET", "--json"]
        #expect(
            try exists(workspace, json, keys: ["deployed_at", "secrets", "not_deployed_uses"])
                == false)
        #expect(try exists(workspace, ["usage", "OLD_TOKEN", "--json"], keys: nil) == true)
    }

    /// The `exists` of the one secret `usage --json` lists; checks the document's keys.
    private func exists(_ workspace: Workspace, _ arguments: [String], keys: Set<String>?) throws
        -> Bool?
    {
        let run = try workspace.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any]
        if let keys { #expect(Set(document?.keys.map { $0 } ?? []) == keys) }
        let secrets = document?["secrets"] as? [[String: Any]]
        #expect(secrets?.count == 1)
        return secrets?.first?["exists"] as? Bool
    }

    /// validate checks the vault alone when there is no process folder, unless vault.yaml
    /// names one that is not there: then a typo must not pass CI.
    @Test func aMissingConfiguredProcessFolderFailsValidate() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let plain = try workspace.run(["validate"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            text.replacingOccurrences(of: "processes: processes/", with: "processes: procesess/"))
        let typo = try workspace.run(["validate"])
        #expect(typo.status == 1, "\(typo.stderr)")
        #expect(
            (typo.stdout + typo.stderr).contains("settings.processes names procesess/"),
            "\(typo.stdout)\(typo.stderr)")
        // At the setting's line, not 1:1 (found by a sixth fresh tester).
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("processes: processes/") }.map { $0 + 1 }
        #expect(
            (typo.stdout + typo.stderr).contains("vault/vault.yaml:\(line ?? 0):1: "),
            "\(typo.stdout)\(typo.stderr)")
    }

    /// A FIFO, folder or link at vault/usage-index.json is no usage index, said as such
    /// (it got a deploy's "nothing was deployed"); a file or FIFO where the default process
    /// folder goes is no folder (it was taken for a missing one). Both found by a second
    /// fresh tester.
    @Test func whatIsNotAnIndexOrAFolderIsNamedAsSuch() throws {
        let workspace = try workspace()
        let index = workspace.root.appendingPathComponent("vault/usage-index.json").path
        #expect(mkfifo(index, 0o600) == 0)
        let usage = try workspace.run(
            ["20", Workspace.binary, "usage"], executable: "/usr/bin/timeout")
        #expect(usage.status != 0 && usage.status != 124, "\(usage.stderr)")
        #expect(usage.stderr.contains("is not a tresor usage index"), "\(usage.stderr)")
        #expect(!usage.stderr.contains("nothing was deployed"), "\(usage.stderr)")
        try FileManager.default.removeItem(atPath: index)
        // A line before the first is no line a deploy wrote (`:-5` was shown).
        try workspace.write(
            "processes/upload/send.json", #"{"password": "{{secret:FTP_PASSWORD}}"}"#)
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 0)
        let written = String(decoding: try workspace.read("vault/usage-index.json"), as: UTF8.self)
        let negative = written.replacingOccurrences(
            of: #""line"\s*:\s*\d+"#, with: #""line": -5"#, options: .regularExpression)
        #expect(negative != written)
        try workspace.write("vault/usage-index.json", negative)
        let lines = try workspace.run(["usage"])
        #expect(lines.stderr.contains("is not a tresor usage index"), "\(lines.stderr)")
        try FileManager.default.removeItem(atPath: index)
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("processes"))
        try workspace.write("processes", "not a folder\n")
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1, "\(validate.output)")
        #expect(validate.output.contains("is not a folder"), "\(validate.output)")
        let doctor = try workspace.run(["doctor"])
        #expect(doctor.stdout.contains("is not a folder"), "\(doctor.stdout)")
        // report and render likewise (found by a third fresh tester).
        for arguments in [["report", "--out", "r.html"], ["render"]] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("not a folder"), "\(arguments): \(run.stderr)")
        }
    }
}
