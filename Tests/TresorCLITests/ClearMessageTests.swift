import Foundation
import Testing

/// Messages that named the wrong thing or gave the wrong advice (found by a fresh tester):
/// each now says what is wrong, and how to fix it.
@Suite struct ClearMessageTests {
    @Test func standardInputTooLargeForRenderIsNoFileToMove() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let run = try workspace.run(
            ["render", "-"], input: Data(repeating: UInt8(ascii: "y"), count: (64 << 20) + 1))
        #expect(run.status == 6, "\(run.stderr)")
        #expect(run.stderr.contains("standard input is larger than"), "\(run.stderr)")
        #expect(run.stderr.contains("pass a smaller input"), "\(run.stderr)")
        #expect(!run.stderr.contains("move it out"), "\(run.stderr)")
    }

    @Test func aReferenceToAForbiddenCharacterIsNamedAsSuch() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        try workspace.write(
            "processes/nul.bpmn",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <process id="p"><documentation>a&#0;b</documentation></process>
            </definitions>
            """)
        let run = try workspace.run(["validate"])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("processes/nul.bpmn:3:35: xml: "), "\(run.output)")
        #expect(
            run.output.contains("character reference to U+0000, a character XML does not allow"),
            "\(run.output)")
        #expect(!run.output.contains("malformed entity"), "\(run.output)")
    }

    @Test func vaultFlagNamingAFileSaysItIsNoFolder() throws {
        let workspace = try Workspace()
        try workspace.write("notes.txt", "not a vault")
        let run = try workspace.run(["list", "--vault", "notes.txt"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("notes.txt is not a folder"), "\(run.stderr)")
        #expect(run.stderr.contains("--vault names the folder that holds vault.yaml"))
    }

    @Test func logBeforeTheFirstCommitSaysThereIsNoHistory() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("EARLY_TOKEN", "token", "fake-early")])
        let run = try workspace.run(["log", "EARLY_TOKEN"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("EARLY_TOKEN has no history yet"), "\(run.stderr)")
        #expect(!run.stderr.contains("fatal"), "\(run.stderr)")
        let missing = try workspace.run(["log", "NO_SUCH_TOKEN"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("secret not found: NO_SUCH_TOKEN"), "\(missing.stderr)")
    }

    @Test func aSecretNameThatIsNotUTF8IsNotCalledAFile() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let run = try workspace.run(
            ["-c", "\"$1\" show \"$(printf 'A\\377')\"", "sh", Workspace.binary],
            executable: "/bin/sh")
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("type it again"), "\(run.stderr)")
    }
}
