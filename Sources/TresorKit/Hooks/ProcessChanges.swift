/// The checks on changed process files, as `validate` runs them on a whole folder, plus
/// plaintext credentials: near-misses, placeholders in unsupported places, references to
/// secrets the snapshot's vault lacks, ids too long for deploy's file names, notes for
/// documentation, literal credentials.
struct ProcessChanges {
    /// The process folder relative to the top of the repository.
    let folder: String
    /// The changes to check (those under `folder` are): the snapshot's, or every file of
    /// the folder when a commit makes it the process folder.
    let changes: [GitChange]
    /// The contents of the changes' new blobs, by blob id.
    let blobs: [String: [UInt8]]

    /// Findings for each changed process file; `names` lists the vault's secrets, asked
    /// for only when a changed file holds a reference. Without `checkingNames` (the
    /// snapshot has no vault yet), no placeholder is reported unknown.
    // `folder` has the links on its path followed (see `ProcessFolderResolution`).
    mutating func findings(
        checkingNames: Bool = true, names: () throws(GitError) -> Set<SecretName>
    ) throws(GitError) -> [CommitFinding] {
        var findings: [CommitFinding] = []
        var hiddenWarned: Set<String> = []
        for change in changes {
            if change.isGitlink, change.path.isSamePath(as: folder) {
                findings.append(CommitFinding(Self.submodule(change.path)))
                continue
            }
            guard change.newBlob != nil || change.isGitlink,
                let relative = RepositoryPath.below(folder, change.path)
            else { continue }
            // Every command stops on such a name in the process folder, where its listing
            // meets it, so it may not be committed (found by a sixteenth fresh tester: the
            // hook read it as a file; by a seventeenth: a submodule so named passed).
            if let escaped = change.escapedPathNotUTF8, Self.listingMeetsBadName(relative) {
                findings.append(CommitFinding(Self.nameNotUTF8(change.path, escaped: escaped)))
                continue
            }
            if change.isGitlink {
                findings.append(CommitFinding(Self.submodule(change.path)))
                continue
            }
            guard change.newBlob != nil else { continue }
            // A hidden file or folder is skipped with `validate`'s warning, once for each
            // (the hook skipped it without a word; found by a fresh tester).
            let parts = relative.pathNames
            if let hidden = parts.firstIndex(where: \.isHiddenName) {
                let entry = RepositoryPath.join(folder, parts[...hidden].joined(separator: "/"))
                if parts[hidden] != ".git", hiddenWarned.insert(entry).inserted {
                    findings.append(CommitFinding(ProcessScan.hiddenSkipped(entry)))
                }
                continue
            }
            // A link's blob is its target's path, not a file: skipped with `validate`'s
            // warning, as every command skips it (found by a fresh tester: it was read
            // as a process file and blocked the commit).
            if change.isLink {
                findings.append(CommitFinding(ProcessScan.linkSkipped(change.path)))
                continue
            }
            guard let blob = change.newBlob, let bytes = blobs[blob] else { continue }
            guard let kind = ProcessFolder.kind(of: relative) else {
                findings += Self.otherFileFindings(bytes, path: change.path)
                continue
            }
            findings += try check(
                bytes, relative: relative, kind: kind, checkingNames: checkingNames, names: names)
        }
        return findings
    }

    /// Findings for a file of the process folder that is no process file, as `validate`
    /// warns of it when it holds placeholders; and the plaintext credentials of one named
    /// as BPMN files often are (`.bpmn2`, `.xml`), which the engines deploy all the same
    /// (found by a thirty-fourth fresh tester: both passed the hook without a word).
    static func otherFileFindings(_ bytes: [UInt8], path: String) -> [CommitFinding] {
        var findings: [CommitFinding] = []
        if bytes.count <= ProcessFolder.maximumFileSize, !PlaceholderScanner.scan(bytes).isEmpty {
            findings.append(CommitFinding(ProcessScan.unresolvedPlaceholders(path)))
        }
        if CredentialScanner.mayBeBPMN(path, inProcessFolder: true) {
            findings += CredentialScanner.scanBPMN(anyEncoding: bytes, path: path)
        }
        return findings
    }

    /// The warning for a submodule in (or as) the process folder: `validate` and `render`
    /// read its checked-out files, which this repository's commits do not hold, so no hook
    /// here checks them (found by a thirty-sixth fresh tester: one holding a plaintext
    /// credential passed without a word).
    // Limitation: a warning only; the submodule's own repository needs Tresor's hook
    // (README, Known limitations).
    static func submodule(_ path: String) -> Finding {
        Finding(
            .warning, .unreadFile, at: .file(path),
            "a submodule in the process folder: its files are committed in another "
                + "repository, so this hook does not check them, though render reads them",
            hint: "install Tresor's hook in that repository too, or keep the process files in "
                + "this one")
    }

    /// True when a listing of the process folder reaches the first name of `relative` that
    /// is not UTF-8 (U+FFFD in git's path as decoded): no hidden folder is on the way to
    /// it, since commands skip those unread (found by a seventeenth fresh tester: the hook
    /// refused `.h/x\xff.json`, which `validate` skips with a warning).
    static func listingMeetsBadName(_ relative: String) -> Bool {
        let parts = relative.pathNames
        let bad = parts.firstIndex { $0.unicodeScalars.contains("\u{FFFD}") } ?? parts.count - 1
        return !parts[..<bad].contains(where: \.isHiddenName)
    }

    /// The error for a file in the process folder whose path is not UTF-8: `path` holds
    /// U+FFFD for the bad bytes, `escaped` shows them (`\xff`).
    static func nameNotUTF8(_ path: String, escaped: String) -> Finding {
        Finding(
            .error, .unreadFile, at: .file(path),
            "the name is not valid UTF-8 (\(escaped)): every tresor command over the process "
                + "folder stops on it",
            hint: "rename it with a UTF-8 name (`git mv`), or move it out of the process folder")
    }

    private func check(
        _ bytes: [UInt8], relative: String, kind: ProcessDocument.Kind,
        checkingNames: Bool, names: () throws(GitError) -> Set<SecretName>
    ) throws(GitError) -> [CommitFinding] {
        let path = RepositoryPath.join(folder, relative)
        if let line = TextScans.conflictMarkerLine(bytes) {
            let hint = "resolve the conflict, then stage the file"
            return [CommitFinding(TextScans.conflictFinding(path, line, hint: hint))]
        }
        guard bytes.count <= ProcessFolder.maximumFileSize else {
            let finding = Finding(
                .error, kind == .bpmn ? .xml : .json, at: .file(path),
                "the file is larger than \(ProcessFolder.maximumFileSize >> 20) MiB")
            return [CommitFinding(finding)]
        }
        var document = ProcessFolder.document(bytes: bytes, path: relative, kind: kind)
        document.prefixPaths(with: folder)
        let used = Set(document.references.map(\.name))
        let found =
            checkingNames
            ? try Validator.documentFindings(document, names: names)
            : Validator.documentFindings(document) { () throws(Never) in used }
        return found.map { CommitFinding($0) }
            + CredentialScanner.scan(bytes, path: path, kind: kind)
    }
}
