import Foundation
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

    @Test(arguments: [
        "processes/", "processes", "models/bpmn", "./flows/", "vaults", "prozesse/über",
        ".github-flows", "git",
    ])
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
        // A NUL ended the path for the system (found by an eighteenth fresh tester).
        ("processes\\u0000", "control, invisible or line-breaking characters"),
        ("proc\\tesses", "control, invisible or line-breaking characters"),
        // An invisible look-alike, a line separator, git's folder (found by the next tester).
        ("processes\\uFE0F/", "control, invisible or line-breaking characters"),
        ("proce\\u200Bsses", "control, invisible or line-breaking characters"),
        ("proce\\u2028sses", "control, invisible or line-breaking characters"),
        (".git", "git's folder"),
        ("./.git/objects", "git's folder"),
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

    /// YAML's null is no folder named `~`, and a number in quotes is said to be one (both
    /// found by a sixth fresh tester).
    @Test func nullSettingsAndQuotedNumbersAreNamedAsSuch() throws {
        let plain = String(
            decoding: try VaultConfig(publicKey: MasterKey.generate().publicKey).yaml(),
            as: UTF8.self)
        let cases = [
            ("processes: processes/", "processes: ~", "is empty (null)"),
            ("format: 1", "format: \"1\"", "must be a number without quotes (format: 1)"),
            ("warn_value_length: 4096", "warn_value_length: x", "(such as 4096)"),
            // Found by a thirty-eighth fresh tester: octal to YAML 1.1, a sign, too large.
            ("warn_value_length: 4096", "warn_value_length: 010", "without a sign or a leading"),
            ("warn_value_length: 4096", "warn_value_length: +5", "without a sign or a leading"),
            ("warn_value_length: 4096", "warn_value_length: 99999999999999999999", "too large"),
        ]
        for (setting, replacement, words) in cases {
            let text = plain.replacingOccurrences(of: setting, with: replacement)
            #expect(text != plain, "\(setting) moved")
            do {
                _ = try VaultConfig(yaml: Array(text.utf8), path: "vault/vault.yaml")
                Issue.record("\(replacement) was accepted")
            } catch {
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
    }

    /// A symbolic link named in the setting is followed before the rules apply: a link to
    /// the vault, to the repository or out of it is refused when the vault is opened.
    @Test(
        arguments: [
            ("vault", "inside the vault"), (".", "which holds the vault"),
            ("/", "which holds the vault"), ("elsewhere", "outside the repository"), ("real", nil),
            // git's folder, through a committed link (found by a fresh tester).
            (".git", "git's own folder"), ("real/.git/objects", "git's own folder"),
        ] as [(String, String?)])
    func aLinkInTheSettingIsFollowed(destination: String, words: String?) throws {
        let temporary = try TemporaryVault()
        for folder in ["real", ".git", "real/.git/objects"] {
            try FileManager.default.createDirectory(
                atPath: temporary.root + "/" + folder, withIntermediateDirectories: true)
        }
        let elsewhere = NSTemporaryDirectory() + "tresor-elsewhere-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let target =
            destination == "elsewhere"
            ? elsewhere
            : destination.hasPrefix("/") ? destination : temporary.root + "/" + destination
        try FileManager.default.createSymbolicLink(
            atPath: temporary.root + "/procs", withDestinationPath: target)
        let text = try temporary.file("vault.yaml").replacingOccurrences(
            of: "processes: processes/", with: "processes: procs")
        try temporary.write("vault.yaml", text)
        do {
            let vault = try Vault(folder: temporary.vault.folder)
            #expect(words == nil, "accepted \(destination)")
            #expect(vault.processesFolder.hasSuffix("/procs"))
        } catch {
            let words = try #require(words, "\(error.message)")
            #expect(error.message.contains(words), "\(error.message)")
            #expect(error.message.contains("vault.yaml:\(lineOfSetting(text)):1:"))
        }
    }

    private func lineOfSetting(_ text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return
            (lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("processes:") }
            ?? 0) + 1
    }
}
