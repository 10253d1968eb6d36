import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Everything a command needs to run: its parsed arguments, the environment, the console.
struct Invocation: Sendable {
    let command: String
    let arguments: ParsedArguments
    let environment: TresorEnvironment
    let console: Console

    /// The vault, found as git finds its repository unless `--vault` names it.
    func openVault() throws -> Vault {
        let folder = try Vault.locate(
            explicit: arguments.value("vault"), environment: environment)
        let vault = try Vault(folder: folder)
        console.step("vault \(vault.folder) (key id \(vault.config.keyID))")
        return vault
    }

    /// How `create` and `edit` name the vault they wrote: as ``displayPath(_:)`` shows it,
    /// or by its whole path when it lies in a sub-folder of a git repository, so a vault
    /// someone committed there is not taken for the repository's (found by a fresh tester).
    func shownVault(_ vault: Vault) -> String {
        var folder = vault.root
        var belowTop = false
        while !FileReader.exists(folder + "/.git"), folder != "/" {
            folder = folder.pathParent.map(String.init) ?? "/"
            belowTop = FileReader.exists(folder + "/.git")
        }
        return TerminalText.quoted(belowTop ? vault.folder : displayPath(vault.folder))
    }

    /// Warns, after `create` or `edit`, when git named no author for the audit stamps
    /// (no user.email): they hold `$USER` or `unknown`, which the pre-commit hook refuses
    /// unless it is the commit's author (found by a forty-eighth fresh tester).
    func warnOfStampWithoutGitAuthor(_ vault: Vault) {
        guard ProcessEnvironment.userFellBack.isSet else { return }
        let inRepository = (try? GitSnapshot.topLevel(of: vault.root)) != nil
        console.warning(
            "git names no author for the vault's repository (user.email, and user.name "
                + "where user.useConfigOnly is set), so the audit stamp holds \""
                + TerminalText.escaped(environment.user(vault.root)) + "\"; the pre-commit "
                + "hook refuses a stamp that is not the commit's author: "
                + (inRepository
                    ? "set `git config user.email` there, then change the secret again "
                        + "(`tresor edit NAME --new-value`) to renew it"
                    : "the vault is in no git repository yet: `git init` there and set "
                        + "user.email before changing secrets"))
    }

    /// Warns, before `create` or `edit` asks for a value, that vault.yaml records an
    /// unfinished rekey, or names a key that none of the user's key files is: the value is
    /// sealed to the key it names, which may be one nobody on the team holds, if someone
    /// else changed vault.yaml (found by the twenty-fifth and twenty-sixth fresh testers:
    /// a commit could point the vault at a key of the committer's).
    func warnOfKeyChange(_ vault: Vault) {
        if let from = vault.config.rekeyFrom {
            console.warning(
                "vault.yaml records an unfinished rekey from key \(from) to key "
                    + "\(vault.config.keyID), and values are sealed to the new key; if you did "
                    + "not start it, stop (Ctrl-C) and restore vault.yaml from git, else finish "
                    + "it with `tresor rekey`")
            return
        }
        // The default key folder holds keys, none of them vault.yaml's: a key swap that
        // re-sealed every file passes every check without the keys (found by a
        // twenty-sixth fresh tester), and only someone who held the vault's key notices.
        // Only keys this vault named before count: keys of other vaults say nothing.
        let current = vault.config.keyID.text
        guard let held = KeyStore.defaultFolderKeyIDs(environment: environment),
            !held.isEmpty, !held.contains(current)
        else { return }
        let config = vault.folder + "/" + Vault.configFile
        let earlier = held.filter(VaultKeyHistory.keyIDs(of: config, folder: vault.folder).contains)
        guard !earlier.isEmpty else { return }
        console.warning(
            "vault.yaml names key \(current), and your key folder holds only earlier keys "
                + "of this vault (" + earlier.joined(separator: ", ") + "); if no rekey to "
                + "\(current) was announced, stop (Ctrl-C) and check who changed vault.yaml: "
                + "git log -p -- \(displayPath(config))")
    }

    /// The master keys of `vault`, each found when a value first needs it, from
    /// TRESOR_KEY, TRESOR_KEY_FILE, TRESOR_KEY_COMMAND or the default file.
    func keyRing() -> KeyRing {
        let ring = KeyRing(environment: environment)
        ring.onLoad = { [console] keyID, source in
            console.step("master key \(keyID) from \(source)")
        }
        return ring
    }

    /// A resolver opening values of `vault` with ``keyRing()``.
    func resolver(for vault: Vault) -> ValueResolver {
        ValueResolver(vault: vault, keys: keyRing())
    }

    /// A secret name from the command line.
    func name(at index: Int) throws -> SecretName {
        try SecretName(arguments.positionals[index])
    }

    /// `--processes DIR` resolved, else the vault's setting.
    func processesFolder(_ vault: Vault?) throws -> String {
        if let explicit = arguments.value("processes") {
            let folder = try withinPathLimit(environment.absolute(explicit))
            // Not git's folder, as settings.processes may not be, its links followed: a
            // render or deploy of it copies .git/config, a remote's token and all
            // (`--processes .git` and a link to .git/procs were taken; found by the
            // twenty-fifth and twenty-sixth fresh testers).
            if [folder, OutputGuard.canonical(folder)].contains(where: {
                $0.pathNames.contains { $0.isSamePath(as: ".git") }
            }) {
                throw UsageError.invalid(
                    command,
                    "--processes \(explicit) is git's folder .git or lies inside it; give the "
                        + "folder that holds the process files")
            }
            if let vault {
                try refuseVaultOverlap(folder, given: "--processes \(explicit)", vault: vault)
            }
            return folder
        }
        guard let vault else { throw UsageError.missingFlag(command, "--processes", "DIR") }
        return vault.processesFolder
    }

    /// Refuses `folder` as a process folder when it is the vault, lies inside it or holds
    /// it, as `settings.processes` may not name one either (validate, usage and fix took
    /// the vault, and `.` read the usage index as a process file; found by fresh testers).
    func refuseVaultOverlap(_ folder: String, given: String, vault: Vault) throws {
        let target = OutputGuard.canonical(folder)
        let own = OutputGuard.canonical(vault.folder)
        guard target.isSamePath(as: own) || target.isPath(inside: own) || own.isPath(inside: target)
        else { return }
        throw UsageError.invalid(
            command,
            "\(given) is the vault, lies inside it or holds it; give the folder that holds the "
                + "process files")
    }

    /// `path` when Linux can open it; a path of `PATH_MAX` bytes or more is a file error
    /// with the hint to shorten it, not a folder that does not exist.
    func withinPathLimit(_ path: String) throws(FileError) -> String {
        guard path.utf8.count < PATH_MAX else { throw .system("open", path, ENAMETOOLONG) }
        return path
    }

    var wantsJSON: Bool { arguments.has("json") }

    /// Plaintext outputs (render, deploy, dotenv) get a warning when they land inside the
    /// repository, where `git add -A` would commit them.
    func warnIfInRepository(_ out: String, _ vault: Vault) {
        let target = OutputGuard.canonical(out)
        let root = OutputGuard.canonical(vault.root)
        guard target.isPath(inside: root) else { return }
        console.warning(
            "\(displayPath(out)) is inside the repository and will hold plaintext values; "
                + "never commit it (add it to .gitignore) and delete it after use")
    }
}
