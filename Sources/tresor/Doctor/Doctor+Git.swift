import TresorKit

/// The git checks: the pre-commit and pre-merge-commit hooks and the textconv driver for
/// vault diffs.
extension Doctor {
    func hookCheck(_ vault: Vault?, _ kind: GitHook) -> DoctorCheck {
        let name = kind.fileName + " hook"
        guard let vault else { return .notChecked(name, "not checked: no vault") }
        switch RepositoryChecks.hook(in: vault.root, kind) {
        case .noRepository:
            return .problem(
                name, "\(vault.root) is not in a git repository",
                fix: "git init, then tresor hook install")
        case .turnedOff(let setting):
            return .problem(
                name,
                "git runs no hooks here: core.hooksPath is "
                    + (setting.isEmpty ? "empty" : setting),
                fix: "git config --unset core.hooksPath, then tresor hook install")
        case .missing(let path):
            let folder = path.pathParent.map(String.init) ?? path
            if FileTree.kind(of: folder) != .missing, !FileReader.isFolder(folder) {
                return .problem(
                    name, "git runs hooks from \(folder), which is not a folder",
                    fix: "point core.hooksPath at a folder, or unset it")
            }
            return .problem(name, "no hook at \(path)", fix: "tresor hook install")
        case .foreign(let path):
            return .problem(
                name, "\(path) does not run tresor", fix: "tresor hook install --append")
        case .notExecutable(let path):
            return .problem(name, "\(path) is not executable", fix: "chmod +x \(path)")
        case .inWorkTree(let path, let file):
            return .problem(
                name,
                "\(path) runs \(file), a file of the work tree, which any commit can "
                    + "change",
                fix: "keep the hook in .git/hooks: remove the link or unset "
                    + "core.hooksPath, then tresor hook install")
        case .outdated(let path):
            return .problem(
                name,
                "\(path) is an earlier release's script, which may run a tresor "
                    + "committed into the repository", fix: "tresor hook install")
        case .installed(let path):
            // The hook checks vault/ at the top: a vault in a subfolder goes unchecked, and
            // "ok" said otherwise (found by a forty-fourth fresh tester).
            if let top = try? GitSnapshot.topLevel(of: vault.root),
                !vault.folder.isSamePath(as: top + "/vault")
            {
                return .problem(
                    name,
                    "\(path) checks the vault at \(top)/vault, not \(vault.folder): commits to "
                        + "this vault are not checked",
                    fix: "keep the vault at the top of its own repository, or run tresor "
                        + "validate in CI")
            }
            if HookInstaller.binaryForHooks(variables: invocation.environment.variables) == nil {
                return .problem(
                    name,
                    "\(path) will not find tresor: neither $TRESOR nor an absolute folder of "
                        + "PATH gives one, so every commit fails",
                    fix: "make install, or set TRESOR to the tresor binary")
            }
            return .ok(name, path)
        }
    }

    func textconvCheck(_ vault: Vault?) -> DoctorCheck {
        let name = "diff driver"
        guard let vault else { return .notChecked(name, "not checked: no vault") }
        switch RepositoryChecks.diffDriver(in: vault.root, vaultFolder: vault.folder) {
        case .noRepository:
            return .notChecked(name, "not checked: no git repository")
        case .noAttribute:
            return .problem(
                name, "vault files have no diff=tresor attribute",
                fix: "echo 'vault/*.yaml diff=tresor' >> .gitattributes")
        case .noCommand:
            return .problem(
                name, "diff.tresor.textconv is not set",
                fix: "git config diff.tresor.textconv 'tresor diff-text'")
        case .configured(let command):
            return .ok(name, "diff=tresor, textconv \(command)")
        }
    }
}
