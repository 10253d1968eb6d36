import Dispatch

/// `tresor validate`: every rule that can be checked with the public key and the files.
///
/// Vault files: well-formed, schema, names, types, envelopes sealed to the current key id.
/// Process files: placeholders well-formed, in supported places, naming secrets that
/// exist. Findings come sorted by file and position.
public enum Validator {
    public static func findings(vault: Vault, processes: [ProcessDocument]?) throws -> [Finding] {
        var findings = try vaultFindings(vault)
        if let processes {
            let names = Set(try vault.names())
            for document in processes {
                findings += documentFindings(document) { names }
            }
        }
        return sorted(findings)
    }

    /// The findings of one process file in a vault holding `names`: the reader's, a
    /// placeholder naming a secret not in `names`, and an id too long for deploy's file
    /// names. `validate` gathers these file by file, so it never holds every document at
    /// once; the hook runs them on each changed file, asking for `names` only when the
    /// file holds a reference.
    public static func documentFindings<Failure: Error>(
        _ document: ProcessDocument, names: () throws(Failure) -> Set<SecretName>
    ) throws(Failure) -> [Finding] {
        guard !document.references.isEmpty else { return document.findings }
        let known = try names()
        return document.findings
            + DocumentRenderer.problems(in: document) { known.contains($0) }
            .filter { $0.rule == .unknownSecret } + OutputName.findings(in: document)
    }

