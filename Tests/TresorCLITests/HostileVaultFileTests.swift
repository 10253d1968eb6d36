import Foundation
import Testing

/// Broken and hostile secret files: every command stops with a clear error and its exit
/// code, nothing in the vault changes, and no message quotes the file.
@Suite struct HostileVaultFileTests {
    static let marker = "fake-marker-q7"
    static let name = "HOSTILE_TOKEN"

    /// The broken variants of a valid secret file, by label.
    static func broken(_ label: String, from original: String) -> Data {
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        func replacing(_ field: String, with line: String) -> Data {
            let changed = lines.map { $0.hasPrefix(field + ":") ? line : $0 }
            return Data(changed.joined(separator: "\n").utf8)
        }
        let value = lines.first { $0.hasPrefix("value: ") }!.dropFirst(7)
        switch label {
        case "syntax": return replacing("name", with: "name: [\(marker)")
        case "sequence name": return replacing("name", with: "name: [\(marker)]")
        case "scalar stamp": return replacing("created", with: "created: \(marker)")
        case "duplicate key": return Data((original + "display_name: \(marker)\n").utf8)
        case "anchor": return replacing("display_name", with: "display_name: &a \(marker)")
        case "alias": return replacing("type", with: "type: *\(marker)")
        case "tag": return replacing("display_name", with: "display_name: !!str \(marker)")
        case "tab indent":
            return Data(original.replacingOccurrences(of: "\n  at:", with: "\n\tat:").utf8)
        case "name holds text": return replacing("name", with: "name: \(marker)")
        case "type holds text": return replacing("type", with: "type: \(marker)")
        case "unknown field": return Data((original + "\(marker): x\n").utf8)
        case "plain value": return replacing("value", with: "value: \(marker)")
        case "truncated value":
            return replacing("value", with: "value: " + value.prefix(value.count / 2))
        case "broken base64":
            return replacing("value", with: "value: " + value.dropLast(8) + "!!!!\(marker)")
        case "unknown version":
            return replacing("value", with: "value: tresor:v9:" + value.dropFirst(10))
        case "binary garbage":
            var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255) }
            bytes.replaceSubrange(100..<114, with: Array(marker.utf8))
            return Data(bytes)
        default: preconditionFailure("unknown case \(label)")
        }
    }

    static let labels = [
        "syntax", "sequence name", "scalar stamp", "duplicate key", "anchor", "alias", "tag",
        "tab indent", "name holds text", "type holds text", "unknown field", "plain value",
        "truncated value", "broken base64", "unknown version", "binary garbage",
    ]

    @Test(arguments: labels)
    func brokenSecretFileStopsEveryCommand(_ label: String) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [(Self.name, "token", "fake-hostile-value")])
        let original = try workspace.read("vault/\(Self.name).yaml")
        let broken = Self.broken(label, from: String(decoding: original, as: UTF8.self))
        try workspace.write("vault/\(Self.name).yaml", broken)
        try check(workspace, label)
    }

    @Test func hundredMegabyteSecretFileIsRefusedUnread() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [(Self.name, "token", "fake-hostile-value")])
        let path = workspace.root.appendingPathComponent("vault/\(Self.name).yaml")
        try Data("name: \(Self.marker)\n".utf8).write(to: path)
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        try check(workspace, "100 MB")
    }

    /// A FIFO named like a secret file, or as `vault.yaml`, is refused as not a regular
    /// file (exit 3) instead of waiting for a writer for ever (found by a fresh tester).
    @Test func aFIFOInTheVaultIsRefusedNotWaitedOn() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept-value")])
        let vault = workspace.root.appendingPathComponent("vault").path
        #expect(mkfifo(vault + "/PIPE_TOKEN.yaml", 0o600) == 0)
        // `timeout` ends a hang with 124, so a regression fails instead of hanging CI.
        func run(_ arguments: [String], input: Data = Data()) throws -> Workspace.Run {
            try workspace.run(
                ["20", Workspace.binary] + arguments, input: input, executable: "/usr/bin/timeout")
        }
        for arguments in [["list"], ["validate"], ["render", "-"]] {
            let result = try run(arguments, input: Data(#"{"a": "{{secret:PIPE_TOKEN}}"}"#.utf8))
            #expect(result.status == (arguments == ["validate"] ? 1 : 3), "\(result.stderr)")
            #expect(result.output.contains("PIPE_TOKEN.yaml"), "\(result.output)")
            #expect(result.output.contains("not a regular file"), "\(result.output)")
        }
        try FileManager.default.removeItem(atPath: vault + "/vault.yaml")
        #expect(mkfifo(vault + "/vault.yaml", 0o600) == 0)
        let list = try run(["list"])
        #expect(list.status == 3, "\(list.stderr)")
    }

    /// Runs every command on the broken file and checks outcome, vault and messages.
    private func check(_ workspace: Workspace, _ label: String) throws {
        let before = workspace.vaultSnapshot()
        for (command, run) in try workspace.runEveryCommand(on: Self.name) {
            let expected: Int32 =
                switch command[0] {
                case "validate": 1
                case "usage": 0
                default: 3
                }
            #expect(run.status == expected, "\(label): \(command): \(run.stderr)")
            #expect(!run.output.contains(Self.marker), "\(label): \(command) quotes the file")
            if command[0] != "usage" {
                #expect(run.output.contains("HOSTILE_TOKEN.yaml"), "\(label): \(command)")
            }
        }
        #expect(workspace.vaultSnapshot() == before, "\(label): the vault changed")
        // Deleting is how a broken secret is got rid of: it works, and quotes nothing.
        let delete = try workspace.run(["delete", Self.name, "--yes"])
        #expect(delete.status == 0, "\(label): \(delete.stderr)")
        #expect(!delete.output.contains(Self.marker))
        #expect(!workspace.exists("vault/\(Self.name).yaml"))
    }

    @Test func byteOrderMarkAndCRLFAreRead() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [(Self.name, "token", "fake-crlf-value")])
        let path = "vault/\(Self.name).yaml"
        let text = String(decoding: try workspace.read(path), as: UTF8.self)
        let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
        try workspace.write(path, crlf)
        #expect(try workspace.run(["validate"]).status == 0)
        try workspace.write("in.json", #"{"p": "{{secret:HOSTILE_TOKEN}}"}"#)
        #expect(try workspace.run(["render", "in.json"]).stdout == #"{"p": "fake-crlf-value"}"#)
    }

    @Test func valueSealedToAnotherKeyIsNamedAndNotOpened() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let foreign = try workspace.foreignSecretFile(Self.name, value: "fake-foreign-value")
        try workspace.write("vault/\(Self.name).yaml", foreign)
        let before = workspace.vaultSnapshot()
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("envelope"))
        try workspace.write("in.json", #"{"p": "{{secret:HOSTILE_TOKEN}}"}"#)
        let render = try workspace.run(["render", "in.json"])
        #expect(render.status == 4)
        #expect(render.stderr.contains("sealed to key"))
        #expect(render.stdout.isEmpty)
        #expect(workspace.vaultSnapshot() == before)
    }

    /// A folder where a secret file or the lock belongs is named as such, with how to fix
    /// it: `create` said the secret existed and pointed at `edit`, which failed; `delete`
    /// gave no hint; the lock's hint asked for a writable vault (found by a thirty-eighth
    /// fresh tester).
    @Test func aFolderInPlaceOfASecretFileOrTheLockIsNamed() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let folder = workspace.root.appendingPathComponent("vault/DIR_PW.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let create = try workspace.run(
            ["create", "DIR_PW", "--type", "password", "--display-name", "x"], value: "fake-dir")
        #expect(create.status == 3)
        #expect(create.stderr.contains("it is not a file"), "\(create.stderr)")
        #expect(!create.stderr.contains("tresor edit"))
        let delete = try workspace.run(["delete", "DIR_PW", "--yes"])
        #expect(delete.status == 3)
        #expect(delete.stderr.contains("rm -r"), "\(delete.stderr)")
        try FileManager.default.removeItem(at: folder)
        let lock = workspace.root.appendingPathComponent("vault/.lock")
        try? FileManager.default.removeItem(at: lock)
        try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: true)
        let locked = try workspace.run(
            ["create", "LK_PW", "--type", "password", "--display-name", "x"], value: "fake-lk")
        #expect(locked.status == 6)
        #expect(locked.stderr.contains("remove the folder"), "\(locked.stderr)")
    }

    /// `init` over a vault folder whose vault.yaml is gone warns that the secret files
    /// there are sealed to another key (found by a thirty-eighth fresh tester: only later
    /// commands said so).
    @Test func initOverSecretFilesOfAnotherKeyWarns() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("OLD_TOKEN", "token", "fake-old")])
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/vault.yaml"))
        let run = try workspace.run(["init"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("already held 1 secret file, sealed to another key"))
    }
}
