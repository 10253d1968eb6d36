/// The checks of the pre-commit hook and of `verify`, over one ``GitSnapshot``: only the
/// changed files, the vault's `vault.yaml`, the names of its secret files and the
/// allow-list are read. No master key is needed: every rule holds with the public key.
///
/// Steps: read the changed blobs and the few files the rules need in one batch; look for
/// master keys in every changed file; check changed vault files (schema, envelope, key id,
/// comments, conflict markers), authorship and the editors list; check changed process
/// files (placeholders, unknown secrets, plaintext credentials); apply the allow-list.
public struct CommitCheck: Sendable {
    /// The vault folder relative to the top of the repository (`vault`).
    public var vaultFolder: String

    public init(vaultFolder: String = "vault") {
        self.vaultFolder = RepositoryPath.normalized(vaultFolder)
    }

    // Limitation: only changed files are read. Deleting a secret that unchanged process
    // files still use, or changing the vault's key without re-sealing unchanged secrets,
    // passes the hook; `tresor validate` in CI finds both.
    /// Runs every check over `snapshot`.
    public func run(_ snapshot: GitSnapshot) throws -> CommitReport {
        let contents = try readContents(snapshot)
        var findings: [CommitFinding] = []
        var outputs = RenderOutputs(snapshot, marked: contents.markedFolders)
        for change in snapshot.changes {
            // A submodule's path is a name committed like a file's (found by a twenty-fifth
            // fresh tester: a gitlink named with a key passed).
            if change.newBlob != nil || change.isGitlink,
                let masked = MasterKey.masked(change.path)
            {
                findings.append(masterKeyInName(masked))
            }
            guard let blob = change.newBlob, let bytes = contents.blobs[blob] else { continue }
            if let position = Self.masterKeyPosition(in: bytes) {
                findings.append(masterKey(change.path, at: position))
            }
            if change.path.lastPathName.isSamePath(as: OutputGuard.marker) {
                findings.append(renderedOutput(change.path))
            } else if let folder = outputs.folder(holding: change.path) {
                findings.append(fileOfRenderedOutput(change.path, folder: folder))
            }
            if isWriteTemporary(change.path) { findings.append(writeTemporary(change.path)) }
            if isOtherVaultConfig(change.path) {
                findings.append(otherVault(change.path, topVault: contents.config != nil))
            }
            if change.path.lastPathName.isSamePath(as: ".gitattributes") {
                findings += try attributeFindings(change.path, bytes, snapshot)
            }
        }
        var vault = VaultChanges(check: self, snapshot: snapshot, contents: contents)
        findings += try vault.findings()
        // Without a vault.yaml in the snapshot (none committed or staged yet), the process
        // files are checked all the same, in the folder the work tree's vault.yaml names,
        // else the default one: a plaintext password in one passed unseen (found by two
        // fresh testers). Unknown secrets are not reported then.
        let setting =
            vault.config?.processes ?? workTreeProcesses(snapshot) ?? VaultConfig.defaultProcesses
        let resolution = try ProcessFolderResolution(processesFolder(setting), in: snapshot)
        let folder = resolution.folder
        var processes = ProcessChanges(
            folder: folder, changes: snapshot.changes, blobs: contents.blobs)
        findings += try processes.findings(checkingNames: vault.config != nil) {
            () throws(GitError) in try vault.names()
        }
        let earlier = earlierProcessFolders(than: setting, vault)
        findings += try movedFolderFindings(
            from: earlier, to: resolution, vault: &vault, snapshot, contents)
        // Any change at the folder's path or above it too: a submodule the folder was or
        // lay in, removed or made a file (the fiftieth and fifty-first fresh testers).
        let removesFile = snapshot.changes.contains {
            ($0.newBlob == nil && RepositoryPath.below(folder, $0.path) != nil)
                || RepositoryPath.below($0.path, folder) != nil
                || $0.path.isSamePath(as: folder)
        }
        if removesFile || movesFolder(from: earlier, to: resolution, vault, contents),
            let finding = try emptyFolderFinding(folder, vault, snapshot)
        {
            findings.append(finding)
        }
        findings += try looseBPMNFindings(outside: [folder] + earlier, snapshot, contents)
        return report(findings, snapshot: snapshot, contents: contents)
    }

    /// True for the vault writes' temporary file, or anything under a folder of that name.
    private func isWriteTemporary(_ path: String) -> Bool {
        let temporary = RepositoryPath.join(vaultFolder, Vault.writeTemporary)
        return path.isSamePath(as: temporary) || path.utf8.starts(with: (temporary + "/").utf8)
    }