    /// `findings` in the order they are reported: by file and position, errors first.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.location, $0.severity) < ($1.location, $1.severity) }
    }

    /// Findings about the vault's own files, in the order of the files. Each file is read
    /// and checked on all cores (a large vault is thousands of YAML files and sealed
    /// values); copied values are then found in file order.
    public static func vaultFindings(_ vault: Vault) throws -> [Finding] {
        let entries = try vault.entries()
        let checked = ResultSlots<Checked>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            checked.set(index) { check(entries[index], in: vault) }
        }
        var findings: [Finding] = []
        // By box, not by whole value: a copy with a recipient added is still a copy.
        var firstHolder: [BytesKey: SecretName] = [:]
        // Each slot holds a value, never an error.
        for (entry, result) in zip(entries, (try? checked.values()) ?? []) {
            findings += result.findings
            guard let (name, value) = result.record else { continue }
            let boxes = value.boxes.map(BytesKey.init)
            if let first = boxes.lazy.compactMap({ firstHolder[$0] }).first(where: { $0 != name }) {
                findings.append(copiedValue(name, from: first, path: entry.path))
            }
            for box in boxes where firstHolder[box] == nil { firstHolder[box] = name }
        }
        let config = vault.config
        if let key = decodedKeyFinding(
            config.editors + [config.processes], path: vault.folder + "/" + Vault.configFile)
        {
            findings.append(key)
        }
        return findings + unreadEntryFindings(vault, entries: entries)
    }

    /// A folder inside the vault: no command reads what it holds, so a secret file moved
    /// there is lost to every command without a word (found by a sixth fresh tester); and
    /// a file named like a secret file that no command reads either (hidden, a backup).
    /// A folder named like a secret file (`DIR.yaml`) is an entry, reported once as a file
    /// that cannot be read (found by a sixteenth fresh tester: it was reported twice).
    private static func unreadEntryFindings(_ vault: Vault, entries: [Vault.Entry]) -> [Finding] {
        let listed = Set(entries.map { $0.path })
        let names = (FileTree.names(in: vault.folder) ?? []).filter {
            !$0.isHiddenName && !listed.contains(vault.folder + "/" + $0)
                && FileTree.kind(of: vault.folder + "/" + $0) == .folder
        }
        let hidden = (FileTree.names(in: vault.folder) ?? []).filter(Vault.isSecretFileCopyName)
        return names.sorted().map { name in
            Finding(
                .warning, .vaultFile, at: .file(vault.folder + "/" + name),
                "a folder in the vault; Tresor reads only the files at the top of the vault "
                    + "folder, so nothing in it is read",
                hint: "move secret files to the top of the vault folder, anything else out of it")
        } + hidden.sorted().map { Vault.secretFileCopy(vault.folder + "/" + $0) }
    }

    /// One vault file as `check` left it: its findings, and its name and sealed value when
    /// it could be read.
    private struct Checked {
        var findings: [Finding]
        var record: (SecretName, SealedValue)?
    }

    private static func check(_ entry: Vault.Entry, in vault: Vault) -> Checked {
        guard let name = entry.name else {
            return Checked(findings: [Vault.badFileName(entry).finding])
        }
        do {
            let record = try vault.read(name)
            return Checked(
                findings: recordFindings(record, vault: vault, path: entry.path),
                record: (record.name, record.value))
        } catch {
            return Checked(findings: [finding(for: error, path: entry.path)])
        }
    }

    private static func recordFindings(
        _ record: SecretRecord, vault: Vault, path: String
    ) -> [Finding] {
        let location = SourceLocation.file(path)
        var findings = record.name.warnings.map {
            Finding(.warning, .nameStyle, at: location, $0)
        }
        let config = vault.config
        if let stale = keyFinding(
            record, keyID: config.keyID, rekeyFrom: config.rekeyFrom, path: path)
        {
            findings.append(stale)
        }
        if let extra = recipientsFinding(record, severity: .warning, path: path) {
            findings.append(extra)
        }
        if let key = decodedKeyFinding(record, path: path) { findings.append(key) }
        return findings
    }

    /// The finding for a value sealed to more keys than one: the format allows it, but no
    /// writer of this release makes one, and a box added for a key of someone's own gives
    /// them the value whatever vault.yaml names (found by a twenty-sixth fresh tester: a
    /// swap that kept the team's box beside the committer's passed every check). An error
    /// in a commit (hook, verify), a warning in `validate`.
    static func recipientsFinding(
        _ record: SecretRecord, severity: Finding.Severity, path: String
    ) -> Finding? {
        let keys = record.value.recipients
        guard keys.count > 1 else { return nil }
        return Finding(
            severity, .envelope, at: .file(path),
            "the value of \(record.name) is sealed to \(keys.count) keys ("
                + keys.map(\.text).joined(separator: ", ") + "); Tresor seals each value to "
                + "the vault's key alone, and every holder of another key can open it",
            hint: "find who added a key (git log -p -- \(path)); then set the value again "
                + "with `tresor edit \(record.name) --new-value`, which seals it to one key")
    }

    /// A master key in a secret file's text as YAML decodes it (a display name or stamp
    /// written with escapes, `"\x54RESOR-..."`, or split over lines), which a search of the
    /// file's bytes does not see (found by a ninth fresh tester). The hook uses it too.
    static func decodedKeyFinding(_ record: SecretRecord, path: String) -> Finding? {
        decodedKeyFinding([record.displayName, record.created.by, record.updated.by], path: path)
    }

    /// The same for texts of another YAML file (`vault.yaml`'s settings and editors, the
    /// allow-list's entries; found by a tenth fresh tester).
    static func decodedKeyFinding(_ texts: [String], path: String) -> Finding? {
        guard texts.contains(where: { MasterKey.containsMasterKey(Array($0.utf8)) }) else {
            return nil
        }
        return Finding(
            .error, .masterKey, at: .file(path),
            "the file holds a Tresor master key (written with YAML escapes or over lines); it "
                + "must never be committed",
            hint: "take it out of the file; if it was ever pushed, run `tresor rekey` and "
                + "change every value at its source")
    }

    /// The finding for a value not sealed to the vault's key `keyID` (an old or foreign
    /// key), with how to re-seal it; nil when it is sealed to `keyID`. A value still on the
    /// key an unfinished rekey started from (`rekeyFrom`) is a warning. The hook uses it too.
    static func keyFinding(
        _ record: SecretRecord, keyID: KeyID, rekeyFrom: KeyID? = nil, path: String
    ) -> Finding? {
        guard !record.value.isSealed(to: keyID) else { return nil }
        if let rekeyFrom, record.value.isSealed(to: rekeyFrom) {
            return Finding(
                .warning, .envelope, at: .file(path),
                "the value of \(record.name) is still sealed to key \(rekeyFrom), which an "
                    + "unfinished rekey to key \(keyID) is replacing",
                hint: "run `tresor rekey` to finish the rekey")
        }
        let found = record.value.recipients.map(\.text).joined(separator: ", ")
        return Finding(
            .error, .envelope, at: .file(path),
            "the value of \(record.name) is sealed to key \(found), not to the vault's "
                + "key \(keyID)",
            hint: "if vault.yaml's key changed by no rekey you know of, restore vault.yaml "
                + "first (git log -p -- vault.yaml): re-sealing would hand the value to that "
                + "key's holder; else re-seal it with `tresor edit \(record.name) --new-value` "
                + "(a holder of the old master key can read it with `tresor render`)")
    }

    /// Sealing twice never gives the same text, so an identical value was copied, and a
    /// box sealed for another name never opens. Which of the two was copied cannot be told
    /// without the key (the file names sort either way), so the finding names both.
    static func copiedValue(
        _ name: SecretName, from first: SecretName, path: String
    ) -> Finding {
        Finding(
            .error, .envelope, at: .file(path),
            "\(first) and \(name) hold the same sealed value: one was copied from the other "
                + "and will not open (a value is sealed for its own name)",
            hint: "find the copy with `git log -p` on both files (or `tresor render -` with "
                + "the key), then set it again with `tresor edit NAME --new-value`")
    }

    private static func finding(for error: VaultError, path: String) -> Finding {
        if case .file(let fileError) = error { return fileError.finding }
        return Finding(.error, .vaultFile, at: .file(path), error.message, hint: error.hint)
    }
}
