import Foundation

@testable import TresorKit

/// A vault in a fresh temporary folder, with its own configuration home and a fixed clock
/// and user, for tests that run in parallel.
final class TemporaryVault {
    let root: String
    let environment: TresorEnvironment
    let vault: Vault

    init(user: String = "alice@example.com") throws {
        root = NSTemporaryDirectory() + "tresor-unit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        environment = TresorEnvironment(
            variables: ["XDG_CONFIG_HOME": root + "/config", "HOME": root],
            currentDirectory: root, now: { Date(timeIntervalSince1970: 1_780_000_000) },
            user: { _ in user })
        vault = try Vault.initialize(folder: root + "/vault", environment: environment).vault
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func key() throws -> MasterKey {
        try KeyStore.load(for: vault.config.keyID, environment: environment).key
    }

    @discardableResult
    func create(_ name: String, _ value: String, type: SecretType = .token) throws -> SecretName {
        let secret = try SecretName(name)
        _ = try vault.create(
            secret, displayName: "Display \(name)", type: type,
            value: SecretBytes(Array(value.utf8)),
            environment: environment)
        return secret
    }

    func file(_ name: String) throws -> String {
        try String(contentsOfFile: vault.folder + "/" + name, encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: vault.folder + "/" + name, atomically: false, encoding: .utf8)
    }
}
