import Foundation
import Testing

/// Process models outside what `render` reads still may not hold credentials: a BPMN file
/// elsewhere in the repository, and a BPMN file under another extension in the process
/// folder (found by a thirty-fourth fresh tester: both passed the hook without a word).
@Suite struct HookLooseProcessFileTests: HookScenario {
    @Test(arguments: ["stuff/copied.bpmn", "docs/old/legacy.bpmn2", "x.bpmn20.xml"])
    func aCredentialInABPMNFileOutsideTheProcessFolderIsBlocked(_ path: String) throws {
        let workspace = try repository()
        try expectBlocked(try stagedRun(workspace, path, BPMN.plainPassword), path)
    }

    @Test func otherFilesOutsideTheProcessFolderAreNotJudged() throws {
        let workspace = try repository()
        // Only the process folder's JSON files are task inputs; an `.xml` elsewhere is no
        // process model.
        for path in ["stuff/settings.json", "stuff/pom.xml"] {
            let text =
                path.hasSuffix(".json")
                ? #"{"password": "fake-plain-json"}"# : BPMN.plainPassword
            let run = try stagedRun(workspace, path, text)
            #expect(run.status == 0, "\(path): \(run.output)")
        }
    }

    @Test(arguments: ["processes/p/legacy.bpmn2", "processes/p/legacy.xml"])
    func aBPMNFileUnderAnotherExtensionInTheProcessFolderIsJudged(_ path: String) throws {
        let workspace = try repository()
        let run = try stagedRun(workspace, path, BPMN.plainPassword)
        try expectBlocked(run, path)
        // It holds a placeholder that render will not resolve: validate's warning.
        #expect(run.stderr.contains("holds placeholders, but only"), "\(run.stderr)")
    }

    @Test func aNonProcessFileWithPlaceholdersGetsValidatesWarningOnly() throws {
        let workspace = try repository()
        let run = try stagedRun(
            workspace, "processes/p/notes.txt", "password: {{secret:FTP_PASSWORD}}\n")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("processes/p/notes.txt"), "\(run.stderr)")
        #expect(run.stderr.contains("holds placeholders, but only"), "\(run.stderr)")
    }

    /// The hook blocked the commit for a plaintext credential in `path`, without the value.
    private func expectBlocked(_ run: Workspace.Run, _ path: String) throws {
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("\(path):"), "\(run.stderr)")
        #expect(run.stderr.contains("plaintext-credential"), "\(run.stderr)")
        #expect(!run.output.contains("fake-plain"))
    }
}

/// Files that passed silently because nothing read them: models in another encoding or
/// behind a link (found by a thirty-sixth fresh tester), and files of the vault folder
/// that no command reads.
@Suite struct HookOddProcessFileTests: HookScenario {
    @Test(arguments: ["utf16le", "utf16be-bom", "latin1"])
    func aModelInAnotherEncodingIsJudged(_ encoding: String) throws {
        let workspace = try repository()
        // A Latin-1 task name before the credential.
        let text = BPMN.plainPassword.replacingOccurrences(
            of: #"id="upload""#, with: #"id="upload" name="Übertragung""#)
        let bytes: [UInt8]
        switch encoding {
        case "utf16le": bytes = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "utf16be-bom":
            bytes = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        default: bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        }
        try workspace.write("docs/model.bpmn", Data(bytes))
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("docs/model.bpmn:"), "\(run.stderr)")
        #expect(run.stderr.contains("plaintext-credential"), "\(run.stderr)")
    }

    @Test func aLinkNamedAsAModelIsJudgedByItsTarget() throws {
        let workspace = try repository()
        try workspace.write("deploy/model.txt", BPMN.plainPassword)
        try workspace.link("deploy/model.bpmn", to: "model.txt")
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("deploy/model.txt:"), "\(run.stderr)")
        #expect(run.stderr.contains("plaintext-credential"), "\(run.stderr)")
    }

    /// A secret file moved into a folder inside the vault is read by no command: the hook
    /// and `validate` warn about it (found by a sixth fresh tester; neither said a word).
    @Test func aFileInAFolderInsideTheVaultIsWarnedAbout() throws {
        let workspace = try repository()
        let good = String(decoding: try workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let run = try stagedRun(workspace, "vault/old/OLD_TOKEN.yaml", good)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "vault/old/OLD_TOKEN.yaml:1:1: vault-file: warning: a file in a folder"),
            "\(run.stderr)")
        let validate = try workspace.run(["validate"])
        #expect(
            validate.output.contains("vault/old:1:1: vault-file: warning: a folder in the vault"),
            "\(validate.output)")
        // A folder named like a secret file is reported once, as a file that cannot be read
        // (found by a sixteenth fresh tester: a warning came too).
        try workspace.write("vault/DIR.yaml/x", "x")
        let named = try workspace.run(["validate"])
        #expect(
            named.output.components(separatedBy: "vault/DIR.yaml").count == 2, "\(named.output)")
        #expect(named.output.contains("not a regular file"), "\(named.output)")
    }

    /// A hidden file named like a secret file is read by no command: both say so (found by
    /// a thirty-fourth fresh tester: one holding a plaintext value passed without a word).
    @Test func aHiddenFileNamedLikeASecretFileIsWarnedAbout() throws {
        let workspace = try repository()
        let run = try stagedRun(
            workspace, "vault/.FTP_PASSWORD.yaml", "password: fake-plain-hidden\n")
        #expect(run.status == 0, "\(run.stderr)")
        let warning = "vault/.FTP_PASSWORD.yaml:1:1: vault-file: warning: named like a secret file"
        #expect(run.stderr.contains(warning), "\(run.stderr)")
        #expect(!run.output.contains("fake-plain"))
        let validate = try workspace.run(["validate"])
        #expect(validate.output.contains(warning), "\(validate.output)")
        // Tresor's own hidden files are not named so.
        #expect(!validate.output.contains(".tresor"), "\(validate.output)")
    }

    @Test(arguments: ["FTP_PASSWORD.yaml~", "FTP_PASSWORD.yaml.orig", ".FTP_PASSWORD.yaml.swp"])
    func aBackupOfASecretFileIsWarnedAbout(_ name: String) throws {
        let workspace = try repository()
        let run = try stagedRun(workspace, "vault/\(name)", "value: fake-plain-backup\n")
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.stderr.contains("vault/\(name):1:1: vault-file: warning: named like a secret"),
            "\(run.stderr)")
        #expect(!run.output.contains("fake-plain"))
    }
}
