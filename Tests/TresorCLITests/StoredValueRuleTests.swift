import Foundation
import Testing

@testable import TresorKit

/// A value sealed by hand with the vault's public key, past `create`'s checks, is checked
/// again where it is opened: render refuses it, writes nothing and never shows it (found by
/// a fresh tester: a 0xFF byte reached a rendered file with exit 0).
@Suite struct StoredValueRuleTests {
    /// Each value and the reason render gives for it.
    static let cases: [(bytes: [UInt8], type: String, reason: String)] = [
        (Array("fake".utf8) + [0xFF] + Array("bad".utf8), "token", "not valid UTF-8"),
        (Array("fake".utf8) + [0xED, 0xA0, 0x80], "token", "not valid UTF-8"),
        (Array("fake".utf8) + [0x00] + Array("nul".utf8), "token", "NUL"),
        ([], "token", "empty"),
        (
            Array(repeating: UInt8(ascii: "f"), count: SecretValueRules.maximumLength + 1),
            "token", "at most"
        ),
        (Array("fake-port".utf8), "port", "port"),
    ]

    /// A workspace whose secret HAND_SEALED of `type` holds `bytes`, sealed by hand.
    static func handSealed(_ bytes: [UInt8], type: String) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("HAND_SEALED", type, type == "port" ? "2121" : "x")])
        let path = "vault/HAND_SEALED.yaml"
        let original = String(decoding: try workspace.read(path), as: UTF8.self)
        let vault = try Vault(folder: workspace.root.appendingPathComponent("vault").path)
        let sealed = try SealedValue.seal(
            SecretBytes(bytes), name: "HAND_SEALED", to: vault.config.publicKey)
        let line = original.split(separator: "\n").first { $0.hasPrefix("value: ") }!
        try workspace.write(
            path, original.replacingOccurrences(of: line, with: "value: " + sealed.text))
        try workspace.write("in.json", #"{"a": "{{secret:HAND_SEALED}}"}"#)
        return workspace
    }

    @Test(arguments: cases.indices)
    func renderRefusesAValueThatBreaksTheRules(_ index: Int) throws {
        let (bytes, type, reason) = Self.cases[index]
        let workspace = try Self.handSealed(bytes, type: type)

        let run = try workspace.run(["render", "in.json", "--out", "out.json"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("the stored value of HAND_SEALED breaks the value rules"))
        #expect(run.stderr.contains(reason))
        #expect(run.stderr.contains("tresor edit HAND_SEALED --new-value"))
        #expect(!run.stderr.contains("fake"))
        #expect(!workspace.exists("out.json"))
    }

    /// A rekey re-seals the bytes as they are: one bad value must not hold it up after a
    /// key leaked (found by a second fresh tester).
    @Test func aRekeyMovesAValueThatBreaksTheRulesAsItIs() throws {
        let workspace = try Self.handSealed(Self.cases[0].bytes, type: "token")
        let rekey = try workspace.run(["rekey"])
        #expect(rekey.status == 0, "\(rekey.stderr)")
        let render = try workspace.run(["render", "in.json"])
        #expect(render.status == 1)
        #expect(render.stderr.contains("not valid UTF-8"), "\(render.stderr)")
    }
}

/// `edit --type` to a type whose values are checked checks the stored value when the master
/// key is at hand, and warns when it is not: a password changed to `port` had made every
/// later render fail (found by a fresh tester).
@Suite struct EditTypeCheckTests {
    @Test func aNewTypeTheStoredValueDoesNotFitIsRefusedWithTheKey() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("TYPED_SECRET", "password", "fake-pw-typed")])
        let before = try workspace.read("vault/TYPED_SECRET.yaml")
        let run = try workspace.run(["edit", "TYPED_SECRET", "--type", "port"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("does not fit type port"), "\(run.stderr)")
        #expect(!run.stderr.contains("fake-pw-typed"))
        #expect(try workspace.read("vault/TYPED_SECRET.yaml") == before)
        // A value that fits: the type changes.
        let create = try workspace.run(
            ["create", "PORT_SECRET", "--display-name", "P", "--type", "token"], value: "2121")
        #expect(create.status == 0)
        #expect(try workspace.run(["edit", "PORT_SECRET", "--type", "port"]).status == 0)
        #expect(try workspace.run(["show", "PORT_SECRET"]).stdout.contains("port"))
    }

    @Test func withoutTheKeyTheTypeChangesWithAWarning() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEYLESS_SECRET", "password", "fake-pw-keyless")])
        // A wrong key is an error (exit 4), not a missing one (found by a third tester).
        let other = try Workspace()
        try other.initVault()
        let otherKeys = other.config.appendingPathComponent("tresor/keys").path
        let otherKey = try #require(
            try FileManager.default.contentsOfDirectory(atPath: otherKeys).first)
        let wrong = try workspace.run(
            ["edit", "KEYLESS_SECRET", "--type", "port"],
            environment: ["TRESOR_KEY_FILE": otherKeys + "/" + otherKey])
        #expect(wrong.status == 4, "\(wrong.stderr)")
        let empty = workspace.root.appendingPathComponent("empty-config").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let run = try workspace.run(
            ["edit", "KEYLESS_SECRET", "--type", "port"], environment: ["XDG_CONFIG_HOME": empty])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("is not checked against type port"), "\(run.stderr)")
    }
}
