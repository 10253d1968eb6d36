import Foundation
import Testing

@testable import TresorKit

/// Every test gets its own temporary folder as XDG_CONFIG_HOME and a HOME that does not
/// exist, so nothing touches the real home folder.
@Suite final class CryptoKeyStoreTests {
    let folder: String
    let environment: TresorEnvironment

    init() throws {
        folder = NSTemporaryDirectory() + "tresor-keystore-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        environment = Self.environment(["XDG_CONFIG_HOME": folder], in: folder)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static func environment(_ variables: [String: String], in folder: String) -> TresorEnvironment {
        var all = variables
        all["HOME"] = folder + "/no-such-home"
        return TresorEnvironment(variables: all, currentDirectory: folder)
    }

    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func storeThenLoad() throws {
        let key = MasterKey.generate()
        let path = try KeyStore.store(key, environment: environment)
        #expect(path == "\(folder)/tresor/keys/\(key.keyID.text).key")
        #expect(try mode(of: path) == 0o600)
        #expect(try mode(of: "\(folder)/tresor/keys") == 0o700)

        let (loaded, source) = try KeyStore.load(for: key.keyID, environment: environment)
        #expect(loaded.secret == key.secret)
        #expect(source == "key file \(path)")
    }

    @Test func storeRefusesToOverwrite() throws {
        let key = MasterKey.generate()
        let path = try KeyStore.store(key, environment: environment)
        #expect(throws: KeyError.alreadyExists(path: path)) {
            try KeyStore.store(key, environment: environment)
        }
        #expect(
            try KeyStore.load(for: key.keyID, environment: environment).key.secret == key.secret)
    }

    @Test func refusesAKeyFileOthersCanRead() throws {
        let key = MasterKey.generate()
        let path = try KeyStore.store(key, environment: environment)
        chmod(path, 0o644)
        do {
            _ = try KeyStore.load(for: key.keyID, environment: environment)
            Issue.record("loaded a key file readable by others")
        } catch {
            #expect(error == .tooOpen(path: path, mode: 0o644))
            #expect(error.message.contains("0644"))
            #expect(error.hint == "chmod 600 \(path)")
            #expect(error.exitCode == .key)
        }
    }

    @Test func variableWinsOverFile() throws {
        let key = MasterKey.generate()
        let path = try KeyStore.store(key, environment: environment)
        chmod(path, 0o644)  // the file would be refused if it were read
        let text = String(decoding: key.encoded.copyBytes(), as: UTF8.self)
        let env = Self.environment(["XDG_CONFIG_HOME": folder, "TRESOR_KEY": text], in: folder)
        let (loaded, source) = try KeyStore.load(for: key.keyID, environment: env)
        #expect(loaded.keyID == key.keyID)
        #expect(source == "TRESOR_KEY")
    }

    @Test func keyFileVariableIsResolvedAgainstTheCurrentFolder() throws {
        let key = MasterKey.generate()
        let bytes = key.encoded.copyBytes()
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/team.key", contents: Data(bytes),
                attributes: [.posixPermissions: 0o600]))
        let env = Self.environment(["TRESOR_KEY_FILE": "team.key"], in: folder)
        let (loaded, source) = try KeyStore.load(for: key.keyID, environment: env)
        #expect(loaded.keyID == key.keyID)
        #expect(source == "key file \(folder)/team.key")
    }

    @Test func mismatchIsDetected() throws {
        let wanted = MasterKey.generate().keyID
        let other = MasterKey.generate()
        let text = String(decoding: other.encoded.copyBytes(), as: UTF8.self)
        let env = Self.environment(["TRESOR_KEY": text], in: folder)
        do {
            _ = try KeyStore.load(for: wanted, environment: env)
            Issue.record("loaded the wrong key")
        } catch {
            #expect(error == .mismatch(expected: wanted, found: other.keyID, source: "TRESOR_KEY"))
            #expect(error.hint?.contains("TRESOR_KEY") == true)
            #expect(!error.message.contains(text.prefix(30)))
        }
    }

    @Test func missingKeyListsWhereItLooked() throws {
        let id = MasterKey.generate().keyID
        let path = try KeyStore.defaultPath(for: id, environment: environment)
        let looked = ["TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND", path]
        #expect(throws: KeyError.notFound(id, looked: looked)) {
            try KeyStore.load(for: id, environment: environment)
        }
    }

    @Test func aSourceHoldingSeveralKeysGivesTheOneAsked() throws {
        let (old, new) = (MasterKey.generate(), MasterKey.generate())
        let text = String(
            decoding: old.encoded.copyBytes() + new.encoded.copyBytes(), as: UTF8.self)
        var variables = environment.variables
        variables["TRESOR_KEY"] = "\n" + text + "\n"
        let both = TresorEnvironment(variables: variables, currentDirectory: "/")
        #expect(try KeyStore.load(for: new.keyID, environment: both).key.keyID == new.keyID)
        #expect(try KeyStore.load(for: old.keyID, environment: both).key.keyID == old.keyID)
        let third = MasterKey.generate().keyID
        #expect(throws: KeyError.mismatch(expected: third, found: old.keyID, source: "TRESOR_KEY"))
        {
            try KeyStore.load(for: third, environment: both)
        }
    }

    /// A key file may hold both keys of a rekey too, as the README says (found by a
    /// twenty-fifth fresh tester: it was "the wrong length"); a line that is no key is
    /// refused wherever it stands, after the key asked for too, and named by its number.
    @Test func aKeyFileHoldingSeveralKeysGivesTheOneAskedAndRefusesJunkLines() throws {
        let (old, new) = (MasterKey.generate(), MasterKey.generate())
        let both = old.encoded.copyBytes() + new.encoded.copyBytes()
        let path = folder + "/two.key"
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data(both), attributes: [.posixPermissions: 0o600]))
        let env = Self.environment(["TRESOR_KEY_FILE": path], in: folder)
        #expect(try KeyStore.load(for: new.keyID, environment: env).key.keyID == new.keyID)
        #expect(try KeyStore.load(for: old.keyID, environment: env).key.keyID == old.keyID)
        let junk = old.encoded.copyBytes() + Array("fake junk line\n".utf8)
        let variables = ["TRESOR_KEY": String(decoding: junk, as: UTF8.self)]
        let junkEnv = Self.environment(variables, in: folder)
        #expect(
            throws: KeyError.invalid(source: "TRESOR_KEY, line 2", problem: .missingPrefix)
        ) {
            try KeyStore.load(for: old.keyID, environment: junkEnv)
        }
    }

    /// A key file saved with a byte order mark (Windows editors) reads, and its key is
    /// among the keys `redact` masks (found by a twenty-sixth fresh tester).
    @Test func aKeyFileWithAByteOrderMarkReads() throws {
        let key = MasterKey.generate()
        let path = folder + "/bom.key"
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + key.encoded.copyBytes()),
                attributes: [.posixPermissions: 0o600]))
        let env = Self.environment(["TRESOR_KEY_FILE": path], in: folder)
        #expect(try KeyStore.load(for: key.keyID, environment: env).key.keyID == key.keyID)
        #expect(KeyStore.heldKeys(environment: env).map(\.keyID) == [key.keyID])
    }

    /// `redact` masks the keys of key files it may not open values with: one readable by
    /// others was skipped, and its key passed in clear (found by a twenty-fifth tester).
    @Test func heldKeysIncludeKeyFilesOpenToOthers() throws {
        let key = MasterKey.generate()
        let path = try KeyStore.store(key, environment: environment)
        chmod(path, 0o644)
        #expect(KeyStore.heldKeys(environment: environment).map(\.keyID) == [key.keyID])
    }

    @Test func invalidKeyTextIsNotEchoed() throws {
        let env = Self.environment(["TRESOR_KEY": "fake-not-a-key-Qw8"], in: folder)
        do {
            _ = try KeyStore.load(for: MasterKey.generate().keyID, environment: env)
            Issue.record("accepted an invalid key")
        } catch {
            #expect(error == .invalid(source: "TRESOR_KEY", problem: .missingPrefix))
            #expect(!error.message.contains("Qw8"))
        }
    }

    @Test func refusesFoldersAndOversizedFiles() throws {
        let id = MasterKey.generate().keyID
        let folderEnv = Self.environment(["TRESOR_KEY_FILE": folder], in: folder)
        #expect(throws: KeyError.notRegularFile(path: folder)) {
            try KeyStore.load(for: id, environment: folderEnv)
        }
        let big = folder + "/big.key"
        let bytes = [UInt8](repeating: 0x41, count: 5000)
        #expect(
            FileManager.default.createFile(
                atPath: big, contents: Data(bytes), attributes: [.posixPermissions: 0o600]))
        let bigEnv = Self.environment(["TRESOR_KEY_FILE": big], in: folder)
        #expect(throws: KeyError.tooLarge(path: big)) {
            try KeyStore.load(for: id, environment: bigEnv)
        }
    }

    @Test func defaultPathFallsBackToHome() throws {
        let id = try #require(KeyID(text: "0123456789abcdef"))
        let env = TresorEnvironment(variables: ["HOME": "/fake/home/"], currentDirectory: "/")
        #expect(
            try KeyStore.defaultPath(for: id, environment: env)
                == "/fake/home/.config/tresor/keys/0123456789abcdef.key")
        let none = TresorEnvironment(variables: [:], currentDirectory: "/")
        #expect(throws: KeyError.noHome) { try KeyStore.defaultPath(for: id, environment: none) }
        // A relative HOME would be read from the current folder, the repository perhaps (a
        // forty-fourth fresh tester).
        for home in [".", "relative/home"] {
            let relative = TresorEnvironment(variables: ["HOME": home], currentDirectory: "/r")
            #expect(throws: KeyError.noHome) {
                try KeyStore.defaultPath(for: id, environment: relative)
            }
        }
    }
}
