import Testing

@testable import TresorKit

/// The optional `editors` list of `vault.yaml`: written as a YAML list, read back exactly,
/// absent in files of the first release, and refused when it is not a list of texts.
@Suite struct EditorsFieldTests {
    @Test func editorsRoundTripAndOldFilesStillRead() throws {
        let key = MasterKey.generate().publicKey
        var config = VaultConfig(publicKey: key)
        let plain = try config.yaml()
        #expect(!String(decoding: plain, as: UTF8.self).contains("editors"))
        #expect(try VaultConfig(yaml: plain, path: "v").editors == [])
        config.editors = ["*@ops.example.com", "no", "Bob Builder"]
        let bytes = try config.yaml()
        #expect(
            String(decoding: bytes, as: UTF8.self).contains("editors:\n- \"*@ops.example.com\""))
        #expect(try VaultConfig(yaml: bytes, path: "v") == config)
    }

    @Test(arguments: ["editors: alice\n", "editors:\n  - [a]\n", "editors:\n  - \"\"\n"])
    func malformedEditorsAreRefused(_ field: String) throws {
        let key = MasterKey.generate().publicKey
        let text = String(decoding: try VaultConfig(publicKey: key).yaml(), as: UTF8.self) + field
        #expect(throws: VaultFileError.self) {
            try VaultConfig(yaml: Array(text.utf8), path: "vault/vault.yaml")
        }
    }
}
