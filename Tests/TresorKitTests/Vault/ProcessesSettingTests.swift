import Testing

@testable import TresorKit

/// `settings.processes` of `vault.yaml` names a folder inside the repository, beside the
/// vault: render writes there and deploy reads there, so a path that leaves the repository,
/// the repository itself or the vault folder is refused at the line of the setting.
@Suite struct ProcessesSettingTests {
    private func config(processes: String) throws(VaultFileError) -> VaultConfig {
        let plain = String(
            decoding: try! VaultConfig(publicKey: MasterKey.generate().publicKey)
                .yaml(), as: UTF8.self)
        let text = plain.replacingOccurrences(
            of: "processes: processes/", with: "processes: \"\(processes)\"")
        precondition(text != plain, "the default setting moved")
        return try VaultConfig(yaml: Array(text.utf8), path: "vault/vault.yaml")
    }

    @Test(arguments: ["processes/", "processes", "models/bpmn", "./flows/", "vaults"])
    func foldersInsideTheRepositoryAreAccepted(setting: String) throws {
        #expect(try config(processes: setting).processes == setting)
    }

    @Test(arguments: [
        ("/etc", "relative to the repository"),
        ("/", "relative to the repository"),
        ("../elsewhere", "'..'"),
        ("processes/../../x", "'..'"),
        (".", "not the repository itself"),
        ("./", "not the repository itself"),
        ("", "not the repository itself"),
        ("vault", "vault folder"),
        ("vault/processes", "vault folder"),
    ])
    func pathsOutsideTheRepositoryOrOverTheVaultAreRefused(setting: String, words: String) {
        do {
            _ = try config(processes: setting)
            Issue.record("\(setting) was accepted")
        } catch {
            #expect(error.message.contains(words), "\(error.message)")
            #expect(error.message.hasPrefix("vault/vault.yaml:"), "\(error.message)")
            #expect(error.hint?.contains("processes/") == true)
        }
    }
}
