import Foundation
import Testing

/// A workspace that is a git repository, for the hook, verify, log and merge scenarios.
/// Git runs with no system or global configuration; the repository names its own user.
extension Workspace {
    /// `git init` with user Alice, and TRESOR pointing the hook script at the built binary.
    static func repository(
        email: String = "alice@example.com", name: String = "Alice"
    ) throws -> Workspace {
        let workspace = try Workspace()
        workspace.environment["TRESOR"] = Workspace.binary
        workspace.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        try workspace.git(["init", "-q", "-b", "main"])
        try workspace.git(["config", "user.email", email])
        try workspace.git(["config", "user.name", name])
        try workspace.write(".gitignore", ".config-home/\n.bin/\n.pre-commit/\n")
        return workspace
    }

    /// `repository()` with a vault holding FTP_PASSWORD committed and both hooks installed
    /// (pre-commit and pre-merge-commit), for the merge scenarios.
    static func repositoryWithHooks() throws -> Workspace {
        let workspace = try repository()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp")])
        try workspace.commitAll("vault")
        let install = try workspace.run(["hook", "install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("installed the pre-merge-commit hook"), "\(install.stderr)")
        return workspace
    }

    /// Changes FTP_PASSWORD's value as `name <email>` would and commits it as them.
    func commitEdit(by name: String, email: String, value: String) throws {
        let author = ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email]
        let edit = try run(
            ["edit", "FTP_PASSWORD", "--new-value"], input: Data(value.utf8), environment: author)
        #expect(edit.status == 0, "\(edit.stderr)")
        try commitAll("\(name)'s edit", author: "\(name) <\(email)>")
    }

    /// Runs git in the workspace; fails the test when git fails unless `allowFailure`.
    @discardableResult
    func git(
        _ arguments: [String], allowFailure: Bool = false, environment extra: [String: String] = [:]
    ) throws -> Run {
        let run = try run(
            arguments, environment: extra, executable: "/usr/bin/git")
        if !allowFailure { #expect(run.status == 0, "git \(arguments): \(run.stderr)") }
        return run
    }

    /// Stages everything and commits with `--no-verify` (set-up commits).
    func commitAll(_ message: String, author: String? = nil) throws {
        try git(["add", "-A"])
        try git(
            ["commit", "-q", "--no-verify", "-m", message]
                + (author.map { ["--author", $0] } ?? []))
    }

    /// `tresor hook pre-commit` on what is staged now.
    func hook(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Run {
        try run(["hook", "pre-commit"] + extra, environment: environment)
    }

    /// The vault's key id, from `vault/vault.yaml`.
    func keyID() throws -> String {
        let text = String(decoding: try read("vault/vault.yaml"), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("key_id:") } ?? ""
        return String(line.dropFirst("key_id:".count)).trimmingCharacters(
            in: CharacterSet(charactersIn: "\" "))
    }

    /// The master key text, as `init` stored it.
    func masterKeyText() throws -> String {
        let folder = config.appendingPathComponent("tresor/keys")
        let name = try FileManager.default.contentsOfDirectory(atPath: folder.path)[0]
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
