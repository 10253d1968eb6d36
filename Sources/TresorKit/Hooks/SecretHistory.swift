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
    /// in `vaultFolder`. Each commit is compared with its first parent, not with the commit
    /// listed before it: in branched history those differ (a second fresh tester found a
    /// commit credited with a change a merged branch made). A commit whose parents a
    /// shallow clone lacks says so instead of claiming to create the secret, and a version
    /// after one that does not read as a secret file says it reads again.
    public static func entries(
        for name: SecretName, vaultFolder: String, top: String
    ) throws(GitError) -> [Entry] {
        let git = GitProcess(folder: top)
        // Before the first commit there is no history, and `git log` fails with git's own
        // words (found by a fresh tester).
        guard try git.run(["rev-parse", "--verify", "--quiet", "HEAD"]).status == 0 else {
            return []
        }
        let path = RepositoryPath.join(vaultFolder, name.text + ".yaml")
        let log = try git.checked([
            // Every commit that touched the file: git's default history simplification
            // drops one side of a merge (a fourth fresh tester found a value change left
            // out).
            "log", "--reverse", "--full-history", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI",
            "--", ":(literal)" + path,
        ])
        let commits = log.split(separator: 0x0A).map {
            $0.split(separator: 0x1F, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }.filter { $0.count == 5 }
        let parents = commits.map { $0[1].split(separator: " ").first.map(String.init) }
        let specs = (commits.map(\.[0]) + parents.compactMap { $0 }).map { $0 + ":" + path }
        let files = try GitObjectReader(git: git).read(Array(Set(specs)))
        let boundary = try shallowCommits(git)
        func record(at commit: String?) -> SecretRecord? {
            commit.flatMap { files[$0 + ":" + path] }.flatMap {
                try? SecretRecord(yaml: $0, path: path, fileName: name.text)
            }
        }
        return zip(commits, parents).compactMap { fields, parent in
            let bytes = files[fields[0] + ":" + path]
            // A merge that kept its first parent's file changed nothing on that side.
            if let parent, bytes == files[parent + ":" + path] { return nil }
            var changes = changes(
                from: record(at: parent), to: record(at: fields[0]), present: bytes != nil,
                previouslyPresent: parent.map { files[$0 + ":" + path] != nil } ?? false)
            if parent == nil, boundary.contains(fields[0]) {
                // What the file holds there, not that it was created (found by a fifth
                // fresh tester).
                changes =
                    ["the history before this commit is not in this clone (a shallow clone)"]
                    + (record(at: fields[0]).map {
                        ["here: \($0.type.rawValue), \"\($0.displayName)\""]
                    } ?? [])
            }
            return Entry(
                commit: fields[0], author: GitIdentity(name: fields[2], email: fields[3]),
                date: fields[4], changes: changes)
        }
    }

    /// The commits whose parents a shallow clone lacks; none in a full clone.
    private static func shallowCommits(_ git: GitProcess) throws(GitError) -> Set<String> {
        let file = try git.checked(["rev-parse", "--git-path", "shallow"])
        let path = String(decoding: file, as: UTF8.self).trimmingCharacters(in: .newlines)
        let absolute = path.isAbsolutePath ? path : git.folder + "/" + path
        guard let bytes = try? FileReader.read(absolute, limit: 1 << 24) else { return [] }
        return Set(bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) })
    }

    /// What changed from `old` to `new` (nil where the file does not read as a secret
    /// file); `present` and `previouslyPresent` say whether the file is there at all.
    static func changes(
        from old: SecretRecord?, to new: SecretRecord?, present: Bool,
        previouslyPresent: Bool = false
    ) -> [String] {
        guard present else { return ["deleted"] }
        guard let new else { return ["the file does not read as a secret file"] }
        guard let old else {
            let holds = "(\(new.type.rawValue), \"\(new.displayName)\")"
            // After a version that does not read, not a creation (found by a fresh tester).
            guard !previouslyPresent else { return ["reads as a secret file again " + holds] }
            return ["created " + holds] + keyChange(from: [], to: new.value.recipients)
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
