/// A secret's history from git: for each commit that touched its file, who and when, and
/// what changed: created, display name, type, value (as "changed", never the value), key
/// ids, deleted. Reads `git log` for the file and the file at each commit in one batch.
public enum SecretHistory {
    /// One commit in a secret's history.
    public struct Entry: Sendable, Hashable {
        public var commit: String
        public var author: GitIdentity
        /// The author date, ISO 8601.
        public var date: String
        /// What changed, in words: `created (password, "FTP password")`, `value changed`.
        public var changes: [String]
    }

    /// The history of `name`, oldest first, from the repository at `top` whose vault is
    /// in `vaultFolder`.
    public static func entries(
        for name: SecretName, vaultFolder: String, top: String
    ) throws(GitError) -> [Entry] {
        let git = GitProcess(folder: top)
        let path = RepositoryPath.join(vaultFolder, name.text + ".yaml")
        let log = try git.checked([
            "log", "--reverse", "--format=%H%x1f%an%x1f%ae%x1f%aI", "--", ":(literal)" + path,
        ])
        let commits = log.split(separator: 0x0A).map {
            $0.split(separator: 0x1F, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }.filter { $0.count == 4 }
        let files = try GitObjectReader(git: git).read(commits.map { $0[0] + ":" + path })
        var previous: SecretRecord?
        var entries: [Entry] = []
        for fields in commits {
            let bytes = files[fields[0] + ":" + path]
            let record = bytes.flatMap {
                try? SecretRecord(yaml: $0, path: path, fileName: name.text)
            }
            entries.append(
                Entry(
                    commit: fields[0], author: GitIdentity(name: fields[1], email: fields[2]),
                    date: fields[3],
                    changes: changes(from: previous, to: record, present: bytes != nil)))
            previous = record
        }
        return entries
    }

    static func changes(from old: SecretRecord?, to new: SecretRecord?, present: Bool) -> [String] {
        guard present else { return ["deleted"] }
        guard let new else { return ["the file does not read as a secret file"] }
        guard let old else {
            return ["created (\(new.type.rawValue), \"\(new.displayName)\")"]
                + keyChange(from: [], to: new.value.recipients)
        }
        var changes: [String] = []
        if old.displayName != new.displayName {
            changes.append("display name \"\(old.displayName)\" -> \"\(new.displayName)\"")
        }
        if old.type != new.type {
            changes.append("type \(old.type.rawValue) -> \(new.type.rawValue)")
        }
        // Sealed to another key, the box changes whether the value did or not (a rekey
        // keeps it), and only the key could tell: say what is known (it said "value
        // changed" after every rekey; found by a fresh tester).
        if old.value.recipients != new.value.recipients {
            changes += keyChange(from: old.value.recipients, to: new.value.recipients)
                .map { "re-" + $0 + " (as a rekey does; the value may be the same)" }
        } else if old.value != new.value {
            changes.append("value changed")
        }
        if old.updated.by != new.updated.by || changes.isEmpty {
            changes.append("stamped by \(new.updated.by)")
        }
        return changes
    }

    private static func keyChange(from old: [KeyID], to new: [KeyID]) -> [String] {
        guard old != new else { return [] }
        return ["sealed to " + new.map(\.text).joined(separator: ", ")]
    }
}
