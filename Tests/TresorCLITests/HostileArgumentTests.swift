import Foundation
import Testing

/// Arguments and environment: mistakes end with a usage or key error (exit 2 or 4) that
/// never echoes what might be a value or a key.
@Suite struct HostileArgumentTests {
    static let canary = "fakeCANARYarg9"

    @Test(arguments: [
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "-p\(canary)"],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "-x\(canary)"],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--value", canary],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--password=\(canary)"],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", canary],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--", canary],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--value-file"],
        ["create", "A_TOKEN", "--display-name"], ["create", "A_TOKEN", "--type", "token"],
        ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--type", "token"],
        ["edit", "KEPT_TOKEN", "--new-value=\(canary)"], ["edit", "KEPT_TOKEN", canary],
        ["edit", "KEPT_TOKEN", "--new-value", "--value-file", "x"], ["edit", "KEPT_TOKEN"],
        ["show", "KEPT_TOKEN", "--secret=\(canary)"], ["list", "--type"],
        ["list", "--jsn"], ["render", "--out"], ["delete"],
    ])
    func mistakesAreUsageErrorsThatEchoNoValue(_ arguments: [String]) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        let before = workspace.vaultSnapshot()
        let run = try workspace.run(arguments, input: Data("fake-stdin".utf8))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("hint:"))
        #expect(!run.output.contains(Self.canary), "\(run.stderr)")
        #expect(workspace.vaultSnapshot() == before)
    }

    /// A value typed where the value file's path goes is not echoed when no such file is
    /// there (found by a sixth fresh tester: "cannot open .../VALUE").
    @Test func aValueTypedAsTheValueFileIsNotEchoed() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        let before = workspace.vaultSnapshot()
        for arguments in [
            ["create", "A_TOKEN", "--display-name", "D", "--type", "token", "--value-file"],
            ["edit", "KEPT_TOKEN", "--value-file"],
        ] {
            let run = try workspace.run(arguments + [Self.canary])
            #expect(run.status == 6, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("cannot read the --value-file"), "\(run.stderr)")
            #expect(!run.output.contains(Self.canary), "\(run.stderr)")
        }
        #expect(workspace.vaultSnapshot() == before)
    }

    /// A master key pasted into any argument (a display name, a secret name, a path, a
    /// flag's value, before the command) is refused before anything could echo or store it.
    @Test func aKeyInAnyArgumentIsRefusedAndNeverEchoed() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        let keys = workspace.config.appendingPathComponent("tresor/keys").path
        let file = try #require(
            FileManager.default.contentsOfDirectory(atPath: keys).first { $0.hasSuffix(".key") })
        let key = try String(contentsOfFile: keys + "/" + file, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let body = String(key.dropFirst("TRESOR-SECRET-KEY-1".count))
        let before = workspace.vaultSnapshot()
        for arguments in [
            ["create", "DN_TEST", "--type", "password", "--display-name", key],
            ["show", key], ["usage", key], ["render", key], ["--vault", key, "list"],
            ["render", "-", "--out", key], ["exec", "--only", key, "--", "true"],
            ["list", "--vault=x\(key.lowercased())"], ["nosuchcommand", key], ["help", key],
        ] {
            let run = try workspace.run(arguments, input: Data("fake-stdin".utf8))
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("an argument holds a master key"), "\(run.stderr)")
            #expect(
                !run.output.contains(body) && !run.output.lowercased().contains(body.lowercased()))
        }
        #expect(workspace.vaultSnapshot() == before)
        #expect(!workspace.exists(key))
    }

    /// Key texts that are not keys: not base64, wrong length, wrong checksum, whitespace.
    static let badKeys = [
        canary, "TRESOR-SECRET-KEY-1" + canary,
        "TRESOR-SECRET-KEY-1" + String(repeating: "!", count: 48),
        "TRESOR-SECRET-KEY-1" + String(repeating: "A", count: 47),
        "TRESOR-SECRET-KEY-1" + String(repeating: "A", count: 49),
        "TRESOR-SECRET-KEY-1" + String(repeating: "A", count: 34) + canary,
        "TRESOR-SECRET-KEY-1" + String(repeating: "A", count: 24) + " "
            + String(repeating: "A", count: 23),
        "TRESOR-SECRET-KEY-1" + String(repeating: "=", count: 48),
    ]

    @Test(arguments: badKeys)
    func badKeyInTheEnvironmentIsAKeyErrorThatEchoesNothing(_ key: String) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        try workspace.write("in.json", #"{"a": "{{secret:KEPT_TOKEN}}"}"#)
        let run = try workspace.run(["render", "in.json"], environment: ["TRESOR_KEY": key])
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stderr.contains("TRESOR_KEY"))
        #expect(run.stdout.isEmpty)
        #expect(!run.output.contains(Self.canary))
        #expect(!run.output.contains("AAAAAAAA"))
    }

    @Test func keyFileWithWrongModeOwnerOrKindIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        try workspace.write("in.json", #"{"a": "{{secret:KEPT_TOKEN}}"}"#)
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let keyFile = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let key = keys.appendingPathComponent(keyFile).path
        func render(_ file: String? = nil) throws -> Workspace.Run {
            try workspace.run(
                ["render", "in.json"], environment: file.map { ["TRESOR_KEY_FILE": $0] } ?? [:])
        }
        for mode in [0o644, 0o640, 0o604, 0o660, 0o602, 0o610] {
            chmod(key, mode_t(mode))
            let run = try render()
            #expect(run.status == 4, "mode \(String(mode, radix: 8))")
            #expect(run.stderr.contains("chmod 600"))
        }
        chmod(key, 0o600)
        #expect(try render().status == 0)
        if getuid() == 0 {
            chown(key, 65534, 65534)
            let run = try render()
            #expect(run.status == 4)
            #expect(run.stderr.contains("belongs to another user"))
            chown(key, 0, 0)
        }
        let fifo = workspace.root.appendingPathComponent("fifo").path
        mkfifo(fifo, 0o600)
        for path in [workspace.config.path, fifo, "/dev/zero", key + ".missing"] {
            let run = try render(path)
            #expect(run.status == 4, "\(path): \(run.stderr)")
        }
        #expect(try render(key).status == 0)
    }
}
