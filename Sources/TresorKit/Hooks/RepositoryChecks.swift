#if canImport(Glibc)
    import Glibc
#endif

/// What `tresor doctor` asks of the git repository around a vault: do the pre-commit and
/// pre-merge-commit hooks run Tresor, and do vault files use the tresor diff driver.
/// Read-only: unlike `tresor hook install` it creates no folder.
public enum RepositoryChecks {
    /// A hook (pre-commit or pre-merge-commit) as git would run it.
    public enum HookState: Sendable, Equatable {
        case noRepository
        /// `core.hooksPath` turns every hook off (its value: empty or `/dev/null`).
        case turnedOff(setting: String)
        case missing(path: String)
        /// The hook exists but runs neither Tresor nor the pre-commit framework with the id
        /// `tresor`.
        case foreign(path: String)
        case notExecutable(path: String)
        /// The hook, or the script `--append` wrote, is an earlier release's script.
        case outdated(path: String)
        /// The hook is, or leads to, a file of the work tree (a link into it, or
        /// `core.hooksPath` naming a folder of it): any commit can change what it runs.
        case inWorkTree(path: String, file: String)
        case installed(path: String)
    }

    /// Whether the diff driver is set up for vault files.
    public enum DriverState: Sendable, Equatable {
        case noRepository
        /// `.gitattributes` gives vault files no `diff=tresor`.
        case noAttribute
        /// `diff.tresor.textconv` is not set.
        case noCommand
        case configured(command: String)
    }

    /// The hook `kind` of the repository holding `folder`, honouring `core.hooksPath`.
    public static func hook(in folder: String, _ kind: GitHook = .preCommit) -> HookState {
        guard let hooks = text(["rev-parse", "--git-path", "hooks"], in: folder) else {
            return .noRepository
        }
        if let setting = HookInstaller.hooksTurnedOff(in: folder) {
            return .turnedOff(setting: setting)
        }
        let path = (hooks.isAbsolutePath ? hooks : folder + "/" + hooks) + "/" + kind.fileName
        guard let bytes = try? FileReader.read(path, limit: 1 << 20) else {
            return .missing(path: path)
        }
        let companion = AtomicFile.parent(of: path) + "/" + kind.companionName
        let text = String(decoding: bytes, as: UTF8.self)
        if kind == .preCommit {
            if HookInstaller.isEarlierScript(text) { return .outdated(path: path) }
            if HookInstaller.callsCompanion(text), HookInstaller.holdsEarlierScript(at: companion) {
                return .outdated(path: companion)
            }
        }
        // Limitation: git's sample pre-merge-commit, which runs the pre-commit hook, counts
        // as foreign (README, Known limitations).
        guard runsTresor(text, companion: companion, kind, folder: folder) else {
            return .foreign(path: path)
        }
        // A hook in the work tree counted as installed, and a later commit ran code of the
        // repository as the hook (found by a fresh tester).
        // The work tree of a linked worktree's main repository counts too: a hook there
        // runs in every worktree (found by the next tester).
        let file = OutputGuard.canonical(path)
        let asked = [
            "rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir",
            "--git-common-dir",
        ]
        if let lines = self.text(asked, in: folder)?.split(separator: "\n"), lines.count == 3 {
            let gitFolders = lines.dropFirst().map { OutputGuard.canonical(String($0)) }
            var trees = [OutputGuard.canonical(String(lines[0]))]
            if gitFolders[1].lastPathName == ".git", let main = gitFolders[1].pathParent {
                trees.append(String(main))
            }
            if trees.contains(where: { OutputGuard.isInside(file, $0) }),
                !gitFolders.contains(where: { OutputGuard.isInside(file, $0) })
            {
                return .inWorkTree(path: path, file: file)
            }
        }
        return access(path, X_OK) == 0 ? .installed(path: path) : .notExecutable(path: path)
    }

    /// The diff driver for the files of `vaultFolder`.
    public static func diffDriver(in folder: String, vaultFolder: String) -> DriverState {
        guard text(["rev-parse", "--git-dir"], in: folder) != nil else { return .noRepository }
        let sample = vaultFolder + "/EXAMPLE.yaml"
        let attribute = text(["check-attr", "diff", "--", sample], in: folder) ?? ""
        guard attribute.hasSuffix(": diff: tresor") else { return .noAttribute }
        guard let command = text(["config", "--get", "diff.tresor.textconv"], in: folder) else {
            return .noCommand
        }
        return .configured(command: command)
    }

    /// Tresor's hook (or `--append`'s call to it), or the pre-commit framework's script
    /// with a configuration that uses the id `tresor`.
    private static func runsTresor(
        _ hook: String, companion: String, _ kind: GitHook, folder: String
    ) -> Bool {
        if HookInstaller.runsTresor(hook, companion: companion, kind) { return true }
        guard hook.contains("pre-commit"),
            let top = text(["rev-parse", "--show-toplevel"], in: folder),
            let config = try? FileReader.read(top + "/.pre-commit-config.yaml", limit: 1 << 20)
        else { return false }
        let text = String(decoding: config, as: UTF8.self)
        // Stages named in the configuration (`default_stages`, a hook's `stages`) keep the
        // id from merges unless they name them: doctor said ok while the framework never
        // ran tresor there (found by a fortieth fresh tester).
        // Limitation: the configuration is searched as text, not read as YAML (README,
        // Known limitations).
        if kind == .preMergeCommit, text.contains("stages"), !text.contains("merge-commit") {
            return false
        }
        return text.contains("id: tresor")
    }

    /// git's answer without its final line break; nil when git fails or says nothing.
    private static func text(_ arguments: [String], in folder: String) -> String? {
        guard let output = try? GitProcess(folder: folder).run(arguments), output.status == 0
        else { return nil }
        // Only git's own line feed goes: a folder name may end in one (found by a fresh
        // tester).
        var bytes = output.stdout
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
