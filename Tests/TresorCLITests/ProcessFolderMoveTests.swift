import Foundation
import Testing

/// A commit that changes `vault.yaml`'s `processes` setting: the hook and `verify` check
/// the folder it leaves and the whole folder it names (found by a thirty-fourth fresh
/// tester: a plaintext credential passed both in two commits).
@Suite struct ProcessFolderMoveTests: HookScenario {
    /// Points the vault's `processes` setting at `folder`.
    private func setProcesses(_ workspace: Workspace, _ folder: String) throws {
        let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("processes:")
                ? "  processes: \(folder)" : String(line)
        }
        #expect(lines.contains("  processes: \(folder)"), "\(text)")
        try workspace.write("vault/vault.yaml", lines.joined(separator: "\n"))
    }

    @Test func aCredentialCommittedWhileTheSettingPointsElsewhereIsBlocked() throws {
        let workspace = try repository()
        try workspace.git(["tag", "base"])
        let plain = #"{"password": "fake-plain-move-1"}"#
        try workspace.write("elsewhere/x.json", "{}")
        try setProcesses(workspace, "elsewhere/")
        try workspace.write("processes/p/t.json", plain)
        try workspace.git(["add", "-A"])
        let away = try workspace.hook()
        #expect(away.status == 1, "\(away.output)")
        #expect(away.stderr.contains("processes/p/t.json"), "\(away.stderr)")
        #expect(!away.output.contains("fake-plain-move"))
        try workspace.commitAll("point elsewhere")

        try setProcesses(workspace, "processes/")
        try workspace.git(["add", "-A"])
        let back = try workspace.hook()
        #expect(back.status == 1, "\(back.output)")
        #expect(back.stderr.contains("processes/p/t.json"), "\(back.stderr)")
        try workspace.commitAll("point back")

        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.output.contains("processes/p/t.json"), "\(verify.output)")
        #expect(!verify.output.contains("fake-plain-move"))
    }

    @Test func movingAFolderOfCleanFilesPasses() throws {
        let workspace = try repository()
        try workspace.git(["mv", "processes", "bpmn"])
        try setProcesses(workspace, "bpmn/")
        try workspace.git(["add", "-A"])
        let moved = try workspace.hook()
        #expect(moved.status == 0, "\(moved.output)")
        // An unchanged file of the new folder is checked too: an unknown secret in it is
        // named, though the commit did not touch it.
        try workspace.commitAll("moved")
        try workspace.write("other/t.json", #"{"password": "{{secret:NO_SUCH_SECRET}}"}"#)
        try workspace.commitAll("other folder")
        try setProcesses(workspace, "other/")
        try workspace.git(["add", "-A"])
        let unknown = try workspace.hook()
        #expect(unknown.status == 1, "\(unknown.output)")
        #expect(unknown.stderr.contains("other/t.json"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("NO_SUCH_SECRET"), "\(unknown.stderr)")
    }
}
