import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// The git checks: the pre-commit hook and the textconv driver for vault diffs.
extension Doctor {
    // Limitation: a hook is recognised by the word `tresor` in it; the pre-commit
    // framework's generic hook script is reported as missing.
    func hookCheck(_ git: GitQuery?) -> DoctorCheck {
        let name = "pre-commit hook"
        guard let git else { return .problem(name, "not checked: no vault", fix: nil) }
        guard let hooks = git.hooksFolder else {
            return .problem(
                name, "\(git.folder) is not in a git repository",
                fix: "git init, then install the hook")
        }
        let path = hooks + "/pre-commit"
        let install = "copy Hooks/pre-commit of the Tresor release to \(path) and chmod +x it"
        guard let bytes = try? FileReader.read(path, limit: 1 << 20) else {
            return .problem(name, "no hook at \(path)", fix: install)
        }
        guard String(decoding: bytes, as: UTF8.self).contains("tresor") else {
            return .problem(name, "\(path) does not run tresor", fix: "add `tresor validate` to it")
        }
        guard access(path, X_OK) == 0 else {
            return .problem(name, "\(path) is not executable", fix: "chmod +x \(path)")
        }
        return .ok(name, path)
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
