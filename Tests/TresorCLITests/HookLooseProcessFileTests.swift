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