    /// Committed, it would stop every change to the vault in each clone (found by a second
    /// fresh tester, as a folder at that name).
    private func writeTemporary(_ path: String) -> CommitFinding {
        CommitFinding(
            Finding(
                .error, .vaultFile, at: .file(path),
                "the temporary file of vault writes (\(Vault.writeTemporary)) is staged; it "
                    + "must never be committed",
                hint: "unstage it: git rm -r --cached -- \(path)"))
    }

    /// True for a `vault/vault.yaml` other than the checked vault's: commands run below its
    /// folder find it first (see ``Vault/locate(explicit:environment:)``).
    private func isOtherVaultConfig(_ path: String) -> Bool {
        guard path.lastPathName.isSamePath(as: Vault.configFile), !path.isSamePath(as: configPath),
            let parent = path.pathParent
        else { return false }
        return String(parent).lastPathName.isSamePath(as: "vault")
    }

    /// A vault planted in a subfolder got the values of `create` and `edit` run there
    /// sealed to its key (found by a twenty-ninth fresh tester). Without a vault at the top
    /// (`topVault` false) it is the only one, and the hook does not check it: said so, not
    /// "beside" a vault that is not there (found by a forty-fourth).
    private func otherVault(_ path: String, topVault: Bool) -> CommitFinding {
        let folder = path.pathParent.map(String.init) ?? path
        guard topVault else {
            return CommitFinding(
                Finding(
                    .error, .vaultFile, at: .file(path),
                    "a vault in a subfolder: the hook checks the vault at \(configPath) of the "
                        + "repository's top only, so commits to this one would go unchecked",
                    hint: "keep the vault at the top of its own repository (its vault/ folder "
                        + "next to .git), or unstage it (git rm -r --cached -- \(folder))"))
        }
        return CommitFinding(
            Finding(
                .error, .vaultFile, at: .file(path),
                "a second vault (its vault.yaml) inside the repository, beside \(configPath): "
                    + "commands run below its folder would seal values to its key",
                hint: "unstage it (git rm -r --cached -- \(folder)) unless you meant a second "
                    + "vault; then check it with --vault"))
    }

    /// The lines of the `.gitattributes` at `path` that make git check out vault files
    /// other than their blobs (see ``VaultAttributes``).
    private func attributeFindings(
        _ path: String, _ bytes: [UInt8], _ snapshot: GitSnapshot
    ) throws(GitError) -> [CommitFinding] {
        let vaultFiles = try snapshot.files(under: vaultFolder) + [configPath]
        return VaultAttributes.offendingLines(
            bytes, attributesPath: path, vaultPaths: vaultFiles, vaultFolder: vaultFolder
        )
        .map { line in
            CommitFinding(
                Finding(
                    .error, .vaultFile, at: SourceLocation(path: path, line: line, column: 1),
                    "gives vault files a working-tree-encoding or a filter: git would check "
                        + "out other bytes than the ones checked, and every command would "
                        + "refuse the vault",
                    hint: "remove the attribute for \(vaultFolder)/; vault files are "
                        + "UTF-8 YAML, read as committed"))
        }
    }

    /// `vault.yaml`'s path in the repository.
    var configPath: String { RepositoryPath.join(vaultFolder, Vault.configFile) }

    private func readContents(_ snapshot: GitSnapshot) throws(GitError) -> SnapshotContents {
        // A merge's incoming secret files too: their stamps meet the editors list.
        let blobs =
            snapshot.changes.compactMap(\.newBlob)
            + snapshot.incomingChanges.filter { isSecretFile($0.path) }.compactMap(\.newBlob)
        let oldBlobs = snapshot.changes.filter { isSecretFile($0.path) }.compactMap(\.oldBlob)
        var names = [snapshot.treeSpec + configPath, snapshot.treeSpec + AllowList.fileName]
        if let parent = snapshot.parentSpec { names.append(parent + configPath) }
        names += snapshot.otherParentSpecs.map { $0 + configPath }
        // A render marker in any folder above a staged file, in the same batch.
        let folders = RenderOutputs.folders(above: snapshot.changes.filter { $0.newBlob != nil })
        let marker = { (folder: String) in
            snapshot.treeSpec + RepositoryPath.join(folder, OutputGuard.marker)
        }
        let read = try snapshot.read(Array(Set(blobs + oldBlobs + names + folders.map(marker))))
        return SnapshotContents(
            blobs: read, config: read[snapshot.treeSpec + configPath],
            parentConfig: snapshot.parentSpec.flatMap { read[$0 + configPath] },
            otherParentConfigs: snapshot.otherParentSpecs.compactMap { read[$0 + configPath] },
            allowList: read[snapshot.treeSpec + AllowList.fileName],
            markedFolders: Set(folders.filter { read[marker($0)] != nil }))
    }

