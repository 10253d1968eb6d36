import Foundation
import Testing

/// Helpers for the hardening scenarios: snapshots of the vault folder, a second vault, and
/// the commands that read a secret.
extension Workspace {
    /// Every regular file of `vault/` (hidden ones included) and its bytes.
    func vaultSnapshot() -> [String: Data] {
        let folder = root.appendingPathComponent("vault")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [String: Data] = [:]
        for name in names {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(name)) {
                result[name] = data
            }
        }
        return result
    }

    /// The commands that read or change the secret `name`, each run once.
    func runEveryCommand(on name: String) throws -> [([String], Run)] {
        try write("processes/p/t.json", #"{"p": "{{secret:\#(name)}}"}"#)
        let commands = [
            ["show", name], ["show", name, "--json"], ["list"], ["list", "--json"],
            ["validate"], ["validate", "--json"], ["usage", name],
            ["render", "processes/p/t.json"], ["edit", name, "--display-name", "Changed"],
        ]
        return try commands.map { ($0, try run($0)) }
    }

    /// A secret file sealed by another vault (another master key), made in `folder`.
    func foreignSecretFile(_ name: String, value: String) throws -> Data {
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("other"), withIntermediateDirectories: true)
        let made = try run(["init"], in: "other")
        #expect(made.status == 0, "\(made.stderr)")
        // Named: found by searching from inside this workspace's folder, whose own vault
        // lies above it, it would be refused.
        let created = try run(
            [
                "create", name, "--display-name", "Other", "--type", "token", "--vault",
                root.appendingPathComponent("other/vault").path,
            ], input: Data(value.utf8), in: "other")
        #expect(created.status == 0, "\(created.stderr)")
        return try read("other/vault/\(name).yaml")
    }

    /// Creates a symbolic link at `path` (under the workspace) pointing at `target`.
    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(path).path, withDestinationPath: target)
    }

    /// Runs `tresor ARGUMENTS` as the user `nobody` (root may remove and write anything),
    /// from a copy of the binary it can reach, with the master key in `TRESOR_KEY`.
    func runAsNobody(_ arguments: [String], executable: String? = nil) throws -> Run {
        let keys = config.appendingPathComponent("tresor/keys")
        let keyName = try #require(
            try FileManager.default.contentsOfDirectory(atPath: keys.path).first {
                $0.hasSuffix(".key")
            })
        let key = try String(contentsOf: keys.appendingPathComponent(keyName), encoding: .utf8)
        let binary = root.appendingPathComponent("tresor-as-nobody").path
        if !FileManager.default.fileExists(atPath: binary) {
            try FileManager.default.copyItem(atPath: Workspace.binary, toPath: binary)
        }
        // A process another test started while the copy was open for writing may hold it
        // open a little longer (the descriptor is inherited): exec then fails with "Text
        // file busy" (a CI run failed so). It is run again once that process has ended.
        var attempt = 0
        while true {
            let result = try run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", executable ?? binary]
                    + arguments,
                environment: ["TRESOR_KEY": key], executable: "/usr/bin/setpriv")
            attempt += 1
            guard result.status == 126, result.stderr.contains("Text file busy"), attempt < 20
            else { return result }
            usleep(100_000)
        }
    }
}
