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

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let folder = invocation.environment.absolute(invocation.arguments.value("vault") ?? "vault")
        // Git keeps nothing under .git (found by a sixth fresh tester: `init` there made a
        // vault no commit could hold).
        // Through links too: `gitlink/vault` with gitlink -> .git (found by a seventh fresh
        // tester).
        let resolved = OutputGuard.canonical(folder)
        if folder.split(separator: "/").contains(".git")
            || resolved.split(separator: "/").contains(".git")
            || GitSnapshot.isInsideGitDirectory(Self.nearestFolder(of: resolved))
        {
            throw UsageError.invalid(
                "init",
                "\(TerminalText.quoted(invocation.displayPath(folder))) lies inside git's own "
                    + "directory, which git never commits; run tresor init in the "
                    + "repository's top folder")
        }
        let root = folder.pathParent.map(String.init) ?? "/"
        // A repository's top (`--vault .`) put the process folder outside the repository,
        // and a folder holding another vault made that vault a folder no command reads
        // (found by a ninth fresh tester).
        if FileReader.exists(folder + "/.git") || Self.holdsVault(folder) {
            throw UsageError.invalid(
                "init",
                "\(TerminalText.quoted(invocation.displayPath(folder))) is a repository's top "
                    + "folder or holds a vault; give the vault a folder of its own, such as vault")
        }
        if folder.lastPathName == Vault.configFile {
            throw UsageError.invalid(
                "init", "--vault names the folder that holds vault.yaml, not the file itself")
        }
        // Inside another vault's folder it is a folder no command reads (found by a seventh
        // fresh tester: `init --vault vault/inner`).
        if FileReader.exists(root + "/" + Vault.configFile) {
            throw UsageError.invalid(
                "init",
                "\(TerminalText.quoted(invocation.displayPath(folder))) lies inside the vault "
                    + "at \(TerminalText.quoted(invocation.displayPath(root))); give a folder "
                    + "beside it")
        }
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
        if let outer {
            // A second vault below one (in its process folder, say) is most likely a slip.
            console.warning(
                "another vault is at \(TerminalText.quoted(invocation.displayPath(outer))); "
                    + "commands run below "
                    + "\(TerminalText.quoted(invocation.displayPath(root))) "
                    + "now use the new one")
        }
        console.info("back up the master key: without it no value can be opened")
        return .ok
    }
}
