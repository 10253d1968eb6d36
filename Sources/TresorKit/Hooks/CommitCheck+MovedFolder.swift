/// A commit that changes `vault.yaml`'s `processes` setting moves the process folder: the
/// hook then checks the folder it leaves as well as the one it names, and the new folder
/// in full, not only its changed files.
extension CommitCheck {
    /// Findings for a commit whose process folder (`setting`, read as `folder`: a link's
    /// target when it is one) is not the one a parent named: its changes in each folder a
    /// parent named, and every file of `folder` that the commit does not change (the
    /// changed ones are checked already).
    ///
    /// Without this, a plaintext credential passed the hook and `verify` in two commits:
    /// the first pointed the setting elsewhere and changed the real folder, unchecked as no
    /// process folder; the second pointed it back, changing no process file (found by a
    /// thirty-fourth fresh tester).
    func movedFolderFindings(
        to setting: String, at folder: String, vault: inout VaultChanges, _ snapshot: GitSnapshot,
        _ contents: SnapshotContents
    ) throws -> [CommitFinding] {
        let earlier = earlierProcessFolders(than: setting, vault)
        guard !earlier.isEmpty else { return [] }
        var findings: [CommitFinding] = []
        let names = { () throws(GitError) in try vault.names() }
        for old in earlier {
            // A file under both folders (one inside the other) is checked once, as the new
            // folder's.
            let changes = snapshot.changes.filter { RepositoryPath.below(folder, $0.path) == nil }
            var processes = ProcessChanges(folder: old, changes: changes, blobs: contents.blobs)
            findings += try processes.findings(names: names)
        }
        let changed = Set(snapshot.changes.map(\.path))
        let unchanged = try snapshot.entries(under: folder).filter { !changed.contains($0.path) }
        let blobs = try snapshot.read(Array(Set(unchanged.compactMap(\.newBlob))))
        var processes = ProcessChanges(folder: folder, changes: unchanged, blobs: blobs)
        findings += try processes.findings(names: names)
        return findings
    }

    /// The process folders a parent's `vault.yaml` named, when not `setting`'s, in order.
    func earlierProcessFolders(than setting: String, _ vault: VaultChanges) -> [String] {
        guard vault.config != nil else { return [] }
        let parents = [vault.parentConfig] + vault.otherParentConfigs.map(Optional.some)
        return Set(parents.compactMap { $0?.processes }.map(processesFolder))
            .subtracting([processesFolder(setting)]).sorted()
    }
}
