import Foundation
import Testing

@testable import TresorKit

/// `delete` after a confirmation removes only the file that was shown: a secret deleted
/// and created anew, or edited, meanwhile stays (found by a fresh tester, whose typed
/// confirmation deleted a secret created while the prompt waited).
@Suite struct VaultDeleteTests {
    static func isChangedMeanwhile(_ error: any Error) -> Bool {
        if case .changedMeanwhile = error as? VaultError { return true }
        return false
    }

    @Test func aSecretCreatedAnewWhileTheDeleteWaitedIsKept() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("DEL_ME", "fake-first")
        let shown = try #require(temporary.vault.fileState(of: name))
        // Another process deletes it and creates it again, with the same clock and user:
        // only the sealed box tells the two apart.
        try temporary.vault.delete(name)
        try temporary.create("DEL_ME", "fake-first")
        #expect {
            try temporary.vault.delete(name, ifUnchangedFrom: shown)
        } throws: {
            Self.isChangedMeanwhile($0)
        }
        #expect(temporary.vault.exists(name))
        let error = VaultError.changedMeanwhile(name)
        #expect(error.message.contains("nothing was deleted"))
        #expect(error.exitCode == .problems)
        // Confirmed as it is now, it goes.
        let now = try #require(temporary.vault.fileState(of: name))
        try temporary.vault.delete(name, ifUnchangedFrom: now)
        #expect(!temporary.vault.exists(name))
    }

    @Test func anEditWhileTheDeleteWaitedKeepsTheSecret() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("EDITED_TOKEN", "fake-edited")
        let shown = try #require(temporary.vault.fileState(of: name))
        _ = try temporary.vault.edit(
            name, displayName: "Changed", type: nil, value: nil,
            environment: temporary.environment)
        #expect {
            try temporary.vault.delete(name, ifUnchangedFrom: shown)
        } throws: {
            Self.isChangedMeanwhile($0)
        }
        #expect(temporary.vault.exists(name))
    }

    /// A file too large to read is compared by inode, size and change times: deleted and
    /// made anew while the prompt waited, it stays.
    @Test func anUnreadableFileMadeAnewIsKeptToo() throws {
        let temporary = try TemporaryVault()
        let name = try SecretName("HUGE_TOKEN")
        let path = temporary.vault.folder + "/HUGE_TOKEN.yaml"
        try String(repeating: "a", count: 2 << 20).write(
            toFile: path, atomically: false, encoding: .utf8)
        let shown = try #require(temporary.vault.fileState(of: name))
        try FileManager.default.removeItem(atPath: path)
        try temporary.create("HUGE_TOKEN", "fake-huge-replacement")
        #expect {
            try temporary.vault.delete(name, ifUnchangedFrom: shown)
        } throws: {
            Self.isChangedMeanwhile($0)
        }
        #expect(temporary.vault.exists(name))
    }
}
