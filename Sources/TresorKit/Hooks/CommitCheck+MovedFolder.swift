/// A commit that changes `vault.yaml`'s `processes` setting, or a link on the folder's path,
/// moves the process folder: the hook then checks the folder it leaves as well as the one
/// it names, and the new folder in full, not only its changed files.
extension CommitCheck {
    /// Findings for a commit that moves the process folder (now found at `resolution`): it
    /// names another folder than a parent did (`earlier`, see
    /// ``earlierProcessFolders(than:_:)``), changes a link on the folder's path, or adds the
    /// first `vault.yaml`. Its changes in each earlier folder are checked, and every file
    /// of the new folder that the commit does not change (the changed ones are checked
    /// already).
    ///
    /// Without this, a plaintext credential passed the hook and `verify` in two commits:
    /// the first pointed the setting elsewhere and changed the real folder, unchecked as no
    /// process folder; the second pointed it back, changing no process file (found by a
    /// thirty-fourth fresh tester). A thirty-sixth found the same with a link repointed, and
    /// with a first `vault.yaml` naming a folder of files committed before it.
    func movedFolderFindings(
        from earlier: [String], to resolution: ProcessFolderResolution,
        vault: inout VaultChanges, _ snapshot: GitSnapshot, _ contents: SnapshotContents
    ) throws -> [CommitFinding] {
        let folder = resolution.folder
        guard movesFolder(from: earlier, to: resolution, vault, contents) else { return [] }
        var findings: [CommitFinding] = []
        if let (link, why) = resolution.unfollowed { findings.append(unfollowed(link, why)) }
        let names = { () throws(GitError) in try vault.names() }
        for old in earlier {
            // A file under both folders (one inside the other) is checked once, as the new
            // folder's.
            let changes = snapshot.changes.filter { RepositoryPath.below(folder, $0.path) == nil }
            var processes = ProcessChanges(folder: old, changes: changes, blobs: contents.blobs)
            findings += try processes.findings(names: names)
        }
        // Paths are compared byte by byte: a String set takes a name's composed and
        // decomposed spellings for one (found by a thirty-seventh fresh tester: a deleted
        // twin hid the file with the credential).
        let changed = Set(snapshot.changes.map { Array($0.path.utf8) })
        let entries = try snapshot.entries(under: folder)
        let unchanged = entries.filter { !changed.contains(Array($0.path.utf8)) }
        let blobs = try snapshot.read(Array(Set(unchanged.compactMap(\.newBlob))))
        var processes = ProcessChanges(folder: folder, changes: unchanged, blobs: blobs)
        findings += try processes.findings(checkingNames: vault.config != nil, names: names)
        return findings
    }

    /// True when the commit moves the process folder (see ``movedFolderFindings``).
    func movesFolder(
        from earlier: [String], to resolution: ProcessFolderResolution, _ vault: VaultChanges,
        _ contents: SnapshotContents
    ) -> Bool {
        let firstVault =
            vault.config != nil && contents.parentConfig == nil
            && contents.otherParentConfigs.isEmpty
        return !earlier.isEmpty || resolution.linkChanged || firstVault
    }

    /// The error for a `settings.processes` naming a folder that this commit holds no file
    /// of, asked when the commit moves the folder or removes a file of it: `validate` fails
    /// it in CI, and the hook checked nothing (found by the forty-eighth and forty-ninth
    /// fresh testers). The default folder may be missing, and a folder inside a submodule
    /// holds no file of this repository's.
    func emptyFolderFinding(
        _ folder: String, _ vault: VaultChanges, _ snapshot: GitSnapshot
    ) throws(GitError) -> CommitFinding? {
        guard let config = vault.config, !config.namesDefaultProcesses,
            try snapshot.entries(under: folder).isEmpty
        else { return nil }
        let parts = folder.split(separator: "/")
        for count in 1...max(parts.count, 1)
        where try snapshot.isGitlink(parts.prefix(count).joined(separator: "/")) {
            return nil
        }
        return CommitFinding(
            Finding(
                .error, .vaultFile, at: .file(configPath),
                "settings.processes names \(config.processes), which holds no file in this "
                    + "commit: no process file would be checked",
                hint: "fix the setting, or commit the folder's files with it"))
    }

    /// The warning for a link on the process folder's path that is not followed (`why`):
    /// `validate` and `render` read files past it (or fail) that no check here has seen.
    private func unfollowed(_ link: String, _ why: String) -> CommitFinding {
        CommitFinding(
            Finding(
                .warning, .unreadFile, at: .file(link),
                "the process folder's path passes through this symbolic link, which \(why): "
                    + "the files past it are not checked by the hook or verify",
                hint: "point the process folder at a folder of this repository, through at "
                    + "most a few links"))
    }

    /// The process folders a parent's `vault.yaml` named, when not `setting`'s, in order.
    func earlierProcessFolders(than setting: String, _ vault: VaultChanges) -> [String] {
        guard vault.config != nil else { return [] }
        let parents = [vault.parentConfig] + vault.otherParentConfigs.map(Optional.some)
        return Set(parents.compactMap { $0?.processes }.map(processesFolder))
            .subtracting([processesFolder(setting)]).sorted()
    }
}
