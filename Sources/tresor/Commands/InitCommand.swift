import TresorKit

/// `tresor init`: a new vault in `vault/` of the current folder (or `--vault DIR`) and its
/// master key in the user's configuration folder.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init", summary: "create the vault and its master key", usage: "[--vault DIR]",
        details: """
            Creates vault/vault.yaml with a new public key, and stores the master private key
            outside the repository, mode 0600, in $XDG_CONFIG_HOME/tresor/keys/KEYID.key
            (else ~/.config/tresor/keys/KEYID.key). Refuses to overwrite either.
            Keep a copy of the key somewhere safe: without it no value can be opened.
            """,
        flags: [], positionals: 0...0, run: run)

    /// True when a folder right inside `folder` holds a `vault.yaml`.
    private static func holdsVault(_ folder: String) -> Bool {
        (FileTree.names(in: folder) ?? []).contains {
            FileReader.exists(folder + "/" + $0 + "/" + Vault.configFile)
        }
    }

    /// `path` or its nearest parent that is a folder, where git can be asked about it.
    private static func nearestFolder(of path: String) -> String {
        var folder = path
        while !FileReader.isFolder(folder), let parent = folder.pathParent, parent != folder {
            folder = String(parent)
        }
        return folder
    }

    /// Why `folder` is no place for a vault, or nil. Each was found by a fresh tester:
    /// inside git's own directory (also through a link, or one kept elsewhere) no commit
    /// holds it; a repository's top (`--vault .`) put the process folder outside the
    /// repository; a folder holding a vault, or inside one, is a folder no command reads.
    private static func placementProblem(_ folder: String, _ invocation: Invocation) -> String? {
        let shown = TerminalText.quoted(invocation.displayPath(folder))
        let resolved = OutputGuard.canonical(folder)
        if folder.split(separator: "/").contains(".git")
            || resolved.split(separator: "/").contains(".git")
            || GitSnapshot.isInsideGitDirectory(nearestFolder(of: resolved))
        {
            return "\(shown) lies inside git's own directory, which git never commits; run "
                + "tresor init in the repository's top folder"
        }
        if FileReader.exists(folder + "/.git") || holdsVault(folder) {
            return "\(shown) is a repository's top folder or holds a vault; give the vault a "
                + "folder of its own, such as vault"
        }
        if folder.lastPathName == Vault.configFile {
            return "--vault names the folder that holds vault.yaml, not the file itself"
        }
        // Any folder above, through links too (one level only was asked; a tenth fresh
        // tester went two deep).
        var above = resolved.pathParent.map(String.init)
        while let folder = above {
            if FileReader.exists(folder + "/" + Vault.configFile) {
                return "\(shown) lies inside the vault at "
                    + "\(TerminalText.quoted(invocation.displayPath(folder))); give a folder "
                    + "beside it"
            }
            above = folder == "/" ? nil : folder.pathParent.map(String.init)
        }
        // The default process folder is `processes/` beside the vault: a vault named so
        // would be its own process folder, refused only after its key was stored (found by
        // a tenth fresh tester).
        if resolved.lastPathName == VaultConfig.defaultProcesses.dropLast() {
            return "\(shown) is where the vault's process folder goes (processes/); give "
                + "the vault another folder, such as vault"
        }
        return nil
    }

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let folder = invocation.environment.absolute(invocation.arguments.value("vault") ?? "vault")
        if let problem = placementProblem(folder, invocation) {
            throw UsageError.invalid("init", problem)
        }
        let root = folder.pathParent.map(String.init) ?? "/"
        let parent = root.pathParent.map(String.init) ?? "/"
        var above = invocation.environment
        above.currentDirectory = parent
        // Only a folder named vault is found by the search from below, and so hides the one
        // above it.
        let outer =
            root == parent || folder.lastPathName != "vault"
            ? nil : try? Vault.locate(explicit: nil, environment: above)
        let setup = try Vault.initialize(folder: folder, environment: invocation.environment)
        let console = invocation.console
        console.info(
            "created \(TerminalText.quoted(setup.vault.folder + "/vault.yaml")) (key id "
                + "\(setup.vault.config.keyID))")
        console.info("stored the master key in \(TerminalText.quoted(setup.keyPath)) (mode 0600)")
        let here = root.isSamePath(as: invocation.environment.currentDirectory)
        let shownRoot = here ? "here" : "in " + TerminalText.quoted(invocation.displayPath(root))
        if let outer {
            // A second vault below one (in its process folder, say) is most likely a slip.
            console.warning(
                "another vault is at \(TerminalText.quoted(invocation.displayPath(outer))); "
                    + "commands run \(shownRoot) and below now use the new one")
        }
        if let top = try? GitSnapshot.topLevel(of: root),
            !folder.isSamePath(as: top + "/vault")
        {
            // The hook checks the vault at the top of the repository, and the search for a
            // vault ends there (found by two fresh testers).
            let shownTop = TerminalText.quoted(invocation.displayPath(top))
            console.warning(
                folder.lastPathName == "vault"
                    ? "the vault is not at the top of its git repository (\(shownTop)): the "
                        + "pre-commit hook does not check it, and commands find it only when "
                        + "run \(shownRoot) or below"
                    : "the vault is not \(shownTop)/vault, the one the pre-commit hook checks, "
                        + "and commands find it only with --vault")
        }
        // Secret files already there are sealed to another key: only `validate` and the
        // commands opening values said so, later (found by a thirty-eighth fresh tester).
        let earlier = ((try? setup.vault.entries()) ?? []).count
        if earlier > 0 {
            console.warning(
                "the vault folder already held \(count(earlier, "secret file")), sealed to "
                    + "another key that the new one cannot open; if its vault.yaml was lost, "
                    + "restore that one from git (git checkout HEAD -- vault/vault.yaml) "
                    + "instead of this new one")
        }
        // A key variable set now is the first source every later command tries, and it holds
        // another key: each one then stopped with exit 4 (found by a forty-fourth fresh
        // tester).
        let shadowing = KeyStore.variableNames.dropLast().filter {
            invocation.environment.variables[$0] != nil
        }
        if let variable = shadowing.first {
            console.warning(
                "\(variable) is set: later commands take the master key from it, not from the "
                    + "new key file, and stop while it holds another key; unset it, or point it "
                    + "at the new key")
        }
        console.info("back up the master key: without it no value can be opened")
        return .ok
    }
}
