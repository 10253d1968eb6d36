import Foundation
import Testing

@testable import TresorKit

@Suite struct VaultTests {
    @Test func createWritesTheFixedLayoutAndTheValueOpens() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("FTP_PASSWORD", "fake-pass")
        let text = try temporary.file("FTP_PASSWORD.yaml")
        let keys = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") }
            .map { $0.split(separator: ":")[0] }
        #expect(keys == ["name", "display_name", "type", "value", "created", "updated"])
        #expect(text.contains("at: \"2026-05-28T20:26:40Z\""))
        #expect(text.contains("by: alice@example.com"))
        let record = try temporary.vault.read(name)
        let value = try record.value.open(name: "FTP_PASSWORD", with: temporary.key())
        #expect(value.copyBytes() == Array("fake-pass".utf8))
    }

    /// A `create` or `edit` that waited for a rekey's lock seals to the new key, not to the
    /// key `vault.yaml` named when the command opened the vault (found by a fresh tester:
    /// two racing creates were left on the old key after a rekey said none was).
    @Test func writesAfterARekeySealToTheNewKey() throws {
        let temporary = try TemporaryVault()
        let edited = try temporary.create("EDITED_TOKEN", "fake-before")
        let opened = temporary.vault
        let report = try temporary.vault.rekey(
            keys: KeyRing(environment: temporary.environment), environment: temporary.environment)
        #expect(opened.config.keyID.text == report.oldKeyID.text)
        let created = try SecretName("LATE_TOKEN")
        _ = try opened.create(
            created, displayName: "late", type: .token,
            value: SecretBytes(Array("fake-late".utf8)), environment: temporary.environment)
        _ = try opened.edit(
            edited, displayName: nil, type: nil, value: SecretBytes(Array("fake-after".utf8)),
            environment: temporary.environment)
        for name in [created, edited] {
            let recipients = try temporary.vault.read(name).value.recipients
            #expect(recipients.map(\.text) == [report.newKeyID.text], "\(name)")
        }
    }

    /// `tresor log` after a rekey: the box is sealed to another key and says nothing of the
    /// value, so the entry says so rather than "value changed" (found by a fresh tester).
    @Test func historyOfARekeyDoesNotClaimTheValueChanged() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("LOGGED_TOKEN", "fake-logged")
        let before = try temporary.vault.read(name)
        // Another box under the same key: the value changed, and the entry says so.
        var edited = before
        edited.value = try temporary.vault.read(temporary.create("OTHER_TOKEN", "fake-o")).value
        #expect(SecretHistory.changes(from: before, to: edited, present: true) == ["value changed"])
        let report = try temporary.vault.rekey(
            keys: KeyRing(environment: temporary.environment), environment: temporary.environment)
        let after = try temporary.vault.read(name)
        let changes = SecretHistory.changes(from: before, to: after, present: true)
        #expect(!changes.contains("value changed"), "\(changes)")
        #expect(changes.contains { $0.hasPrefix("re-sealed to \(report.newKeyID.text)") })
    }

    /// Every change shares one temporary name under the lock, so it removes what a killed
    /// writer left without listing the vault (a listing of 10,000 secrets cost an edit 4 ms,
    /// and a rekey one per file); a rekey also removes the older `.NAME.tmp-PID-N` form.
    @Test func changesRemoveAKilledWritersTemporaryFile() throws {
        let temporary = try TemporaryVault()
        let folder = temporary.vault.folder
        let leftover = folder + "/" + Vault.writeTemporary
        func hidden() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.contains(".tmp-") }.sorted()
        }
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8)))
        let name = try temporary.create("KEPT_TOKEN", "fake-kept")
        #expect(try hidden().isEmpty)
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8)))
        try temporary.vault.delete(name)
        #expect(try hidden().isEmpty)
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8)))
        let old = folder + "/.OLD_TOKEN.yaml.tmp-99999999-1"
        #expect(FileManager.default.createFile(atPath: old, contents: Data("x".utf8)))
        try temporary.create("OTHER_TOKEN", "fake-other")
        #expect(try hidden() == [".OLD_TOKEN.yaml.tmp-99999999-1"])
        _ = try temporary.vault.rekey(
            keys: KeyRing(environment: temporary.environment), environment: temporary.environment)
        #expect(try hidden().isEmpty)
    }

    /// A folder at the temporary name (committed by mistake) is removed by the next change;
    /// it stopped every write with "File exists" (found by a second fresh tester).
    @Test func aFolderAtTheWriteTemporaryIsRemoved() throws {
        let temporary = try TemporaryVault()
        let path = temporary.vault.folder + "/" + Vault.writeTemporary
        try FileManager.default.createDirectory(
            atPath: path + "/inner", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path + "/inner/keep", contents: nil))
        try temporary.create("AFTER_FOLDER", "fake-after")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func recordRoundTripsThroughYAML() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("API_TOKEN", "fake")
        var record = try temporary.vault.read(name)
        record.displayName = "yes: \"no\" # not a comment 😀"
        let bytes = try record.yaml()
        let again = try SecretRecord(yaml: bytes, path: "x", fileName: "API_TOKEN")
        #expect(again.displayName == record.displayName)
        #expect(again.value == record.value)
        #expect(try again.yaml() == bytes)
    }

    @Test(arguments: [
        ("name: A\n", "missing field"),
        ("- a\n", "mapping"),
        ("name: &x A\n", "anchors"),
        ("name: A\nname: B\n", "duplicate key"),
        ("name: OTHER\ndisplay_name: x\ntype: token\nvalue: x\n", "differs from the file name"),
        ("extra: 1\n", "unknown field"),
    ])
    func schemaErrorsPointAtTheFieldWithoutQuotingIt(_ text: String, _ expected: String) throws {
        let temporary = try TemporaryVault()
        try temporary.write("A.yaml", text)
        let name = try SecretName("A")
        do {
            _ = try temporary.vault.read(name)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.contains("A.yaml:"))
            #expect(error.exitCode == .vault)
        }
    }

    /// A control character in a stamp's `by` is an error at its line; `create` never writes
    /// one: a user holding one is stamped with `?` in its place.
    @Test func controlCharactersInAStampAreRefusedAndNeverWritten() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("API_TOKEN", "fake")
        let text = try temporary.file("API_TOKEN.yaml")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let by = try #require(lines.lastIndex { $0.hasPrefix("  by: ") })
        var edited = lines
        edited[by] = #"  by: "fake\u001B[31m@example.com""#
        try temporary.write("API_TOKEN.yaml", edited.joined(separator: "\n"))
        do {
            _ = try temporary.vault.read(name)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("updated.by must be one line"), "\(error.message)")
            #expect(error.message.contains("API_TOKEN.yaml:\(by + 1):"), "\(error.message)")
            #expect(error.exitCode == .vault)
        }
        let environment = TresorEnvironment(
            variables: [:], currentDirectory: "/", user: { _ in "fake\u{1B}[31m\u{85}@example.com" }
        )
        #expect(AuditStamp(environment: environment, folder: "/").by == "fake?[31m?@example.com")
        // An empty one names nobody (found by a fresh tester).
        edited[by] = #"  by: "  ""#
        try temporary.write("API_TOKEN.yaml", edited.joined(separator: "\n"))
        #expect {
            _ = try temporary.vault.read(name)
        } throws: { error in
            (error as? any TresorError)?.message.contains("updated.by is empty") == true
        }
    }

    /// A `USER` set but empty, with no git identity, made `create` write `by: ""`, which
    /// every later read refused (found by a sixteenth fresh tester): a blank variable
    /// counts as unset, and a blank user is written as `unknown`.
    @Test func aBlankUserIsNeverWrittenAsTheAuthor() {
        #expect(TresorEnvironment.loginName(["USER": "", "LOGNAME": "fake-login"]) == "fake-login")
        #expect(TresorEnvironment.loginName(["USER": " \t", "LOGNAME": ""]) == "unknown")
        #expect(TresorEnvironment.loginName(["USER": "fake-user"]) == "fake-user")
        #expect(TresorEnvironment.loginName(["USER": " ", "LOGNAME": " fake-bob "]) == "fake-bob")
        let blank = TresorEnvironment(variables: ["USER": ""], currentDirectory: "/")
        #expect(AuditStamp(environment: blank, folder: "/").by == "unknown")
        let spaces = TresorEnvironment(variables: [:], currentDirectory: "/", user: { _ in "  " })
        #expect(AuditStamp(environment: spaces, folder: "/").by == "unknown")
    }

    /// A stamp's time must be a real one (found by a seventh fresh tester).
    @Test(arguments: [
        ("2026-12-04T16:00:00Z", true), ("2024-02-29T23:59:60Z", true),
        ("2026-99-99T99:99:99Z", false), ("2026-02-29T00:00:00Z", false),
        ("2026-04-31T00:00:00Z", false), ("2026-00-10T00:00:00Z", false),
        ("2026-01-10T24:00:00Z", false), ("2026-01-10T00:60:00Z", false),
        ("2026-01-10 00:00:00Z", false), ("1900-02-29T00:00:00Z", false),
        ("2026-06-15T12:34:60Z", false),
    ])
    func stampTimesMustBeRealTimes(_ text: String, _ valid: Bool) {
        #expect(AuditStamp.isWellFormed(text) == valid, "\(text)")
    }

    @Test func validatorReportsBadFileNamesForeignKeysAndVagueNames() throws {
        let temporary = try TemporaryVault()
        try temporary.create("SECRET_1", "fake")
        let other = try TemporaryVault()
        try other.create("FOREIGN", "fake")
        try temporary.write("FOREIGN.yaml", try other.file("FOREIGN.yaml"))
        try temporary.write("lower.yaml", "name: lower\n")
        let findings = try Validator.findings(vault: temporary.vault, processes: nil)
        let rules = findings.map { "\($0.severity):\($0.rule)" }
        #expect(rules.contains("error:envelope"))
        #expect(rules.contains("error:secret-name"))
        #expect(rules.contains("warning:name-style"))
    }

    /// A value copied into another secret's file: both names are given, as the validator
    /// cannot tell which file holds the copy.
    @Test func aCopiedValueNamesBothSecrets() throws {
        let temporary = try TemporaryVault()
        try temporary.create("FTP_USER", "fake-user")
        try temporary.create("FTP_PASSWORD", "fake-password")
        let user = try temporary.file("FTP_USER.yaml")
        let valueLine = try #require(user.split(separator: "\n").first { $0.hasPrefix("value:") })
        let password =
            try temporary.file("FTP_PASSWORD.yaml").split(separator: "\n")
            .map { $0.hasPrefix("value:") ? valueLine : $0 }.joined(separator: "\n") + "\n"
        try temporary.write("FTP_PASSWORD.yaml", password)
        let findings = try Validator.findings(vault: temporary.vault, processes: nil)
        let copied = try #require(findings.first { $0.message.contains("same sealed value") })
        #expect(copied.message.hasPrefix("FTP_PASSWORD and FTP_USER hold the same sealed value"))
        #expect(copied.hint?.contains("git log -p") == true)
    }

    /// An unresolved merge in a secret file is named as one, at the marker's line, as the
    /// hook names it, and not as a YAML error.
    @Test func conflictMarkersInASecretFileAreNamed() throws {
        let temporary = try TemporaryVault()
        let name = try temporary.create("MERGED_TOKEN", "fake-merged")
        let text = try temporary.file("MERGED_TOKEN.yaml")
        try temporary.write(
            "MERGED_TOKEN.yaml", "<<<<<<< HEAD\n" + text + "=======\n" + text + ">>>>>>> other\n")
        #expect {
            try temporary.vault.read(name)
        } throws: { error in
            guard case .file(let file) = error as? VaultError else { return false }
            return file.rule == .conflictMarker && file.line == 1
                && file.hint?.contains("git checkout HEAD -- ") == true
        }
        let findings = try Validator.findings(vault: temporary.vault, processes: nil)
        #expect(findings.contains { $0.rule == .conflictMarker })
    }

    @Test func initRefusesAnExistingVault() throws {
        let temporary = try TemporaryVault()
        #expect(throws: VaultError.self) {
            try Vault.initialize(folder: temporary.vault.folder, environment: temporary.environment)
        }
    }

    @Test func symbolicLinkSecretFileIsRefused() throws {
        let temporary = try TemporaryVault()
        try temporary.create("REAL", "fake")
        try FileManager.default.createSymbolicLink(
            atPath: temporary.vault.folder + "/LINKED.yaml",
            withDestinationPath: temporary.vault.folder + "/REAL.yaml")
        #expect(throws: VaultError.self) { try temporary.vault.read(try SecretName("LINKED")) }
    }

    @Test func locateWalksUpAndHonoursAnExplicitFolder() throws {
        let temporary = try TemporaryVault()
        let deep = temporary.root + "/a/b"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        var environment = temporary.environment
        environment.currentDirectory = deep
        #expect(try Vault.locate(explicit: nil, environment: environment) == temporary.vault.folder)
        #expect(
            try Vault.locate(explicit: "../x", environment: environment) == temporary.root + "/a/x")
        environment.currentDirectory = "/"
        #expect(throws: VaultError.self) {
            try Vault.locate(explicit: nil, environment: environment)
        }
    }
}
