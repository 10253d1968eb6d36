/// Who changed the vault: each changed secret file's `updated.by` must name the commit's
/// author, and `created` must not change; when `vault.yaml` lists `editors`, the author
/// must be on the list in force before the change.
///
/// Why not also require `updated.at` to change: stamps have seconds precision, so two
/// edits by `tresor` within a second legitimately leave it equal.
extension VaultChanges {
    mutating func authorshipFindings() throws -> [CommitFinding] {
        let changed = changes
        guard !changed.isEmpty else { return [] }
        let author = try snapshot.author()
        var findings: [Finding] = []
        if let refusal = editorRefusal(author, at: changed[0].path) { findings.append(refusal) }
        for change in changed {
            guard let record = records[change.path] else { continue }
            findings += stampFindings(record, change: change, author: author)
        }
        return findings.map { CommitFinding($0) }
    }

    /// For a merge: the secret files it brings in from another side change the vault of
    /// its first parent, whose editors list is in force for them too: each file's
    /// `updated.by` must be on it. A branch made before the list (or by someone since taken
    /// off it) brought a change of anyone into `main`, each of its commits judged by its
    /// own parent, which had no list (found by a fortieth fresh tester). The merger need
    /// not be on it: merging `main` into a branch brings in the editors' own changes.
    func incomingEditorFindings() -> [CommitFinding] {
        let incoming = snapshot.incomingChanges.filter { check.isSecretFile($0.path) }
        let config = snapshot.incomingChanges.first { $0.path.isSamePath(as: check.configPath) }
        guard !incoming.isEmpty || config != nil, let parentConfig,
            !parentConfig.editors.isEmpty
        else { return [] }
        let list = EditorList(parentConfig.editors)
        var findings: [Finding] = []
        // vault.yaml brought in (its editors list, its settings) is a change to the vault
        // too: someone taken off the list put themselves back through a merge (found by a
        // forty-third fresh tester).
        if let config, !(snapshot.incomingAuthors[config.path] ?? []).contains(where: list.allows) {
            let who = (snapshot.incomingAuthors[config.path] ?? []).map(\.description)
            findings.append(
                Finding(
                    .error, .editors, at: .file(config.path),
                    "the merge brings in a change of \(check.configPath) by "
                        + "\(who.joined(separator: ", ")), whom its editors list does not name "
                        + "(\(list.summary))",
                    hint: "ask someone on the list to make the change on the branch merged "
                        + "into, or leave it out of the merge"))
        }
        for change in incoming {
            // The authors of the commits that made the change: a deletion has no stamp, and
            // an editor listed by name stamps an email (found by a forty-first fresh
            // tester: both were missed or refused).
            let makers = snapshot.incomingAuthors[change.path] ?? []
            let name = RepositoryPath.stem(change.path)
            guard let blob = change.newBlob else {
                guard !makers.contains(where: list.allows) else { continue }
                let who = makers.map(\.description).joined(separator: ", ")
                findings.append(
                    Finding(
                        .error, .editors, at: .file(change.path),
                        "the merge brings in the deletion of \(name) by \(who), whom the "
                            + "editors list of \(check.configPath) does not name "
                            + "(\(list.summary))",
                        hint: "ask someone on the list to delete it on the branch merged "
                            + "into, or leave the deletion out of the merge"))
                continue
            }
            // One that does not read was reported in the commit that made it.
            guard let bytes = contents.blobs[blob],
                let record = try? SecretRecord(yaml: bytes, path: change.path, fileName: name)
            else { continue }
            let by = record.updated.by
            let person =
                by.contains("@")
                ? GitIdentity(name: "", email: by) : GitIdentity(name: by, email: "")
            let byMaker = makers.contains { $0.isNamed(by: by) && list.allows($0) }
            guard !list.allows(person), !byMaker else { continue }
            findings.append(
                Finding(
                    .error, .editors,
                    at: SourceLocation(
                        path: change.path, line: Self.line(of: "updated:", in: bytes), column: 1),
                    "the merge brings in a change of \(record.name) by \"\(by)\", whom the "
                        + "editors list of \(check.configPath) does not name (\(list.summary))",
                    hint: "ask someone on the list to make the change on the branch merged "
                        + "into, or leave this secret's change out of the merge"))
        }
        return findings.map { CommitFinding($0) }
    }

    /// The list in force: the parent's `vault.yaml` when it has one, else this snapshot's.
    private func editorRefusal(_ author: GitIdentity, at path: String) -> Finding? {
        guard let list = (parentConfig ?? config).map({ EditorList($0.editors) }),
            !list.allows(author)
        else { return nil }
        return Finding(
            .error, .editors, at: .file(path),
            "\(author) may not change secrets: the editors list of \(check.configPath) "
                + "names \(list.summary)",
            hint: "ask someone on the list to make the change, or to add you to editors")
    }

    private func stampFindings(
        _ record: SecretRecord, change: GitChange, author: GitIdentity
    ) -> [Finding] {
        let path = change.path
        var findings: [Finding] = []
        let bytes = change.newBlob.flatMap { contents.blobs[$0] } ?? []
        let updated = Self.line(of: "updated:", in: bytes)
        if !author.isNamed(by: record.updated.by) {
            findings.append(
                Finding(
                    .error, .auditAuthor, at: SourceLocation(path: path, line: updated, column: 1),
                    "updated.by of \(record.name) is \"\(record.updated.by)\", but the commit's "
                        + "author is \(author)",
                    hint: Self.stampHint(author)))
        }
        guard let previous = oldRecords[path] else { return findings }
        // Limitation: deleting a secret and creating it again in one commit changes
        // `created` and is blocked (README, Known limitations). An exemption for it (new
        // stamps by the author, a new box) let two fresh testers in a row take over
        // `created`: last with a box the secret held in an earlier version.
        if previous.created != record.created {
            let line = Self.line(of: "created:", in: bytes)
            findings.append(
                Finding(
                    .error, .auditStamp, at: SourceLocation(path: path, line: line, column: 1),
                    "the created stamp of \(record.name) changed",
                    hint: "created records who made the secret and never changes: to replace "
                        + "a secret with a new one of the same name, commit its `tresor delete` "
                        + "first, then `tresor create` it in a second commit; otherwise take "
                        + "the file back with `git checkout HEAD -- \(path)` and change it "
                        + "with `tresor edit`"))
        }
        return findings
    }

    /// How to make `updated.by` name `author`; an author holding a control character,
    /// which no stamp may hold, must change first (the hint asked for a stamp the reader
    /// refuses; found by a thirty-eighth fresh tester).
    static func stampHint(_ author: GitIdentity) -> String {
        let stamp = author.email.isEmpty ? author.name : author.email
        guard !stamp.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            return "the commit's author holds a control character, which updated.by cannot "
                + "hold: set git's user.email (or GIT_AUTHOR_EMAIL) without it, then make the "
                + "change with `tresor edit`"
        }
        // A command that runs: `tresor edit` alone is "nothing to change" (found by a
        // forty-eighth fresh tester).
        return "make the change as yourself (`tresor edit NAME --new-value`, or a new "
            + "--display-name), or set updated.by to \(stamp)"
    }

    /// The 1-based line that starts with `prefix`, else 1.
    static func line(of prefix: String, in bytes: [UInt8]) -> Int {
        let key = Array(prefix.utf8)
        var line = 1
        var start = 0
        while start < bytes.count {
            if bytes[start...].starts(with: key) { return line }
            start = (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count) + 1
            line += 1
        }
        return 1
    }
}
