import Foundation
import Testing

/// The manifest `.pre-commit-hooks.yaml` through the real pre-commit framework (from PyPI),
/// against a local repository only: the hook repository is a temporary clone-free folder.
@Suite struct PreCommitFrameworkTests {
    /// The `pre-commit` executable on the test process's PATH, if installed.
    static let framework: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/pre-commit" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// In CI (`CI=true`) the test always runs, so a missing install step fails it.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: framework != nil || required, "pip install pre-commit to run this test"))
    func manifestRunsTresorThroughTheFramework() throws {
        let framework = try #require(Self.framework, "pre-commit is not installed")
        let hooks = try Workspace.repository()
        let manifest = Workspace.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml")
        try hooks.write(".pre-commit-hooks.yaml", try Data(contentsOf: manifest))
        try hooks.commitAll("manifest")
        let revision = try hooks.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)

        let project = try Workspace.repository()
        try project.initVault()
        try project.write(
            ".pre-commit-config.yaml",
            """
            repos:
              - repo: \(hooks.root.path)
                rev: \(revision)
                hooks:
                  - id: tresor
            """)
        try project.commitAll("config")
        let environment = try frameworkEnvironment(project)
        let install = try project.run(
            ["install", "--hook-type", "pre-commit", "--hook-type", "pre-merge-commit"],
            environment: environment, executable: framework)
        #expect(install.status == 0, "\(install.output)")

        try project.write("deploy/key.txt", try project.masterKeyText())
        try project.git(["add", "-A"])
        let blocked = try project.git(
            ["commit", "-q", "-m", "leak"], allowFailure: true, environment: environment)
        #expect(blocked.status != 0)
        #expect(blocked.output.contains("deploy/key.txt:1:1: master-key:"), "\(blocked.output)")
        try project.git(["rm", "-q", "--cached", "deploy/key.txt"])
        try project.write("notes.txt", "nothing secret\n")
        try project.git(["add", "notes.txt"])
        let clean = try project.git(
            ["commit", "-q", "-m", "notes"], allowFailure: true, environment: environment)
        #expect(clean.status == 0, "\(clean.output)")

        // A merge git makes without conflicts runs the id at the pre-merge-commit stage.
        try project.git(["checkout", "-q", "-b", "other"])
        try project.write("processes/e.bpmn", BPMN.plainPassword)
        try project.commitAll("credential, hook skipped")
        try project.git(["checkout", "-q", "main"])
        try project.write("notes.txt", "main moves on\n")
        try project.commitAll("notes again")
        let merge = try project.git(
            ["merge", "--no-edit", "other"], allowFailure: true, environment: environment)
        #expect(merge.status != 0)
        #expect(merge.output.contains(": plaintext-credential: "), "\(merge.output)")
    }

    /// The real PATH (for Python) behind a folder holding `tresor`, and a private cache.
    private func frameworkEnvironment(_ workspace: Workspace) throws -> [String: String] {
        let bin = workspace.root.appendingPathComponent(".bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("tresor").path, withDestinationPath: Workspace.binary
        )
        let real = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": bin.path + ":" + (real["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": workspace.root.appendingPathComponent(".pre-commit").path,
        ]
        environment["PYENV_ROOT"] = real["PYENV_ROOT"] ?? real["HOME"].map { $0 + "/.pyenv" }
        return environment
    }
}
