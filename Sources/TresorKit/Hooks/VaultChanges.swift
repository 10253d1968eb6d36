/// The checks on changed vault files: `vault.yaml` parses, each changed secret file is of
/// the schema, sealed to the vault's current key id, holds no comment but the header and no
/// conflict marker; then who changed them (see `VaultChanges+Authorship.swift`).
struct VaultChanges {
    let check: CommitCheck
    let snapshot: GitSnapshot
    let contents: SnapshotContents
    /// The vault settings of the snapshot, nil when it has no (readable) `vault.yaml`.
    private(set) var config: VaultConfig?
    /// The vault settings before this commit, nil when the parent has no (readable)
    /// `vault.yaml`: read once, for the key-change check and the editors list in force.
    private(set) var parentConfig: VaultConfig?
    /// The vault settings of a merge's other parents (those that have them).
    private(set) var otherParentConfigs: [VaultConfig] = []
    /// Changed secret files that read cleanly, by path.
    var records: [String: SecretRecord] = [:]
    /// The secret files this commit changes or deletes, as they were before it, by path:
    /// read once for the copy check and the authorship stamps.
    var oldRecords: [String: SecretRecord] = [:]
    private var cachedNames: Set<SecretName>?

    init(check: CommitCheck, snapshot: GitSnapshot, contents: SnapshotContents) {
        self.check = check
        self.snapshot = snapshot
        self.contents = contents
    }

    var changes: [GitChange] {
        snapshot.changes.filter {
            check.isSecretFile($0.path) || $0.path.isSamePath(as: check.configPath)
        }
    }

    /// Every finding about the vault's files and who changed them.
    mutating func findings() throws -> [CommitFinding] {
        var findings: [Finding] = []
        parentConfig = contents.parentConfig.flatMap {
            try? VaultConfig(yaml: $0, path: check.configPath)
        }
        otherParentConfigs = contents.otherParentConfigs.compactMap {
            try? VaultConfig(yaml: $0, path: check.configPath)
        }
        // A vault.yaml a parent has and this commit lacks: a merge whose result dropped the
        // vault changed no file against every parent, so nothing was checked, and the next
        // commit brought in a vault of another key as a first `init` (found by a
        // twenty-ninth fresh tester).
        if contents.config == nil,
            contents.parentConfig != nil || !contents.otherParentConfigs.isEmpty
        {
            findings.append(
                Finding(
                    .error, .vaultFile, at: .file(check.configPath),
                    "vault.yaml is removed (a parent commit has it): a vault once set up is "
                        + "never removed through the hook, or one of another key could follow it",
                    hint: "restore the vault folder (git checkout HEAD -- \(check.vaultFolder)/, "
                        + "or from the parent that has it); to stop using Tresor here, commit "
                        + "the removal with --no-verify"))
        }
        // A link's blob is its target's path, not YAML: it is named as a link below.
        let configIsLink = changes.contains { $0.isLink && $0.path == check.configPath }
        if let bytes = contents.config, !configIsLink {
            do { config = try VaultConfig(yaml: bytes, path: check.configPath) } catch {
                findings.append(error.finding)
            }
            if let config,
                let key = Validator.decodedKeyFinding(
                    config.editors + [config.processes], path: check.configPath)
            {
                findings.append(key)
            }
        } else if contents.config == nil, !changes.isEmpty {
            findings.append(
                Finding(
                    .error, .vaultFile, at: .file(check.configPath),
                    "secret files change but the vault has no vault.yaml",
                    hint: "restore vault.yaml from git, or run `tresor init` first"))
        }
        for change in changes {
            // Its blob is a path: read as YAML, it was "not a mapping of fields" (found by
            // a fresh tester).
            if change.isLink {
                let what = change.path == check.configPath ? "vault.yaml" : "the secret file"
                findings.append(Vault.linkError(change.path, what: what).finding)
                continue
            }
            guard change.path != check.configPath, let blob = change.newBlob,
                let bytes = contents.blobs[blob]
            else { continue }
            findings += secretFindings(bytes, path: change.path)
        }
        // A submodule in the vault has no blob to check, and every clone then has a
        // folder where a secret file should be, which no command reads (found by a fresh
        // tester: it passed).
        for change in snapshot.changes
        where change.isGitlink && RepositoryPath.below(check.vaultFolder, change.path) != nil {
            findings.append(
                Finding(
                    .error, .vaultFile, at: .file(change.path),
                    "a submodule (gitlink) in the vault; vault files must be regular files",
                    hint: "remove it with `git rm --cached \(change.path)`"))
        }
        // `validate` names these; the hook passed them (found by a fresh tester).
        for change in snapshot.changes
        where change.newBlob != nil && check.isMisnamedSecretFile(change.path) {
            let name = RepositoryPath.stem(change.path)
            findings.append(
                Vault.badFileName(Vault.Entry(fileName: name, name: nil, path: change.path))
                    .finding)
        }
        for change in snapshot.changes
        where change.newBlob != nil && check.isInVaultSubfolder(change.path) {
            findings.append(
                Finding(
                    .warning, .vaultFile, at: .file(change.path),
                    "a file in a folder inside the vault; Tresor reads only the files at the "
                        + "top of the vault folder, so it is never read",
                    hint: "move a secret file to the top of the vault folder, anything else "
                        + "out of it"))
        }
        for change in snapshot.changes where change.newBlob != nil {
            if let name = RepositoryPath.child(of: check.vaultFolder, change.path),
                Vault.isSecretFileCopyName(name)
            {
                findings.append(Vault.secretFileCopy(change.path))
            }
        }
        findings += try keyChangeFindings()
        oldRecords = readOldRecords()
        findings += try copiedValues()
        var result = findings.map { CommitFinding($0) }
        result += try authorshipFindings()
        result += incomingEditorFindings()
        return result
    }

