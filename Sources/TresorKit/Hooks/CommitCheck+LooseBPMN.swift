/// BPMN files committed outside the process folder: nothing renders them, but a process
/// model must never hold a credential, wherever it lies.
extension CommitCheck {
    /// The plaintext credentials of each changed BPMN file (by name, see
    /// ``CredentialScanner/mayBeBPMN(_:inProcessFolder:)``) outside `processFolders` and the
    /// vault: a rendered file or a deploy output's `processes/` copied into the
    /// repository, say (found by a thirty-fourth fresh tester: the hook passed them).
    // Limitation: a JSON file outside the process folder is not judged (package files,
    // settings and fixtures are JSON too), so a deploy output's `inputs/` copied elsewhere
    // passes (README, Known limitations).
    func looseBPMNFindings(
        outside processFolders: [String], _ snapshot: GitSnapshot, _ contents: SnapshotContents
    ) -> [CommitFinding] {
        var findings: [CommitFinding] = []
        for change in snapshot.changes where !change.isLink {
            let path = change.path
            guard let blob = change.newBlob, let bytes = contents.blobs[blob],
                bytes.count <= ProcessFolder.maximumFileSize,
                CredentialScanner.mayBeBPMN(path, inProcessFolder: false),
                RepositoryPath.below(vaultFolder, path) == nil,
                !processFolders.contains(where: { RepositoryPath.below($0, path) != nil })
            else { continue }
            findings += CredentialScanner.scan(bytes, path: path, kind: .bpmn)
        }
        return findings
    }
}
