/// BPMN files committed outside the process folder: nothing renders them, but a process
/// model must never hold a credential, wherever it lies.
extension CommitCheck {
    /// The plaintext credentials of each changed BPMN file (by name, see
    /// ``CredentialScanner/mayBeBPMN(_:inProcessFolder:)``) outside `processFolders` and the
    /// vault: a rendered file or a deploy output's `processes/` copied into the
    /// repository, say (found by a thirty-fourth fresh tester: the hook passed them). A
    /// link so named, anywhere, is judged by the file it points to, which a tool deploying
    /// `*.bpmn` follows (found by a thirty-sixth).
    // Limitation: a JSON file outside the process folder is not judged (package files,
    // settings and fixtures are JSON too), so a deploy output's `inputs/` copied elsewhere
    // passes (README, Known limitations).
    func looseBPMNFindings(
        outside processFolders: [String], _ snapshot: GitSnapshot, _ contents: SnapshotContents
    ) throws(GitError) -> [CommitFinding] {
        let inFolder = { (path: String) in
            processFolders.contains { RepositoryPath.below($0, path) != nil }
        }
        var findings: [CommitFinding] = []
        var linked: [String] = []
        for change in snapshot.changes {
            let path = change.path
            guard let blob = change.newBlob, let bytes = contents.blobs[blob],
                CredentialScanner.mayBeBPMN(path, inProcessFolder: false),
                RepositoryPath.below(vaultFolder, path) == nil
            else { continue }
            if change.isLink {
                let target = String(decoding: bytes, as: UTF8.self)
                if let file = ProcessFolderResolution.within(snapshot.top, target, from: path) {
                    linked.append(file)
                }
            } else if !inFolder(path) {
                findings += CredentialScanner.scanBPMN(anyEncoding: bytes, path: path)
            }
        }
        // A target this commit changes is judged as itself already when its name says BPMN.
        let changed = Set(snapshot.changes.filter { $0.newBlob != nil }.map { Array($0.path.utf8) })
        linked = Array(Set(linked)).sorted().filter { file in
            !changed.contains(Array(file.utf8))
                || !CredentialScanner.mayBeBPMN(file, inProcessFolder: inFolder(file))
        }
        guard !linked.isEmpty else { return findings }
        let read = try snapshot.read(linked.map { snapshot.treeSpec + $0 })
        for file in linked {
            guard let bytes = read[snapshot.treeSpec + file] else { continue }
            findings += CredentialScanner.scanBPMN(anyEncoding: bytes, path: file)
        }
        return findings
    }
}
