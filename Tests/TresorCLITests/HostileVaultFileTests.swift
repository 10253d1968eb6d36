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
}