    /// An error when `vault.yaml` names another key than before this commit while some
    /// secret file is not re-sealed in it: only `tresor rekey` changes the key, and it
    /// re-seals every value. Anyone who can commit could otherwise point the vault at a key
    /// of theirs, and every value created or edited after it would be sealed to that key
    /// (found by a fresh tester: the hook and `verify` passed it). An unfinished rekey
    /// (`rekey_from` in the committed `vault.yaml`) is refused too: it was the way around
    /// that check, as a rekey from the old key to a key of the committer's (found by a
    /// twenty-fifth fresh tester), and a rekey is finished before it is committed.
    // Limitation: in a vault without a `signing_key` (made before it), a swap that
    // re-seals every file with boxes of the committer's own passes: only a private key
    // tells it from a rekey; the next `tresor rekey` adds one (README, Known limitations).
    private func keyChangeFindings() throws(GitError) -> [Finding] {
        guard let config else { return [] }
        // Against the first parent, for a merge too: one that took vault.yaml from one
        // side and the secret files from the other changed neither against every parent,
        // and the swap passed (found by a twenty-sixth fresh tester).
        let configChanged = changes.contains { $0.path.isSamePath(as: check.configPath) }
        if let from = config.rekeyFrom, configChanged || parentConfig?.rekeyFrom != from {
            return [
                Finding(
                    .error, .vaultFile, at: .file(check.configPath),
                    "vault.yaml records an unfinished rekey (rekey_from: \(from), to key "
                        + "\(config.keyID)); a rekey is committed only when it is finished",
                    hint: "if you started it, run `tresor rekey` again to finish it, then "
                        + "commit all of vault/; if you did not, restore vault.yaml (git "
                        + "checkout HEAD -- \(check.configPath))")
            ]
        }
        // Against every parent: a merge whose first parent is the side that changed the
        // key (a root commit of vault.yaml alone, merged with the team's history) passed
        // (found by a twenty-seventh fresh tester).
        let parents = ([parentConfig] + otherParentConfigs).compactMap { $0 }
        if let unsigned = signatureFinding(config, parents: parents) { return [unsigned] }
        guard let old = parents.first(where: { $0.keyID != config.keyID }) else { return [] }
        // Every secret file of the result must be sealed to the new key alone: asked of
        // the tree, by one `git grep` for its `value:` line as a whole, not of the files
        // the commit changed, so that a merge of a rekeyed branch passes and one of a bare
        // swap does not. The whole line: the header planted in a display name passed
        // (found by a twenty-seventh fresh tester).
        let line = "value: tresor:v1:\(config.keyID.text):[A-Za-z0-9+/=]+"
        let sealed = try snapshot.files(matchingLine: line, under: check.vaultFolder)
        let stale = try snapshot.files(under: check.vaultFolder)
            .filter { check.isSecretFile($0) && !sealed.contains($0) }
        guard let first = stale.first else { return [] }
        let folder = check.vaultFolder.isEmpty ? "the vault folder" : check.vaultFolder + "/"
        return [
            Finding(
                .error, .vaultFile, at: .file(check.configPath),
                "vault.yaml names key \(config.keyID), another key than \(old.keyID) before "
                    + "it, but \(stale.count) secret file(s) are not sealed to it alone "
                    + "(\(first) among them): only `tresor rekey` changes the key, and it "
                    + "re-seals every value",
                hint: "if nobody here ran `tresor rekey`, restore vault.yaml (git checkout "
                    + "HEAD -- \(check.configPath)); if this merges a rekey, set the values "
                    + "still on the old key again (`tresor validate` lists them; `tresor edit "
                    + "NAME --new-value`), then commit all of \(folder)")
        ]
    }

