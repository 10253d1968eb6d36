import Foundation
import Testing

/// `deploy`: validation first, all or nothing, the output tree, the manifest, the index.
@Suite struct DeployCommandTests {
    static let camunda7 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
          <bpmn:process id="upload" name="Upload">
            <bpmn:serviceTask id="Send" name="Send">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="access">
                    <camunda:map>
                      <camunda:entry key="user">{{secret:USER_NAME}}</camunda:entry>
                      <camunda:entry key="Content-Type">text/plain</camunda:entry>
                      <camunda:entry key="password">{{secret:PASSWORD}}</camunda:entry>
                    </camunda:map>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="hosts">
                    <camunda:list>
                      <camunda:value>a.example</camunda:value>
                      <camunda:value>{{secret:HOST}}</camunda:value>
                    </camunda:list>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="payload"><![CDATA[{"p": "{{secret:PASSWORD}}"}]]>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="txt">x &amp; {{secret:HOST}}</camunda:inputParameter
                  >
                  <camunda:inputParameter name="../escape">{{secret:HOST}}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """

    static let secrets = [
        ("USER_NAME", "username", "fake-user"), ("PASSWORD", "password", "fake \"pw\" <&>\nline2"),
        ("HOST", "host", "fake.example.com"),
    ]

    @Test func taskInputsAreWrittenOnePerParameterAsTheEngineReadsThem() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/c7/upload.bpmn", Self.camunda7)
        try workspace.write("processes/upload/Json.json", #"{"a": {"b": ["{{secret:HOST}}", 1]}}"#)
        try workspace.write("processes/readme.txt", "not a process file")
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        let access = try json(workspace, "out/inputs/upload/Send/access.json") as? [String: String]
        #expect(
            access == [
                "user": "fake-user", "Content-Type": "text/plain",
                "password": "fake \"pw\" <&>\nline2",
            ])
        #expect(
            try json(workspace, "out/inputs/upload/Send/hosts.json") as? [String]
                == ["a.example", "fake.example.com"])
        let payload = try json(workspace, "out/inputs/upload/Send/payload.json") as? String
        let inner = try JSONSerialization.jsonObject(with: Data(payload!.utf8)) as? [String: String]
        #expect(inner == ["p": "fake \"pw\" <&>\nline2"])
        #expect(
            try json(workspace, "out/inputs/upload/Send/txt.json") as? String
                == "x & fake.example.com")
        #expect(workspace.exists("out/inputs/upload/Send/%2E.%2Fescape.json"))
        #expect(!workspace.exists("out/inputs/upload/escape.json"))
        let member = try workspace.read("out/inputs/upload/Json/a.json")
        #expect(String(decoding: member, as: UTF8.self) == "{\"b\": [\"fake.example.com\", 1]}\n")
        #expect(
            try workspace.read("out/processes/readme.txt") == workspace.read("processes/readme.txt")
        )
        try expectPrivate(workspace, "out")
    }

    /// The engine trims an input parameter's text, its map entries' and list values' at
    /// both ends: the deployed files hold what it reads, not the file's indentation; a
    /// field is taken as it is (found by a fresh tester).
    @Test func inputTextIsTrimmedAsTheEngineTrimsIt() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        let process = Self.camunda7.replacingOccurrences(
            of: "<camunda:inputOutput>",
            with: """
                <camunda:field name="kept">
                  <camunda:string>  {{secret:HOST}}  </camunda:string></camunda:field>
                <flowable:field xmlns:flowable="http://flowable.org/bpmn" name="flow">
                  <flowable:string>
                    {{secret:HOST}}
                  </flowable:string></flowable:field>
                <camunda:inputOutput>
                <camunda:inputParameter name="indented">
                    {{secret:HOST}}
                </camunda:inputParameter>
                <camunda:inputParameter name="list"><camunda:list>
                  <camunda:value>
                    {{secret:USER_NAME}} </camunda:value></camunda:list></camunda:inputParameter>
                """)
        try workspace.write("processes/upload.bpmn", process)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try json(workspace, "out/inputs/upload/Send/indented.json") as? String
                == "fake.example.com")
        #expect(
            try json(workspace, "out/inputs/upload/Send/list.json") as? [String] == ["fake-user"])
        #expect(
            try json(workspace, "out/inputs/upload/Send/kept.json") as? String
                == "  fake.example.com  ")
        // Flowable trims a field's string (getElementText().trim()); Camunda 7 does not.
        #expect(
            try json(workspace, "out/inputs/upload/Send/flow.json") as? String
                == "fake.example.com")
        let payload = try json(workspace, "out/inputs/upload/Send/payload.json") as? String
        #expect(payload?.hasSuffix("}") == true, "\(payload ?? "")")
    }

    /// Deploy writes a JSON task input member by member; one whose top-level value is a
    /// string or an array has no members, and is refused rather than written as `""`
    /// (found by a fresh tester), by the check every command runs, so `validate` says so too.
    /// A deploy mirrors the process folder's empty folders as a render does (found by a
    /// second fresh tester).
    @Test func emptyFoldersAreDeployedToo() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:HOST}}"}"#)
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("processes/e1/e2"),
            withIntermediateDirectories: true)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        var isFolder: ObjCBool = false
        #expect(
            FileManager.default.fileExists(
                atPath: workspace.root.appendingPathComponent("out/processes/e1/e2").path,
                isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test(arguments: [#""{{secret:HOST}}""#, #"["x", "{{secret:HOST}}"]"#])
    func aTaskInputThatIsNotAnObjectIsRefused(_ input: String) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/p/t.json", input)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stderr.contains("p/t.json:1:1: json: a task input must be a JSON object"),
            "\(run.stderr)")
        #expect(!workspace.exists("out"))
        #expect(try workspace.run(["validate"]).status == 1)
    }

    /// Keys and map entries are told apart and read back by their bytes: the composed and
    /// the decomposed spelling of a key are two inputs, and a map key that starts with a
    /// combining mark keeps its entry (found by a fresh tester).
    @Test func keysSpeltWithCombiningMarksAreTheirOwnInputs() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write(
            "processes/p/t.json",
            "{\"\u{E9}\": \"{{secret:HOST}}\", \"e\u{301}\": \"{{secret:USER_NAME}}\"}")
        try workspace.write(
            "processes/m.bpmn",
            Self.camunda7.replacingOccurrences(of: #"key="user""#, with: "key=\"\u{301}user\""))
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try workspace.read("out/inputs/p/t/%C3%A9.json") == Data("\"fake.example.com\"\n".utf8))
        #expect(try workspace.read("out/inputs/p/t/e%CC%81.json") == Data("\"fake-user\"\n".utf8))
        let access = try json(workspace, "out/inputs/upload/Send/access.json") as? [String: String]
        #expect(access?["\u{301}user"] == "fake-user", "\(String(describing: access))")
    }

    /// A map's entries are told apart by the bytes of their keys, and a key written twice
    /// stops the deploy rather than gluing two values into one (found by a fresh tester).
    @Test func mapKeysAreToldApartByBytesAndNeverGlued() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        let twins = Self.camunda7.replacingOccurrences(of: #"key="user""#, with: "key=\"\u{E9}\"")
            .replacingOccurrences(of: #"key="password""#, with: "key=\"e\u{301}\"")
        try workspace.write("processes/c7/upload.bpmn", twins)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        let raw = String(
            decoding: try workspace.read("out/inputs/upload/Send/access.json"), as: UTF8.self)
        // Byte by byte: String's `contains` takes either spelling for the other.
        #expect(raw.utf8.holdsBytes(of: "\"\u{E9}\": \"fake-user\""), "\(raw)")
        #expect(raw.utf8.holdsBytes(of: "\"e\u{301}\": \"fake \\\"pw\\\""), "\(raw)")

        let twice = Self.camunda7.replacingOccurrences(of: #"key="password""#, with: #"key="user""#)
        try workspace.write("processes/c7/upload.bpmn", twice)
        let refused = try workspace.run(["deploy", "--out", "out2"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("two values"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("fake-user"))
        #expect(!workspace.exists("out2"))
    }

    @Test func oneUnknownSecretAmongManyDeploysNothing() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        for index in 0..<40 {
            let name = Self.secrets[index % 3].0
            try workspace.write("processes/p\(index)/t.json", #"{"v": "{{secret:\#(name)}}"}"#)
        }
        try workspace.write("processes/p17/u.json", #"{"v": "{{secret:NOT_THERE}}"}"#)
        let failed = try workspace.run(["deploy", "--out", "out"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("secret not found: NOT_THERE"))
        #expect(failed.stderr.contains("processes/p17/u.json:1:8"))
        #expect(!workspace.exists("out"))
        #expect(!workspace.exists("vault/usage-index.json"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
        #expect(!leftovers.contains { $0.hasPrefix(".out") })
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/p17/u.json"))
        let deployed = try workspace.run(["deploy", "--out", "out"])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        #expect(deployed.stderr.contains("deployed 40 process files (3 secrets), 40 task inputs"))
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 1)
        #expect(try workspace.run(["deploy", "--out", "processes/inside"]).status == 2)
        #expect(try workspace.run(["deploy", "--out", "out", "--force"]).status == 0)
    }

    /// Something other than an index where the usage index goes stops the deploy before
    /// anything is written (exit 3), so no plaintext tree is left that no index accounts
    /// for, and an earlier output stays as it was.
    @Test func anIndexThatCannotBeWrittenLeavesNoOutput() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/p/t.json", #"{"v": "{{secret:HOST}}"}"#)
        // A folder where the index file goes.
        try workspace.write("vault/usage-index.json/keep", "")
        let failed = try workspace.run(["deploy", "--out", "out"])
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("is not a tresor usage index"), "\(failed.stderr)")
        #expect(!workspace.exists("out"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
        #expect(!leftovers.contains { $0.hasPrefix(".out") })
        // An earlier output stays as it was: the index is recorded before the new output is
        // put in place (the earlier output was gone, and the new one taken away; found by a
        // fourth fresh tester).
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/usage-index.json"))
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 0)
        let manifest = try workspace.read("out/manifest.json")
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/usage-index.json"))
        try workspace.write("vault/usage-index.json/keep", "")
        let again = try workspace.run(["deploy", "--out", "out", "--force"])
        #expect(again.status == 3, "\(again.stderr)")
        #expect(try workspace.read("out/manifest.json") == manifest)
    }

    /// Only a deploy of the vault's own process folder records the usage index: a deploy
    /// of another folder replaced it, and `usage` then called the real process files not
    /// deployed (found by a fresh tester).
    @Test func aDeployOfAnotherFolderLeavesTheUsageIndexAlone() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/p/t.json", #"{"v": "{{secret:HOST}}"}"#)
        try workspace.write("other/q/u.json", #"{"w": "{{secret:HOST}}"}"#)
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 0)
        let index = try workspace.read("vault/usage-index.json")
        let other = try workspace.run(
            ["deploy", "--processes", "other", "--out", "out2", "--verbose"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stderr.contains("is not the vault's process folder"), "\(other.stderr)")
        #expect(try workspace.read("vault/usage-index.json") == index)
        #expect(workspace.exists("out2/inputs/q/u/w.json"))
    }

    /// A parameter name of 250 bytes makes a file name of 255, the most there may be: it
    /// passes validate and deploys (its temporary file's longer name failed the deploy with
    /// "File name too long"); one byte more is an output-name error (found by a second
    /// fresh tester).
    @Test func namesUpToTheFileNameLimitDeploy() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        func process(_ parameter: String) -> String {
            BPMN.document(
                """
                <bpmn:serviceTask id="t"><bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="\(parameter)">{{secret:HOST}}</camunda:inputParameter>
                </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
                """)
        }
        let longest = String(repeating: "a", count: 250)
        try workspace.write("processes/p.bpmn", process(longest))
        #expect(try workspace.run(["validate"]).status == 0)
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(workspace.exists("out/inputs/p/t/\(longest).json"))
        try workspace.write("processes/p.bpmn", process(longest + "a"))
        let tooLong = try workspace.run(["validate"])
        #expect(tooLong.status == 1 && tooLong.output.contains("output-name"), "\(tooLong.output)")
    }

    @Test func aVaultErrorBlocksTheDeployBeforeAnyKeyIsUsed() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/p/t.json", #"{"v": "{{secret:HOST}}"}"#)
        try workspace.write("vault/lower_case.yaml", "name: lower_case\n")
        let run = try workspace.run(["deploy", "--out", "out"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("lower_case"))
        #expect(!workspace.exists("out"))
    }

    @Test func manifestAndIndexHoldNoValueAndNameEverySecret() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: Self.secrets)
        try workspace.write("processes/c7/upload.bpmn", Self.camunda7)
        #expect(try workspace.run(["deploy", "--out", "out"]).status == 0)
        let manifest = try workspace.read("out/manifest.json")
        let index = try workspace.read("vault/usage-index.json")
        for (_, _, value) in Self.secrets {
            for data in [manifest, index] {
                #expect(!String(decoding: data, as: UTF8.self).contains(value))
            }
        }
        let object = try JSONSerialization.jsonObject(with: manifest) as? [String: Any]
        let outputs = object?["outputs"] as? [[String: Any]] ?? []
        let bpmn = outputs.first { $0["path"] as? String == "processes/c7/upload.bpmn" }
        let digests = bpmn?["secrets"] as? [String: String] ?? [:]
        #expect(digests.keys.sorted() == ["HOST", "PASSWORD", "USER_NAME"])
        #expect(digests.values.allSatisfy { $0.count == 64 })
        let access = outputs.first { $0["parameter"] as? String == "access" }
        #expect(access?["kind"] as? String == "task-input")
        #expect(
            (access?["secrets"] as? [String: String])?.keys.sorted() == ["PASSWORD", "USER_NAME"])
        let uses = (try JSONSerialization.jsonObject(with: index) as? [String: Any])?["uses"]
        let rows = uses as? [[String: Any]] ?? []
        let password = rows.filter { $0["secret"] as? String == "PASSWORD" }
        #expect(password.map { $0["field"] as? String } == ["access.password", "payload.p"])
        #expect(password.allSatisfy { $0["process"] as? String == "upload" })
        #expect(password.allSatisfy { $0["task"] as? String == "Send" })
        #expect(password.allSatisfy { $0["file"] as? String == "c7/upload.bpmn" })
    }

    func json(_ workspace: Workspace, _ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: workspace.read(path), options: .fragmentsAllowed)
    }

    func expectPrivate(_ workspace: Workspace, _ folder: String) throws {
        let base = workspace.root.appendingPathComponent(folder).path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let path = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + path)
            let mode = attributes[.posixPermissions] as? Int
            let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode == (isFolder ? 0o700 : 0o600), "\(path)")
        }
    }
}
