import Foundation
import Testing

/// `tresor doctor` on a healthy set-up and on broken ones: one line per check, exit 0 only
/// when all pass.
@Suite struct DoctorTests {
    /// A git repository with a vault, a process folder, both hooks and the diff driver,
    /// and `TRESOR` naming the binary the hooks run.
    private func healthy() throws -> Workspace {
        let workspace = try Workspace()
        workspace.environment["TRESOR"] = Workspace.binary
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-doctor")])
        try workspace.write("processes/.keep", "")
        try git(["init", "-q", "."], in: workspace)
        try git(["config", "diff.tresor.textconv", "tresor diff-text"], in: workspace)
        try workspace.write(".gitattributes", "vault/*.yaml diff=tresor\n")
        for name in ["pre-commit", "pre-merge-commit"] {
            let hook = Workspace.packageRoot.appendingPathComponent("Hooks/" + name)
            try workspace.write(".git/hooks/" + name, try Data(contentsOf: hook))
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755],
                ofItemAtPath: workspace.root.appendingPathComponent(".git/hooks/" + name).path)
        }
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
            "signing key", "processes folder", "pre-commit hook", "pre-merge-commit hook",
            "diff driver", "libraries",
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
        // A folder others may write to: they could replace or remove the key (found by a
        // thirty-eighth fresh tester: every key check said ok).
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: keys.path)
        let open = try workspace.run(["doctor"])
        let folder = try #require(line("master key mode", in: open))
        #expect(folder.hasPrefix("FAIL") && folder.contains("fix: chmod go-w \(keys.path)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: keys.path)
        #expect(line("master key mode", in: try workspace.run(["doctor"]))?.hasPrefix("ok") == true)
        // A folder above it too (found by a forty-first fresh tester).
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: keys.path)
        let above = keys.deletingLastPathComponent()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: above.path)
        let upper = try #require(line("master key mode", in: try workspace.run(["doctor"])))
        #expect(upper.hasPrefix("FAIL") && upper.contains("chmod go-w \(above.path)"), "\(upper)")
    }

    @Test func missingHookDriverProcessesAndKeyEachFail() throws {
        let workspace = try healthy()
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent(".git/hooks"))
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("processes"))
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent(".gitattributes"))
        try FileManager.default.removeItem(at: workspace.config)
        let run = try workspace.run(["doctor", "--processes", "processes"])
        #expect(run.status == 1)
        let checks = [
            "pre-commit hook", "pre-merge-commit hook", "diff driver", "processes folder",
            "master key found",
        ]
        for check in checks {
            let text = try #require(line(check, in: run), "\(run.stdout)")
            #expect(text.hasPrefix("FAIL") && text.contains("fix: "), "\(text)")
        }
        #expect(line("vault", in: run)?.hasPrefix("ok") == true)
        // The default folder may be missing, as for `validate` (found by a fresh tester).
        let byDefault = try workspace.run(["doctor"])
        #expect(line("processes folder", in: byDefault)?.hasPrefix("ok") == true)
    }

    @Test func aForeignHookFailsAndThePreCommitFrameworkWithTheTresorIdPasses() throws {
        let workspace = try healthy()
        let framework = "#!/usr/bin/env bash\n# File generated by pre-commit\nexec pre-commit\n"
        try workspace.write(".git/hooks/pre-commit", framework)
        let foreign = try workspace.run(["doctor"])
        #expect(foreign.status == 1)
        let text = try #require(line("pre-commit hook", in: foreign))
        #expect(text.hasPrefix("FAIL") && text.hasSuffix("fix: tresor hook install --append"))
        #expect(line("pre-merge-commit hook", in: foreign)?.hasPrefix("ok") == true)
        // `pre-commit install --hook-type pre-merge-commit` writes the same script there.
        try workspace.write(".git/hooks/pre-merge-commit", framework)
        try workspace.write(".pre-commit-config.yaml", "repos:\n  - hooks:\n      - id: tresor\n")
        let run = try workspace.run(["doctor"])
        #expect(run.status == 0, "\(run.stdout)")
        // Stages that leave merges out keep the id from them (found by a fortieth fresh
        // tester: doctor said ok).
        try workspace.write(
            ".pre-commit-config.yaml",
            "default_stages: [pre-commit]\nrepos:\n  - hooks:\n      - id: tresor\n")
        let staged = try workspace.run(["doctor"])
        #expect(line("pre-merge-commit hook", in: staged)?.hasPrefix("FAIL") == true)
        #expect(line("pre-commit hook", in: staged)?.hasPrefix("ok") == true)
    }

    @Test func noVaultFailsAndColourFollowsTheFlag() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["doctor", "--color", "always"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\u{1B}[31mFAIL\u{1B}[0m  vault"))
        let never = try workspace.run(["doctor", "--color", "never"])
        #expect(never.status == 1 && !never.stdout.contains("\u{1B}["))
        // The checks that need a vault are not made, and counted apart from the failure
        // (found by a sixth fresh tester: "8 checks of 9 failed").
        #expect(line("master key found", in: never)?.hasPrefix("--") == true, "\(never.stdout)")
        #expect(never.stderr.contains("1 check of 11 failed, 9 not checked"), "\(never.stderr)")
        // A key text that does not read as a key is not found (found by a seventh fresh
        // tester: "ok master key found").
        try workspace.initVault()
        let garbage = try workspace.run(["doctor"], environment: ["TRESOR_KEY": "garbage"])
        #expect(
            line("master key found", in: garbage)?.hasPrefix("FAIL") == true, "\(garbage.stdout)")
        let wrong = try workspace.run(["doctor", "--color", "sometimes"])
        #expect(wrong.status == 2)
    }
}