    /// True for `vault/NAME.yaml` files (not `vault.yaml`, not hidden, not in a subfolder).
    func isSecretFile(_ path: String) -> Bool {
        guard let name = RepositoryPath.child(of: vaultFolder, path) else { return false }
        return name.hasSuffixBytes(".yaml") && !name.isHiddenName
            && !name.isSamePath(as: Vault.configFile)
    }

    /// A file of the vault folder that `validate` takes for a secret file under a name no
    /// command reads: `.yml`, or `.yaml` in another letter case (`A.YAML` is `A.yaml` on a
    /// case-insensitive file system).
    func isMisnamedSecretFile(_ path: String) -> Bool {
        guard let name = RepositoryPath.child(of: vaultFolder, path), !name.isHiddenName,
            !name.hasSuffixBytes(".yaml")
        else { return false }
        return name.hasSuffixBytes(".yaml", ignoringASCIICase: true)
            || name.hasSuffixBytes(".yml", ignoringASCIICase: true)
    }

    /// A file in a folder inside the vault, which no command reads (`vault/old/A.yaml`);
    /// hidden names (the lock, temporaries) aside.
    func isInVaultSubfolder(_ path: String) -> Bool {
        guard let rest = RepositoryPath.below(vaultFolder, path),
            rest.utf8.contains(UInt8(ascii: "/"))
        else { return false }
        return !rest.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// The process folder setting of the work tree's `vault.yaml`, when it reads.
    private func workTreeProcesses(_ snapshot: GitSnapshot) -> String? {
        let path = RepositoryPath.join(snapshot.top, configPath)
        guard
            let bytes = try? FileReader.read(path, limit: Vault.maximumFileSize, followLinks: false)
        else { return nil }
        return (try? VaultConfig(yaml: bytes, path: configPath))?.processes
    }

    func processesFolder(_ setting: String) -> String {
        if setting.isAbsolutePath { return RepositoryPath.normalized(setting) }
        return RepositoryPath.normalized(
            RepositoryPath.join(RepositoryPath.parent(of: vaultFolder), setting))
    }

    /// Where a master key stands in `bytes`: as text, or as UTF-16 or UTF-32 text in
    /// either byte order (Windows PowerShell 5 writes UTF-16 with `>`; such a key passed
    /// the hook, found by fresh testers). A file is read the other ways only when it holds
    /// a NUL.
    // Limitation: a key in another encoding (base64 of the key file, say), or written with
    // XML or JSON escapes in a process file, is not found (README, Known limitations).
    static func masterKeyPosition(in bytes: [UInt8]) -> (line: Int, column: Int)? {
        if let offset = MasterKey.masterKeyOffset(in: bytes) {
            return LineIndex(bytes).position(of: offset)
        }
        guard bytes.contains(0) else { return nil }
        // The key is ASCII: every second (UTF-16) or fourth (UTF-32) byte of its wide form,
        // from the right offset for the byte order, is its text.
        for width in [2, 4] {
            for offset in 0..<width {
                let narrow = stride(from: offset, to: bytes.count, by: width).map { bytes[$0] }
                if let found = MasterKey.masterKeyOffset(in: narrow) {
                    return LineIndex(narrow).position(of: found)
                }
            }
        }
        return nil
    }

    private func masterKey(_ path: String, at position: (line: Int, column: Int)) -> CommitFinding {
        CommitFinding(
            Finding(
                .error, .masterKey,
                at: SourceLocation(path: path, line: position.line, column: position.column),
                "the file holds a Tresor master key; it must never be committed",
                hint: "remove it and unstage the file; keys belong in ~/.config/tresor/keys/ "
                    + "(mode 0600) or in TRESOR_KEY on deploy hosts. If it was ever pushed, "
                    + "run `tresor rekey` for a new key and change every value at its source "
                    + "(`tresor edit NAME --new-value`): the old boxes in the history open "
                    + "with the leaked key"))
    }

    private func masterKeyInName(_ masked: String) -> CommitFinding {
        CommitFinding(
            Finding(
                .error, .masterKey, at: .file(masked),
                "the file's name holds a Tresor master key (shown as [master key]); it must "
                    + "never be committed (a submodule's path included)",
                hint: "unstage the file and rename it; if it was ever pushed, run `tresor "
                    + "rekey` and change every value at its source"))
    }

    /// A staged file inside a folder a render or deploy wrote (its `.tresor-render` marker
    /// there, staged, committed or in the work tree): the whole folder was blocked, its
    /// files staged one by one were not (found by a fresh tester).
    private func fileOfRenderedOutput(_ path: String, folder: String) -> CommitFinding {
        CommitFinding(
            Finding(
                .error, .renderedOutput, at: .file(path),
                "this file lies in \(folder.isEmpty ? "the repository's top" : folder), which a "
                    + "render or deploy wrote (it holds \(OutputGuard.marker)): its files hold "
                    + "plaintext values",
                hint: "unstage it: git rm -r --cached -- \(path); render outside the repository"))
    }

    /// A staged `.tresor-render` marks a render or deploy output: its files hold plaintext.
    private func renderedOutput(_ path: String) -> CommitFinding {
        let folder = RepositoryPath.parent(of: path)
        return CommitFinding(
            Finding(
                .error, .renderedOutput, at: .file(path),
                "\(folder.isEmpty ? "the top folder" : folder) is a render or deploy output: "
                    + "its files hold plaintext values and must never be committed",
                hint: "unstage it (git rm -r --cached \(folder.isEmpty ? "." : folder)), add it "
                    + "to .gitignore, and render outside the repository next time"))
    }

    private func report(
        _ findings: [CommitFinding], snapshot: GitSnapshot, contents: SnapshotContents
    ) -> CommitReport {
        var all = findings
        var allowList = AllowList()
        // A link's blob is its target's path: read as YAML it was "not a mapping of
        // fields" (found by a second fresh tester).
        if snapshot.changes.contains(where: { $0.isLink && $0.path == AllowList.fileName }) {
            all.append(
                CommitFinding(
                    Finding(
                        .error, .allowList, at: .file(AllowList.fileName),
                        "\(AllowList.fileName) is a symbolic link; it must be a regular file",
                        hint: "replace the link with the file itself")))
        } else if let bytes = contents.allowList {
            do { allowList = try AllowList(yaml: bytes, path: AllowList.fileName) } catch {
                // Said outright: one bad entry silenced none of the others, without a word
                // (found by a twenty-sixth fresh tester).
                var finding = error.finding
                finding.message += "; no entry of the allow-list applies until it is fixed"
                all.append(CommitFinding(finding))
            }
            let texts = allowList.entries.flatMap {
                [$0.file, $0.reason] + ($0.field.map { [$0] } ?? [])
            }
            if let key = Validator.decodedKeyFinding(texts, path: AllowList.fileName) {
                all.append(CommitFinding(key))
            }
            if snapshot.changes.contains(where: { $0.path == AllowList.fileName }),
                let files = try? snapshot.files(under: "")
            {
                let known = Set(files.map { Array($0.utf8) })
                all += allowList.unmatchedFileFindings(files: known).map { CommitFinding($0) }
            }
        }
        // Told apart by bytes: two spellings of a name are two files.
        var seen = Set<[UInt8]>()
        let checked = snapshot.changes.filter(\.hasContents).map(\.path).filter {
            seen.insert(Array($0.utf8)).inserted
        }
        var (kept, silenced) = allowList.apply(to: all, checkedFiles: checked)
        // A name that is not UTF-8 is shown escaped where a finding names its file, as the
        // messages show it: it was `processes/lat\u{FFFD}.bpmn`, which no tool maps back
        // to the file (found by a twenty-fifth fresh tester).
        var escaped: [String: String] = [:]
        for change in snapshot.changes {
            if let shown = change.escapedPathNotUTF8 { escaped[change.path] = shown }
        }
        // No finding prints a master key that a file's name holds.
        for index in kept.indices {
            if let shown = escaped[kept[index].finding.location.path] {
                kept[index].finding.location.path = shown
                kept[index].finding.location.pathIsEscaped = true
            }
            if let masked = MasterKey.masked(kept[index].finding.location.path) {
                kept[index].finding.location.path = masked
            }
            if let masked = MasterKey.masked(kept[index].finding.message) {
                kept[index].finding.message = masked
            }
        }
        let sorted = kept.sorted {
            ($0.finding.location, $0.finding.severity) < ($1.finding.location, $1.finding.severity)
        }
        var report = CommitReport(
            label: snapshot.label, findings: sorted, silenced: silenced,
            checkedFiles: checked.count)
        report.deletedFiles = snapshot.changes.filter { $0.status == .deleted }.count
        return report
    }
}

/// The bytes one batch read brought: changed blobs by id, and the special files.
struct SnapshotContents: Sendable {
    var blobs: [String: [UInt8]]
    var config: [UInt8]?
    var parentConfig: [UInt8]?
    /// `vault.yaml` in a merge's other parents, where they have one.
    var otherParentConfigs: [[UInt8]] = []
    var allowList: [UInt8]?
    /// Folders above a changed file that hold a render marker in this tree.
    var markedFolders: Set<String> = []
}