    /// The error for a `vault.yaml` that changes the key, or the signing key, without the
    /// signature of the signing key a parent names: a rekey signs the new keys with the old
    /// key's (`key_change`), and nobody without the old master key can. A swap that
    /// re-sealed every file with boxes of the committer's own passed every other check.
    private func signatureFinding(_ config: VaultConfig, parents: [VaultConfig]) -> Finding? {
        for parent in parents {
            guard let signer = parent.signingKey else {
                // A vault made before signing keys gets one from its next rekey: one added
                // without a key change may be anybody's, and would vouch for their swap.
                guard parent.keyID == config.keyID, config.signingKey != nil else { continue }
                return Finding(
                    .error, .vaultFile, at: .file(check.configPath),
                    "vault.yaml adds signing_key while its key stays \(config.keyID): a vault "
                        + "made without one gets it from `tresor rekey`",
                    hint: "restore vault.yaml (git checkout HEAD -- \(check.configPath)), then "
                        + "let a holder of the master key run `tresor rekey`")
            }
            if parent.keyID == config.keyID {
                guard config.signingKey != signer else { continue }
                return Finding(
                    .error, .vaultFile, at: .file(check.configPath),
                    "vault.yaml changes or removes signing_key while its key stays "
                        + "\(config.keyID): the signing key changes only with the key, by "
                        + "`tresor rekey`",
                    hint: "restore vault.yaml (git checkout HEAD -- \(check.configPath))")
            }
            if let signingKey = config.signingKey, let signature = config.keyChange,
                signer.verifies(
                    signature, from: parent.keyID, to: config.publicKey, signingKey: signingKey)
            {
                continue
            }
            return Finding(
                .error, .vaultFile, at: .file(check.configPath),
                "vault.yaml names key \(config.keyID) instead of \(parent.keyID), but key_change "
                    + "is not \(parent.keyID)'s signature of it: only `tresor rekey`, run with "
                    + "the old master key, changes the key",
                hint: "if nobody here ran `tresor rekey`, restore vault.yaml (git checkout "
                    + "HEAD -- \(check.configPath)); a rekey is signed from the key of the "
                    + "commit before it, so after two rekeys with no commit between, restore "
                    + "the vault folder and rekey once")
        }
        return nil
    }

    /// The names of the secrets in the snapshot, from file names only.
    mutating func names() throws(GitError) -> Set<SecretName> {
        if let cachedNames { return cachedNames }
        let files = try snapshot.files(under: check.vaultFolder).filter(check.isSecretFile)
        let names = Set(files.compactMap { try? SecretName(RepositoryPath.stem($0)) })
        cachedNames = names
        return names
    }

    private mutating func secretFindings(_ bytes: [UInt8], path: String) -> [Finding] {
        if let line = TextScans.conflictMarkerLine(bytes) { return [conflict(path, line)] }
        let stem = RepositoryPath.stem(path)
        guard (try? SecretName(stem)) != nil else {
            let entry = Vault.Entry(fileName: stem, name: nil, path: path)
            return [Vault.badFileName(entry).finding]
        }
        let record: SecretRecord
        do { record = try SecretRecord(yaml: bytes, path: path, fileName: stem) } catch {
            return [error.finding]
        }
        records[path] = record
        var findings = commentFindings(bytes, path: path)
        if let config, let stale = Validator.keyFinding(record, keyID: config.keyID, path: path) {
            findings.append(stale)
        }
        if let extra = Validator.recipientsFinding(record, severity: .error, path: path) {
            findings.append(extra)
        }
        if let key = Validator.decodedKeyFinding(record, path: path) { findings.append(key) }
        return findings
    }

