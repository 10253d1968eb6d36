import Foundation
import Testing

/// `tresor doctor` on a healthy set-up and on broken ones: one line per check, exit 0 only
/// when all pass.
@Suite struct DoctorTests {
    /// A git repository with a vault, a process folder, the hook and the diff driver.
    private func healthy() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-doctor")])
        try workspace.write("processes/.keep", "")
        try git(["init", "-q", "."], in: workspace)
        try git(["config", "diff.tresor.textconv", "tresor diff-text"], in: workspace)
        try workspace.write(".gitattributes", "vault/*.yaml diff=tresor\n")
        let hook = Workspace.packageRoot.appendingPathComponent("Hooks/pre-commit")
        try workspace.write(".git/hooks/pre-commit", try Data(contentsOf: hook))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755],
            ofItemAtPath: workspace.root.appendingPathComponent(".git/hooks/pre-commit").path)
        return workspace
    }

    private func git(_ arguments: [String], in workspace: Workspace) throws {
        let run = try workspace.run(arguments, executable: "/usr/bin/git")
        #expect(run.status == 0, "\(run.stderr)")
    }

    private func line(_ check: String, in run: Workspace.Run) -> String? {
        run.stdout.split(separator: "\n").map(String.init).first {
            $0.dropFirst(6).hasPrefix(check)
        }
    }

    @Test func healthySetUpPassesEveryCheck() throws {
        let workspace = try healthy()
        let run = try workspace.run(["doctor"])
        #expect(run.status == 0, "\(run.output)")
        let checks = [
            "vault", "master key found", "master key mode", "master key matches",
            "processes folder", "pre-commit hook", "diff driver", "libraries",
        ]
        for check in checks {
            #expect(line(check, in: run)?.hasPrefix("ok") == true, "\(check): \(run.stdout)")
        }
        #expect(!run.stdout.contains("\u{1B}["), "no colour when standard output is a pipe")
        #expect(!run.output.contains("fake-doctor"))
    }

    @Test func anOpenKeyFileFailsTheModeCheckWithItsFix() throws {
        let workspace = try healthy()
        let keys = workspace.config.appendingPathComponent("tresor/keys")
        let key = try FileManager.default.contentsOfDirectory(atPath: keys.path)[0]
        let path = keys.appendingPathComponent(key).path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let run = try workspace.run(["doctor"])
        #expect(run.status == 1)
        let mode = try #require(line("master key mode", in: run))
        #expect(mode.hasPrefix("FAIL") && mode.contains("fix: chmod 600 \(path)"))
        #expect(line("master key found", in: run)?.hasPrefix("ok") == true)
    }

    @Test func missingHookDriverProcessesAndKeyEachFail() throws {
        let workspace = try healthy()
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent(".git/hooks"))
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("processes"))
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent(".gitattributes"))
        try FileManager.default.removeItem(at: workspace.config)
        let run = try workspace.run(["doctor"])
        #expect(run.status == 1)
        for check in ["pre-commit hook", "diff driver", "processes folder", "master key found"] {
            let text = try #require(line(check, in: run), "\(run.stdout)")
            #expect(text.hasPrefix("FAIL") && text.contains("fix: "), "\(text)")
        }
        #expect(line("vault", in: run)?.hasPrefix("ok") == true)
    }

    @Test func noVaultFailsAndColourFollowsTheFlag() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["doctor", "--color", "always"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\u{1B}[31mFAIL\u{1B}[0m  vault"))
        let never = try workspace.run(["doctor", "--color", "never"])
        #expect(never.status == 1 && !never.stdout.contains("\u{1B}["))
        let wrong = try workspace.run(["doctor", "--color", "sometimes"])
        #expect(wrong.status == 2)
    }
}
