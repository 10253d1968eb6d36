import Foundation
import Testing

/// No command writes its output over a master key: not in the key folder of the
/// configuration, not at `TRESOR_KEY_FILE`, whatever `--force` says. Replacing the key with
/// plaintext would lose every value of the vault.
@Suite struct KeyFileOutputTests {
    @Test func outputsNeverReplaceAKey() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEY_SAFE_TOKEN", "token", "fake-key-safe-value")])
        try workspace.write("processes/p/t.json", #"{"a": "{{secret:KEY_SAFE_TOKEN}}"}"#)
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let keyFile = try #require(
            FileManager.default.contentsOfDirectory(atPath: keys.path).first {
                $0.hasSuffix(".key")
            })
        let keyPath = keys.appendingPathComponent(keyFile).path
        let key = try Data(contentsOf: URL(fileURLWithPath: keyPath))
        let attempts: [[String]] = [
            ["render", "processes/p/t.json", "--out", keyPath, "--force"],
            ["dotenv", "--out", keyPath, "--force"],
            ["report", "--out", keyPath, "--force"],
            ["render", "processes", "--out", keys.path, "--force"],
            ["render", "processes", "--out", workspace.config.path + "/tresor", "--force"],
            ["deploy", "--out", keys.path + "/deployed"],
        ]
        for arguments in attempts {
            let run = try workspace.run(arguments)
            #expect(run.status != 0, "\(arguments) succeeded")
            #expect(run.stderr.contains("refusing to write"), "\(arguments): \(run.stderr)")
            // dotenv, report and deploy render nothing: the words must fit them too.
            #expect(!run.stderr.contains("render"), "\(arguments): \(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: keyPath)) == key, "\(arguments)")
        }
        // A key named by TRESOR_KEY_FILE elsewhere is guarded the same way.
        let moved = workspace.root.appendingPathComponent("elsewhere.key").path
        try FileManager.default.moveItem(atPath: keyPath, toPath: moved)
        workspace.environment["TRESOR_KEY_FILE"] = moved
        let run = try workspace.run(["render", "processes/p/t.json", "--out", moved, "--force"])
        #expect(run.status != 0 && run.stderr.contains("refusing to write"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: moved)) == key)
        #expect(try workspace.run(["render", "processes/p/t.json"]).status == 0)
    }
}
