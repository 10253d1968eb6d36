import Testing

@testable import TresorKit

/// The signing key derived from a master key, the key-change signature a rekey writes, and
/// the two `vault.yaml` fields that carry them.
@Suite struct CryptoSigningKeyTests {
    @Test func theSigningKeyIsDerivedFromTheMasterKeyAlone() {
        let master = MasterKey.generate()
        let again = MasterKey(secret: master.secret)
        #expect(SigningKey(of: master).publicKey == SigningKey(of: again).publicKey)
        #expect(SigningKey(of: master).publicKey != SigningKey(of: MasterKey.generate()).publicKey)
        // Not the X25519 public key under another name.
        #expect(SigningKey(of: master).publicKey.bytes != master.publicKey.bytes)
    }

    @Test func aKeyChangeVerifiesOnlyForWhatWasSigned() {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let other = MasterKey.generate()
        let signer = SigningKey(of: old)
        let newSigning = SigningKey(of: new).publicKey
        let signature = signer.signChange(
            from: old.keyID, to: new.publicKey, signingKey: newSigning)
        #expect(
            signer.publicKey.verifies(
                signature, from: old.keyID, to: new.publicKey, signingKey: newSigning))
        // Another new key, another new signing key, another old key id, another signer.
        #expect(
            !signer.publicKey.verifies(
                signature, from: old.keyID, to: other.publicKey, signingKey: newSigning))
        #expect(
            !signer.publicKey.verifies(
                signature, from: old.keyID, to: new.publicKey,
                signingKey: SigningKey(of: other).publicKey))
        #expect(
            !signer.publicKey.verifies(
                signature, from: other.keyID, to: new.publicKey, signingKey: newSigning))
        #expect(
            !SigningKey(of: other).publicKey.verifies(
                signature, from: old.keyID, to: new.publicKey, signingKey: newSigning))
        var flipped = signature.bytes
        flipped[10] ^= 1
        #expect(
            !signer.publicKey.verifies(
                KeyChangeSignature(bytes: flipped), from: old.keyID, to: new.publicKey,
                signingKey: newSigning))
    }

    @Test func theFieldsRoundTripInVaultYaml() throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let signing = SigningKey(of: new).publicKey
        var config = VaultConfig(publicKey: new.publicKey, signingKey: signing)
        config.keyChange = SigningKey(of: old).signChange(
            from: old.keyID, to: new.publicKey, signingKey: signing)
        let text = String(decoding: try config.yaml(), as: UTF8.self)
        // The writer quotes a value that YAML could read as another type (a leading digit).
        #expect(
            text.contains("\nsigning_key: \(signing.base64)\nkey_change: ")
                || text.contains("\nsigning_key: \"\(signing.base64)\"\nkey_change: "), "\(text)")
        #expect(try VaultConfig(yaml: Array(text.utf8), path: "v") == config)
    }

    @Test(arguments: [
        ("signing_key: c2hvcnQ=\n", "signing_key is not a base64 Ed25519 public key"),
        ("key_change: not-base64!\n", "key_change is not a base64 Ed25519 signature"),
        ("signing_key: [a]\n", "signing_key"),
    ])
    func malformedFieldsAreRefusedWithTheirLine(_ field: String, _ problem: String) throws {
        let key = MasterKey.generate().publicKey
        let text = String(decoding: try VaultConfig(publicKey: key).yaml(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            _ = try VaultConfig(yaml: Array((text + field).utf8), path: "vault/vault.yaml")
            Issue.record("accepted \(field)")
        } catch {
            #expect(error.problem.contains(problem), "\(error.problem)")
            #expect(error.line == lines, "\(error.message)")
        }
    }
}
