import Foundation
import Testing

/// `render`: escaping, all-or-nothing, refusals.
@Suite struct RenderCommandTests {
    static let tricky = "fake \"quote\" back\\slash\nnew\tline \u{1} 😀 </x> & ]]> end"

    @Test func jsonTemplateFromStandardInputIsEscapedMinimally() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("TRICKY", "other", Self.tricky)])
        let template =
            #"{"auth": "Bearer {{secret:TRICKY}}", "pair": "{{secret:TRICKY}}{{secret:TRICKY}}"}"#
        let run = try workspace.run(["render", "-"], input: Data(template.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: String]
        #expect(
            object?["auth"]?.unicodeScalars.elementsEqual(("Bearer " + Self.tricky).unicodeScalars)
                == true)
        #expect(
            object?["pair"]?.unicodeScalars.elementsEqual(
                (Self.tricky + Self.tricky).unicodeScalars) == true)
        #expect(!run.stdout.contains("\\/"))
        #expect(run.stdout.contains("\\u0001"))
    }

    /// A value that XML text cannot carry blocks every file it lands in, and a folder
    /// render or deploy reports all of them at once, writing nothing.
    @Test func everyFileWithAnUnsafeValueIsReported() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("TRICKY", "other", Self.tricky)])
        let task = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
            <bpmn:process id="P"><bpmn:serviceTask id="T"><bpmn:extensionElements>
            <camunda:inputOutput><camunda:inputParameter name="a">{{secret:TRICKY}}\
            </camunda:inputParameter></camunda:inputOutput>
            </bpmn:extensionElements></bpmn:serviceTask></bpmn:process></bpmn:definitions>
            """
        try workspace.write("processes/a.bpmn", task)
        try workspace.write(
            "processes/b.bpmn", task.replacingOccurrences(of: "\"P\"", with: "\"Q\""))
        for arguments in [
            ["render", "processes", "--out", "out"],
            ["deploy", "--processes", "processes", "--out", "out"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("processes/a.bpmn:3:55: unsafe-value"), "\(run.stderr)")
            #expect(run.stderr.contains("processes/b.bpmn:3:55: unsafe-value"), "\(run.stderr)")
            #expect(run.stderr.contains("cannot be written into XML text ("), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was written: 2 problems"), "\(run.stderr)")
            #expect(!workspace.exists("out"))
        }
    }

    /// `render -` reads standard input, which `validate` never sees: its hint says so.
    @Test func aBlockedStandardInputIsNotSentToValidate() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let run = try workspace.run(
            ["render", "-"], input: Data(#"{"a": "{{secret:NOPE_TOKEN}}"}"#.utf8))
        #expect(run.status == 1)
        #expect(run.stderr.contains("-:1:8: unknown-secret: secret not found: NOPE_TOKEN"))
        #expect(run.stderr.contains("in the input on standard input"), "\(run.stderr)")
        #expect(!run.stderr.contains("validate"), "\(run.stderr)")
        // In position order, as validate prints them (a forty-fourth fresh tester found a
        // near-miss on line 3 before an unknown secret on line 2).
        let two = try workspace.run(
            ["render", "-"],
            input: Data("{\n\"a\": \"{{secret:NOPE_TOKEN}}\",\n\"b\": \"{{ secret:X }}\"}".utf8))
        let lines = two.stderr.split(separator: "\n").filter { $0.hasPrefix("-:") }
        #expect(lines.map { $0.prefix(4) } == ["-:2:", "-:3:"], "\(two.stderr)")
    }

    @Test func valueHoldingAPlaceholderComesOutLiterally() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("OUTER", "other", "fake {{secret:INNER}}"), ("INNER", "other", "fake-inner"),
        ])
        let run = try workspace.run(
            ["render", "-"], input: Data(#"{"a": "{{secret:OUTER}}"}"#.utf8))
        #expect(run.stdout == #"{"a": "fake {{secret:INNER}}"}"#)
    }

    @Test func unknownSecretAndNearMissRenderNothing() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        try workspace.write("processes/good/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        try workspace.write("processes/bad/t.json", #"{"a": "{{secret:UNKNOWN}}"}"#)
        let unknown = try workspace.run(["render", "processes", "--out", "out"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("secret not found: UNKNOWN"))
        #expect(unknown.stderr.contains("processes/bad/t.json:1:8"))
        #expect(!workspace.exists("out"))
        try workspace.write("processes/bad/t.json", #"{"a": "{{ secret:KNOWN }}"}"#)
        let nearMiss = try workspace.run(["render", "processes", "--out", "out"])
        #expect(nearMiss.status == 1)
        #expect(nearMiss.stderr.contains("near-miss"))
        #expect(!workspace.exists("out"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
        #expect(!leftovers.contains { $0.hasPrefix(".out") })
        let single = try workspace.run(["render", "processes/bad/t.json", "--out", "one.json"])
        #expect(single.status == 1)
        #expect(!workspace.exists("one.json"))
    }

    @Test func folderRenderMirrorsTheTreeWithPrivateModes() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        try workspace.write(
            "processes/p/t.json",
            "{\r\n  \"a\": \"x {{secret:KNOWN}}\",\r\n  \"b\": \"\\u0041\"\r\n}")
        try workspace.write("processes/notes.txt", "{{secret:KNOWN}} stays in text files")
        let run = try workspace.run(["render", "processes", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        let rendered = try String(decoding: workspace.read("out/p/t.json"), as: UTF8.self)
        #expect(rendered == "{\r\n  \"a\": \"x fake-known\",\r\n  \"b\": \"\\u0041\"\r\n}")
        #expect(try workspace.read("out/notes.txt") == workspace.read("processes/notes.txt"))
        let attributes = try FileManager.default.attributesOfItem(
            atPath: workspace.root.appendingPathComponent("out/p/t.json").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(
            atPath: workspace.root.appendingPathComponent("out/p").path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        #expect(try workspace.run(["render", "processes", "--out", "out"]).status != 0)
        #expect(try workspace.run(["render", "processes", "--out", "out", "--force"]).status == 0)
    }

    /// The output mirrors the source's folders, empty ones too (hidden ones are left out,
    /// as hidden files are), each 0700.
    @Test func folderRenderMirrorsEmptyFolders() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        for folder in ["processes/empty/deeper", "processes/p/none", "processes/.hidden"] {
            try FileManager.default.createDirectory(
                at: workspace.root.appendingPathComponent(folder),
                withIntermediateDirectories: true)
        }
        let run = try workspace.run(["render", "processes", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        for folder in ["out/empty", "out/empty/deeper", "out/p/none"] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: workspace.root.appendingPathComponent(folder).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o700, "\(folder)")
        }
        #expect(!workspace.exists("out/.hidden"))
    }

    /// Outputs are 0600 and folders 0700 whatever the creation mask: one that takes owner
    /// bits (the mode is then set after creating) and one that takes none.
    @Test(arguments: ["0200", "0000", "0077", "0177", "0777"])
    func folderRenderModesDoNotDependOnTheUmask(_ umask: String) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        try workspace.write("processes/p/q/t.json", #"{"a": "{{secret:KNOWN}}"}"#)
        try workspace.write("processes/notes.txt", "copied")
        let run = try workspace.run(
            ["-c", "umask \(umask) && exec \"$0\" render processes --out out", Workspace.binary],
            executable: "/bin/sh")
        #expect(run.status == 0, "\(run.stderr)")
        for (path, mode) in [
            ("out/p/q/t.json", 0o600), ("out/notes.txt", 0o600), ("out", 0o700),
            ("out/p", 0o700), ("out/p/q", 0o700),
        ] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: workspace.root.appendingPathComponent(path).path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path) under \(umask)")
        }
    }

    /// A render copies what it does not resolve: the key folder, or a folder holding it,
    /// is never rendered or deployed (found by a fresh user: the keys were copied out).
    @Test func theKeyFolderIsNeverRendered() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        let keys = workspace.config.appendingPathComponent("tresor/keys").path
        for arguments in [
            ["render", keys, "--out", "out"], ["render", workspace.config.path, "--out", "out"],
            ["deploy", "--processes", keys, "--out", "out"],
        ] {
            let run = try workspace.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("refusing to render"), "\(run.stderr)")
            #expect(!workspace.exists("out"))
        }
    }

    @Test func ciphertextSwappedBetweenFilesIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("FIRST", "token", "fake-1"), ("SECOND", "token", "fake-2"),
        ])
        let first = try String(decoding: workspace.read("vault/FIRST.yaml"), as: UTF8.self)
        let second = try String(decoding: workspace.read("vault/SECOND.yaml"), as: UTF8.self)
        let line = { (text: String) in
            String(text.split(separator: "\n").first { $0.hasPrefix("value:") }!)
        }
        try workspace.write(
            "vault/SECOND.yaml", second.replacingOccurrences(of: line(second), with: line(first)))
        let run = try workspace.run(
            ["render", "-"], input: Data(#"{"a": "{{secret:SECOND}}"}"#.utf8))
        #expect(run.status == 4)
        #expect(run.stderr.contains("cannot be opened"))
        #expect(run.stdout.isEmpty)
    }

    @Test func groupReadableKeyFileIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let file = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let path = keys.appendingPathComponent(file).path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let run = try workspace.run(
            ["render", "-"], input: Data(#"{"a": "{{secret:KNOWN}}"}"#.utf8))
        #expect(run.status == 4)
        #expect(run.stderr.contains("chmod 600"))
    }

    @Test func keyFromTheEnvironmentWorksWithoutAKeyFile() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let file = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let key = try String(contentsOf: keys.appendingPathComponent(file), encoding: .utf8)
        try FileManager.default.removeItem(at: keys)
        let input = Data(#"{"a": "{{secret:KNOWN}}"}"#.utf8)
        let missing = try workspace.run(["render", "-"], input: input)
        #expect(missing.status == 4)
        let run = try workspace.run(
            ["render", "-"], input: input, environment: ["TRESOR_KEY": key])
        #expect(run.stdout == #"{"a": "fake-known"}"#)
    }

    /// A key command that hangs is stopped after `TRESOR_KEY_COMMAND_TIMEOUT` seconds
    /// (exit 4), and one that exits leaving a background child holding its output is
    /// taken at its exit: both hung `tresor` for as long as they ran (a known limitation).
    @Test func aKeyCommandHasATimeLimitAndEndsAtItsExit() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        let input = Data(#"{"a": "{{secret:KNOWN}}"}"#.utf8)
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let file = keys.appendingPathComponent(
            try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        ).path
        let started = Date()
        let hanging = try workspace.run(
            ["render", "-"], input: input,
            environment: [
                "TRESOR_KEY_COMMAND": "exec sleep 60", "TRESOR_KEY_COMMAND_TIMEOUT": "1",
            ])
        #expect(hanging.status == 4, "\(hanging.stderr)")
        #expect(hanging.stderr.contains("no key within 1 s"), "\(hanging.stderr)")
        // Far below the commands' 60 and 30 s: bounds on waiting, not speed targets. Each
        // command keeps the test's standard error pipe only as long as `tresor` waits.
        #expect(Date().timeIntervalSince(started) < 20)
        // What the shell started is stopped too: a `sleep` it forked ran on and held the
        // test's standard error open (found by a sixteenth fresh tester).
        let child = workspace.root.appendingPathComponent("child").path
        let forking = try workspace.run(
            ["render", "-"], input: input,
            environment: [
                "TRESOR_KEY_COMMAND": "sleep 60 & echo $! > '\(child)'; wait",
                "TRESOR_KEY_COMMAND_TIMEOUT": "1",
            ])
        #expect(forking.status == 4, "\(forking.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        let pid = try String(contentsOfFile: child, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Gone, or a zombie its new parent has not reaped yet.
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        #expect(stat == nil || stat!.contains(") Z "), "\(stat ?? "")")
        let leaving = try workspace.run(
            ["render", "-"], input: input,
            environment: ["TRESOR_KEY_COMMAND": "cat '\(file)'; sleep 30 2>/dev/null &"])
        #expect(leaving.status == 0, "\(leaving.stderr)")
        #expect(leaving.stdout == #"{"a": "fake-known"}"#)
        #expect(Date().timeIntervalSince(started) < 25)
        // No key variable reaches the command, its own included (found by a seventh fresh
        // tester); the key id it needs does.
        let seen = workspace.root.appendingPathComponent("seen").path
        let listing = try workspace.run(
            ["render", "-"], input: input,
            environment: [
                "TRESOR_KEY_COMMAND": "env > '\(seen)'; cat '\(file)'",
                "TRESOR_KEY_COMMAND_TIMEOUT": "60",
            ])
        #expect(listing.status == 0, "\(listing.stderr)")
        let variables = try String(contentsOfFile: seen, encoding: .utf8)
        #expect(!variables.contains("TRESOR_KEY_COMMAND"), "\(variables)")
        #expect(variables.contains("TRESOR_KEY_ID="), "\(variables)")
        for bad in ["0", "abc", "86401", " 5", "+5"] {
            let run = try workspace.run(
                ["render", "-"], input: input,
                environment: ["TRESOR_KEY_COMMAND": "exit 1", "TRESOR_KEY_COMMAND_TIMEOUT": bad])
            #expect(run.status == 4, "\(bad): \(run.stderr)")
            #expect(run.stderr.contains("must be a whole number of seconds"), "\(run.stderr)")
        }
    }

    /// A bare string input naming a missing secret says so of the whole input, not of an
    /// empty field name (found by a seventh fresh tester).
    @Test func aBareStringInputNamesTheWholeInput() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let run = try workspace.run(["render", "-"], input: Data(#""{{secret:GONE_ONE}}""#.utf8))
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("secret not found"), "\(run.stderr)")
        #expect(run.stderr.contains("the whole input"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// A key variable set to nothing stops the command rather than let it fall back to the
    /// key file (a deploy job whose key never arrived); a key command that prints nothing
    /// says so (found by a fresh tester).
    @Test func anEmptyKeyVariableIsAnErrorNotAFallback() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KNOWN", "token", "fake-known")])
        let input = Data(#"{"a": "{{secret:KNOWN}}"}"#.utf8)
        for name in ["TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND"] {
            let run = try workspace.run(["render", "-"], input: input, environment: [name: ""])
            #expect(run.status == 4, "\(name): \(run.stderr)")
            #expect(run.stderr.contains("\(name) is set but empty"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let silent = try workspace.run(
            ["render", "-"], input: input, environment: ["TRESOR_KEY_COMMAND": "true"])
        #expect(silent.status == 4)
        #expect(silent.stderr.contains("TRESOR_KEY_COMMAND failed: it printed nothing"))
        // A command that prints without end is cut off past the limit (it was drained for
        // ever, a byte at a time; found by a fresh tester).
        let endless = try workspace.run(
            ["render", "-"], input: input, environment: ["TRESOR_KEY_COMMAND": "yes"])
        #expect(endless.status == 4)
        #expect(endless.stderr.contains("more than 4096 bytes of output"), "\(endless.stderr)")
        // TRESOR_KEY_FILE comes before the command, as the README orders the sources (the
        // command was tried first).
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let file = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let ordered = try workspace.run(
            ["render", "-"], input: input,
            environment: [
                "TRESOR_KEY_FILE": keys.appendingPathComponent(file).path,
                "TRESOR_KEY_COMMAND": "exit 1",
            ])
        #expect(ordered.status == 0, "\(ordered.stderr)")
    }
}