    /// A changed secret file that holds a sealed box another secret file holds too, or
    /// that another secret file held before this commit (a copy, a rename): a value is
    /// sealed for its own name and never opens under another (as `validate` finds in the
    /// tree). One `git grep` for the boxes of the changed values; a file whose value did not
    /// change (a new display name) is not searched for.
    /// How much of a box's text the copy check searches for.
    static let probeLength = 120

    private func copiedValues() throws(GitError) -> [Finding] {
        let old = oldRecords
        let changed = records.filter { path, record in old[path]?.value != record.value }
        guard !changed.isEmpty else { return [] }
        // Each box is searched for by its first 120 characters (90 bytes, most of them the
        // box's random one-time key): a whole box of a large value made a pattern git
        // refuses, and the hook failed for every value over about 25 KB (found by an
        // eighth fresh tester).
        let probe = { (text: String) in String(text.prefix(Self.probeLength)) }
        let texts = Set(changed.values.flatMap(\.value.boxTexts).map(probe))
        let holders = try snapshot.files(holding: Array(texts), under: check.vaultFolder)
        // The boxes that files changed or deleted by this commit held before it, by box:
        // one look-up per box, so a rekey of every secret stays linear.
        var gone: [[UInt8]: [(path: String, name: SecretName)]] = [:]
        for (path, was) in old where records[path]?.value != was.value {
            for box in was.value.boxes { gone[box, default: []].append((path, was.name)) }
        }
        var findings: [Finding] = []
        for (path, record) in changed.sorted(by: { $0.key < $1.key }) {
            let others = record.value.boxTexts.flatMap { holders[probe($0)] ?? [] }.filter {
                $0 != path && check.isSecretFile($0)
            }
            if let other = others.sorted().first,
                let name = try? SecretName(RepositoryPath.stem(other))
            {
                findings.append(Validator.copiedValue(record.name, from: name, path: path))
                continue
            }
            let earlier = record.value.boxes.compactMap { box in
                gone[box]?.first { $0.path != path }
            }
            if let earlier = earlier.min(by: { $0.path < $1.path }) {
                findings.append(movedValue(record.name, from: earlier.name, path: path))
            }
        }
        return findings
    }

    /// The secret files this commit changes or deletes, as they were before it.
    private func readOldRecords() -> [String: SecretRecord] {
        var old: [String: SecretRecord] = [:]
        for change in changes where change.path != check.configPath {
            guard let blob = change.oldBlob, let bytes = contents.blobs[blob],
                let record = try? SecretRecord(
                    yaml: bytes, path: change.path, fileName: RepositoryPath.stem(change.path))
            else { continue }
            old[change.path] = record
        }
        return old
    }

    private func movedValue(_ name: SecretName, from earlier: SecretName, path: String) -> Finding {
        Finding(
            .error, .envelope, at: .file(path),
            "\(name) holds the sealed value \(earlier) held before this commit: a value is "
                + "sealed for its own name, so this one will not open",
            hint: "to rename a secret, or to give another secret the same value, set the value "
                + "under the new name: `tresor create \(name)` (or `tresor edit \(name) "
                + "--new-value`)")
    }

    private func commentFindings(_ bytes: [UInt8], path: String) -> [Finding] {
        let written = YAMLWriter.commentBytes(SecretRecord.header)
        let header = Set(written.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) })
        return TextScans.foreignCommentLines(bytes, allowed: header).map { line in
            Finding(
                .error, .vaultComment, at: SourceLocation(path: path, line: line, column: 1),
                "a comment other than the file's header; comments are not sealed, so a "
                    + "value written in one would be committed in plain text",
                hint: "remove the comment; describe the secret in display_name")
        }
    }

    func conflict(_ path: String, _ line: Int) -> Finding {
        TextScans.conflictFinding(path, line, hint: TextScans.secretConflictHint(path))
    }
}
