import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// The git checks: the pre-commit hook and the textconv driver for vault diffs.
extension Doctor {
    /// The hook runs tresor when its script names tresor (`tresor hook install` writes
    /// one, `--append` adds a line calling it), or when it is the pre-commit framework's
    /// script and `.pre-commit-config.yaml` uses the id `tresor`.
    func hookCheck(_ git: GitQuery?) -> DoctorCheck {
        let name = "pre-commit hook"
        guard let git else { return .problem(name, "not checked: no vault", fix: nil) }
        guard let hooks = git.hooksFolder else {
            return .problem(
                name, "\(git.folder) is not in a git repository",
                fix: "git init, then install the hook")
        }
        let path = hooks + "/pre-commit"
        let install = "tresor hook install"
        guard let bytes = try? FileReader.read(path, limit: 1 << 20) else {
            return .problem(name, "no hook at \(path)", fix: install)
        }
        guard runsTresor(String(decoding: bytes, as: UTF8.self), git: git) else {
            return .problem(
                name, "\(path) does not run tresor", fix: "tresor hook install --append")
        }
        guard access(path, X_OK) == 0 else {
            return .problem(name, "\(path) is not executable", fix: "chmod +x \(path)")
        }
        return .ok(name, path)
    }

    private func runsTresor(_ hook: String, git: GitQuery) -> Bool {
        if hook.contains("tresor") { return true }
        guard hook.contains("pre-commit"),
            let config = try? FileReader.read(
                git.folder + "/.pre-commit-config.yaml", limit: 1 << 20)
        else { return false }
        return String(decoding: config, as: UTF8.self).contains("id: tresor")
    }

    func textconvCheck(_ git: GitQuery?, vault: Vault?) -> DoctorCheck {
        let name = "diff driver"
        guard let git, let vault else {
            return .problem(name, "not checked: no vault", fix: nil)
        }
        guard git.hooksFolder != nil else {
            return .problem(name, "not checked: no git repository", fix: nil)
        }
        let sample = vault.folder + "/EXAMPLE.yaml"
        let attribute = git.run(["check-attr", "diff", "--", sample]) ?? ""
        guard attribute.hasSuffix(": diff: tresor") else {
            return .problem(
                name, "vault files have no diff=tresor attribute",
                fix: "echo 'vault/*.yaml diff=tresor' >> .gitattributes")
        }
        guard let command = git.run(["config", "--get", "diff.tresor.textconv"]) else {
            return .problem(
                name, "diff.tresor.textconv is not set",
                fix: "git config diff.tresor.textconv 'tresor diff-text'")
        }
        return .ok(name, "diff=tresor, textconv \(command)")
    }
}
