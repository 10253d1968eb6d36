/// The state one check looks at: the index a commit is about to be made from, or one
/// commit of a range. It knows which files changed against the parent, who the author is,
/// and how to read files of both trees, all through git plumbing.
public struct GitSnapshot: Sendable {
    let git: GitProcess
    /// `:` for the index, `ID:` for a commit: what a path is prefixed with to name a file.
    let treeSpec: String
    /// The same for the parent (`HEAD:` or the first parent), nil for a root commit.
    let parentSpec: String?
    /// What the check is about, for messages: `the staged files` or a short commit id.
    public let label: String
    /// The files changed against the parent, in git's order.
    public let changes: [GitChange]
    private let authorSource: @Sendable () throws(GitError) -> GitIdentity

    /// The top folder of the repository that holds `folder`.
    public static func topLevel(of folder: String) throws(GitError) -> String {
        let output = try GitProcess(folder: folder).run(["rev-parse", "--show-toplevel"])
        guard output.status == 0 else {
            if output.status == 128 { throw .notARepository(folder) }
            throw .failed("rev-parse", status: output.status, reason: output.reason)
        }
        return String(decoding: output.stdout, as: UTF8.self).trimmed
    }

    /// The index of the repository at `top` against `HEAD` (all of it before the first
    /// commit). The author is what `git commit` would record. While a merge is being
    /// concluded, only files that differ from both `HEAD` and `MERGE_HEAD` count as changed:
    /// the rest was checked in its own commits.
    public static func index(top: String) throws(GitError) -> GitSnapshot {
        let git = GitProcess(folder: top)
        let diff = ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev"]
        var changes = try GitChange.parse(try git.checked(diff))
        let merge = try git.run(["rev-parse", "-q", "--verify", "MERGE_HEAD"])
        if merge.status == 0 {
            let other = String(decoding: merge.stdout, as: UTF8.self).trimmed
            let theirs = try GitChange.parse(try git.checked(diff + [other]))
            changes = GitChange.common(changes, theirs)
        }
        return GitSnapshot(
            git: git, treeSpec: ":", parentSpec: "HEAD:", label: "the staged files",
            changes: changes
        ) { () throws(GitError) in
            let ident = try git.checked(["var", "GIT_AUTHOR_IDENT"])
            guard let identity = GitIdentity(ident: String(decoding: ident, as: UTF8.self)) else {
                throw .unexpectedOutput("var GIT_AUTHOR_IDENT")
            }
            return identity
        }
    }

    /// The commit `id` against its first parent (everything, for a root commit). For a
    /// merge, only files that differ from every parent count as changed.
    public static func commit(_ id: String, top: String) throws(GitError) -> GitSnapshot {
        let git = GitProcess(folder: top)
        let format = "--format=%an%x00%ae%x00%P"
        let fields = try git.checked(["log", "-1", format, id, "--"]).split(
            separator: 0, omittingEmptySubsequences: false
        ).map { String(decoding: $0, as: UTF8.self).trimmed }
        guard fields.count == 3 else { throw .unexpectedOutput("log") }
        let parents = fields[2].split(separator: " ").map(String.init)
        let diff = ["diff-tree", "-r", "--raw", "-z", "--no-renames", "--no-abbrev"]
        var changes = try GitChange.parse(
            try git.checked(diff + ["--no-commit-id", "--root"] + parents.prefix(1) + [id]))
        for parent in parents.dropFirst() {
            changes = GitChange.common(
                changes, try GitChange.parse(try git.checked(diff + [parent, id])))
        }
        let author = GitIdentity(name: fields[0], email: fields[1])
        return GitSnapshot(
            git: git, treeSpec: id + ":", parentSpec: parents.first.map { $0 + ":" },
            label: "commit " + String(id.prefix(12)), changes: changes
        ) { () throws(GitError) in author }
    }

    /// Who the commit is (or would be) by.
    public func author() throws(GitError) -> GitIdentity { try authorSource() }

    /// Paths of the files of this tree under the folder `prefix` (`vault`), relative to the
    /// top of the repository. Reads the index or the commit's tree, never a blob.
    func files(under prefix: String) throws(GitError) -> [String] {
        let pathspec = ":(literal)" + (prefix.isEmpty ? "." : prefix + "/")
        let arguments =
            treeSpec == ":"
            ? ["ls-files", "-z", "--", pathspec]
            : ["ls-tree", "-r", "-z", "--name-only", String(treeSpec.dropLast()), "--", pathspec]
        let output = try git.checked(arguments)
        return output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads objects (blob ids, `:path`, `REV:path`) in one batch.
    func read(_ names: [String]) throws(GitError) -> [String: [UInt8]] {
        try GitObjectReader(git: git).read(names)
    }
}

extension String {
    /// The string without leading and trailing white space and newlines.
    var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
