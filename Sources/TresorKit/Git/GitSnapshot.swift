/// The state one check looks at: the index a commit is about to be made from, or one
/// commit of a range. It knows which files changed against the parent, who the author is,
/// and how to read files of both trees, all through git plumbing.
public struct GitSnapshot: Sendable {
    let git: GitProcess
    /// The top folder of the repository.
    public let top: String
    /// `:` for the index, `ID:` for a commit: what a path is prefixed with to name a file.
    let treeSpec: String
    /// The same for the parent (`HEAD:` or the first parent), nil for a root commit.
    let parentSpec: String?
    /// The same for a merge's other parents (`ID:` of each, also while one is concluded).
    var otherParentSpecs: [String] = []
    /// The heads (commit ids) of the merge the index concludes: empty for an ordinary
    /// commit, and for a commit of a range.
    public private(set) var mergedHeads: [String] = []
    /// For a merge, the files it changes against its first parent that are not its own
    /// (``changes``): those it leaves as a commit it brings in made them
    /// (``MergeProvenance``).
    public private(set) var incomingChanges: [GitChange] = []
    /// The authors of the commits that made each of ``incomingChanges``, by path.
    public private(set) var incomingAuthors: [String: [GitIdentity]] = [:]
    /// What the check is about, for messages: `the staged files` or a short commit id.
    public let label: String
    /// The files changed against the parent, in git's order.
    public let changes: [GitChange]
    private let authorSource: @Sendable () throws(GitError) -> GitIdentity

    /// The top folder of the repository that holds `folder`.
    public static func topLevel(of folder: String) throws(GitError) -> String {
        try paths(of: folder, ["--show-toplevel"], lines: 1)[0]
    }

    /// True when `folder` lies inside a repository's git directory (`.git`, or one kept
    /// elsewhere with `--separate-git-dir`, a worktree's or a submodule's), where nothing is
    /// committed; false outside any repository.
    public static func isInsideGitDirectory(_ folder: String) -> Bool {
        (try? paths(of: folder, ["--is-inside-git-dir"], lines: 1))?.first == "true"
    }

    /// The output `lines` of `git rev-parse OPTIONS`; a folder outside any repository is
    /// ``GitError/notARepository(_:)``. Git ends each line with a line feed and escapes
    /// none in a path: one line is all the output but its last byte, and more lines that
    /// do not split into `count` are ``GitError/unexpectedOutput(_:)``. Empty lines
    /// count: dropped, a top folder named `r` plus a line feed was taken for `r`, and
    /// the hook checked that repository instead (found by a fresh tester).
    static func paths(
        of folder: String, _ options: [String], lines count: Int
    ) throws(GitError) -> [String] {
        let git = GitProcess(folder: folder)
        let output = try git.run(["rev-parse"] + options)
        guard output.status == 0 else {
            throw refusal(of: folder, output, git: git)
        }
        // A path that is not UTF-8 would be read with U+FFFD for its bytes: another folder.
        guard output.stdout.last == 0x0A, UTF8Check.firstInvalidOffset(output.stdout) == nil
        else { throw .unexpectedOutput("rev-parse") }
        let text = output.stdout.dropLast()
        if count == 1 { return [String(decoding: text, as: UTF8.self)] }
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count == count else { throw .unexpectedOutput("rev-parse") }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Why git would not work in `folder` (`output` is a failed `rev-parse`): outside any
    /// repository, in a bare one (no work tree to check), in one another user owns (git's
    /// `safe.directory`), or git's own words. Each was "not inside a git repository"
    /// (found by a thirty-fifth fresh tester: a root CI container over a checkout it did
    /// not own was told so).
    private static func refusal(
        of folder: String, _ output: GitProcess.Output, git: GitProcess
    ) -> GitError {
        guard output.status == 128 else {
            return .failed("rev-parse", status: output.status, reason: output.reason)
        }
        if let bare = try? git.run(["rev-parse", "--is-bare-repository"]), bare.status == 0,
            bare.stdout.starts(with: Array("true".utf8))
        {
            return .bareRepository(folder)
        }
        // git's words, in English unless the locale translates them.
        let reason = output.reason
        if reason.contains("dubious ownership") || reason.contains("safe.directory") {
            // git names the repository it refuses: `... in repository at '/top'`.
            let named = reason.range(of: "at '").flatMap { open in
                reason.lastIndex(of: "'").map { String(reason[open.upperBound..<$0]) }
            }
            return .unsafeOwnership(named.flatMap { $0.isEmpty ? nil : $0 } ?? folder)
        }
        if reason.contains("not a git repository") { return .notARepository(folder) }
        return .failed("rev-parse", status: output.status, reason: reason)
    }

    /// The index of the repository holding `folder`, found and checked with as few git
    /// processes as possible (the hook runs on every commit): one `rev-parse` for both
    /// paths, or one each when a line break in a name leaves them apart.
    ///
    /// A merge being concluded is told by `MERGE_HEAD`, or, for a merge git makes without
    /// conflicts (its `pre-merge-commit` hook, when `MERGE_HEAD` is not written yet), by
    /// `mergedHeads`: the commits git names in the hook's environment
    /// (``mergedHeads(in:)``).
    public static func index(
        in folder: String, mergedHeads: [String] = []
    ) throws(GitError) -> GitSnapshot {
        let merge = ["--git-path", "MERGE_HEAD"]
        let found: [String]
        do {
            found = try paths(of: folder, ["--show-toplevel"] + merge, lines: 2)
        } catch .unexpectedOutput {
            found = [try topLevel(of: folder), try paths(of: folder, merge, lines: 1)[0]]
        }
        let mergeHead = found[1].isAbsolutePath ? found[1] : folder + "/" + found[1]
        return try index(top: found[0], merging: try heads(in: mergeHead) ?? mergedHeads)
    }

    /// The commit ids `MERGE_HEAD` lists, one a line (several for an octopus merge; the
    /// name `MERGE_HEAD` alone means the first: found by a fortieth fresh tester); nil
    /// when there is no such file.
    private static func heads(in mergeHead: String) throws(GitError) -> [String]? {
        guard FileReader.exists(mergeHead) else { return nil }
        guard let bytes = try? FileReader.read(mergeHead, limit: 1 << 20) else {
            throw .unexpectedOutput("MERGE_HEAD")
        }
        let heads = bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        guard !heads.isEmpty, heads.allSatisfy(isCommitID) else {
            throw .unexpectedOutput("MERGE_HEAD")
        }
        return heads
    }

    /// True for a full commit id: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.
    static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The commits a merge without conflicts brings in, as git hands them to its
    /// `pre-merge-commit` hook: one variable `GITHEAD_<commit id>` for each (set for the
    /// merge strategies' labels since git 1.6; `MERGE_HEAD` is written only after the
    /// hook). Empty outside a merge.
    // Limitation: a merge git concludes without these variables is checked as a plain
    // commit, every file it changes by the merger (README, Known limitations).
    public static func mergedHeads(in variables: [String: String]) -> [String] {
        let prefix = "GITHEAD_"
        return variables.keys.compactMap { name -> String? in
            guard name.hasPrefix(prefix) else { return nil }
            let id = String(name.dropFirst(prefix.count))
            return isCommitID(id) ? id : nil
        }.sorted()
    }

    /// The index of the repository at `top` against `HEAD` (all of it before the first
    /// commit). The author is what `git commit` would record. While a merge of `heads`
    /// (commit ids) is being concluded, only its own changes count (``MergeProvenance``):
    /// the rest was checked in the commits that made them.
    static func index(top: String, merging heads: [String] = []) throws(GitError) -> GitSnapshot {
        let git = GitProcess(folder: top)
        let diff = ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev"]
        var changes = try GitChange.parse(try git.checked(diff))
        var incoming: [GitChange] = []
        var authors: [String: [GitIdentity]] = [:]
        if !heads.isEmpty {
            (changes, incoming, authors) = try splitMerge(
                changes, bringingIn: heads + ["^HEAD"], sides: heads.map { diff + [$0] },
                git: git)
        }
        var snapshot = GitSnapshot(
            git: git, top: top, treeSpec: ":", parentSpec: "HEAD:", label: "the staged files",
            changes: changes
        ) { () throws(GitError) in
            let ident = try git.checked(["var", "GIT_AUTHOR_IDENT"])
            guard let identity = GitIdentity(ident: String(decoding: ident, as: UTF8.self)) else {
                throw .unexpectedOutput("var GIT_AUTHOR_IDENT")
            }
            return identity
        }
        snapshot.mergedHeads = heads
        snapshot.incomingChanges = incoming
        snapshot.incomingAuthors = authors
        snapshot.otherParentSpecs = heads.map { $0 + ":" }
        return snapshot
    }

    /// The commit `id` against its first parent (everything, for a root commit). For a
    /// merge, only its own changes count (``MergeProvenance``).
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
        var incoming: [GitChange] = []
        var authors: [String: [GitIdentity]] = [:]
        if parents.count > 1 {
            (changes, incoming, authors) = try splitMerge(
                changes, bringingIn: parents.dropFirst() + ["^" + parents[0]],
                sides: parents.dropFirst().map { diff + [$0, id] }, git: git)
        }
        let author = GitIdentity(name: fields[0], email: fields[1])
        var snapshot = GitSnapshot(
            git: git, top: top, treeSpec: id + ":", parentSpec: parents.first.map { $0 + ":" },
            label: "commit " + String(id.prefix(12)), changes: changes
        ) { () throws(GitError) in author }
        snapshot.otherParentSpecs = parents.dropFirst().map { $0 + ":" }
        snapshot.incomingChanges = incoming
        snapshot.incomingAuthors = authors
        return snapshot
    }

    /// A merge's `changes` against its first parent split into its own and those it brings
    /// in (``MergeProvenance``): `revisions` name the commits it brings in for `git log`,
    /// `sides` the git commands listing its changes against each other side.
    private static func splitMerge(
        _ changes: [GitChange], bringingIn revisions: [String], sides: [[String]],
        git: GitProcess
    ) throws(GitError) -> (
        own: [GitChange], incoming: [GitChange], authors: [String: [GitIdentity]]
    ) {
        let provenance = try MergeProvenance(revisions: revisions, git: git)
        let others = try sides.map { (side) throws(GitError) in
            try GitChange.parse(try git.checked(side))
        }
        return provenance.split(changes, others: others)
    }

    /// Who the commit is (or would be) by.
    public func author() throws(GitError) -> GitIdentity { try authorSource() }

    /// Paths of the files of this tree under the folder `prefix` (`vault`), relative to the
    /// top of the repository. Reads the index or the commit's tree, never a blob.
    func files(under prefix: String) throws(GitError) -> [String] {
        let pathspec = Self.folderPathspec(prefix)
        let arguments =
            treeSpec == ":"
            ? ["ls-files", "-z", "--", pathspec]
            : ["ls-tree", "-r", "-z", "--name-only", String(treeSpec.dropLast()), "--", pathspec]
        let output = try git.checked(arguments)
        return output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The files under the folder `prefix` in this tree with a line that matches the
    /// extended regular expression `pattern` as a whole line: one `git grep -l`.
    func files(matchingLine pattern: String, under prefix: String) throws(GitError) -> Set<String> {
        let pathspec = Self.folderPathspec(prefix)
        var arguments = [
            "grep", "-l", "-z", "-E", "--full-name", "--no-color", "--threads=1", "-e",
            "^(" + pattern + ")$",
        ]
        arguments += treeSpec == ":" ? ["--cached"] : [String(treeSpec.dropLast())]
        let output = try git.run(arguments + ["--", pathspec])
        guard output.status == 0 || output.status == 1 else {
            throw .failed("grep", status: output.status, reason: output.reason)
        }
        return Set(output.stdout.split(separator: 0).map(pathInTree))
    }

    /// The pathspec of everything under the folder `prefix` (the whole tree when empty),
    /// taken literally.
    static func folderPathspec(_ prefix: String) -> String {
        ":(literal)" + (prefix.isEmpty ? "." : prefix + "/")
    }

    /// A path `git grep` printed for this tree, without the `ID:` it puts before it for a
    /// commit; compared byte by byte, as a name may start with a combining mark (see
    /// `PathNames.swift`).
    private func pathInTree(_ name: some Collection<UInt8>) -> String {
        let tree = treeSpec == ":" ? "" : treeSpec
        let path = name.starts(with: tree.utf8) ? name.dropFirst(tree.utf8.count) : name[...]
        return String(decoding: path, as: UTF8.self)
    }

    /// The files under the folder `prefix` in this tree that hold each of `texts` (fixed
    /// strings, one line each), by text: one `git grep`, the patterns on its standard input.
    func files(
        holding texts: [String], under prefix: String
    ) throws(GitError) -> [String: Set<String>] {
        guard !texts.isEmpty else { return [:] }
        let pathspec = Self.folderPathspec(prefix)
        // Explicit output options, so no grep.* setting of the user's changes the format.
        var arguments = [
            "grep", "-F", "-z", "-o", "--full-name", "--no-line-number", "--no-column",
            "--no-color", "-f", "-",
            // One thread: a vault of loose objects is read twice as fast as with git's
            // default threads on 2 cores; packed, the same.
            "--threads=1",
        ]
        arguments += treeSpec == ":" ? ["--cached"] : [String(treeSpec.dropLast())]
        let output = try git.run(
            arguments + ["--", pathspec], input: Array(texts.joined(separator: "\n").utf8) + [0x0A])
        // Status 1: nothing matched.
        guard output.status == 0 || output.status == 1 else {
            throw .failed("grep", status: output.status, reason: output.reason)
        }
        var found: [String: Set<String>] = [:]
        for line in output.stdout.split(separator: 0x0A) {
            guard let nul = line.firstIndex(of: 0) else { continue }
            let path = pathInTree(line[..<nul])
            found[String(decoding: line[(nul + 1)...], as: UTF8.self), default: []].insert(path)
        }
        return found
    }

    /// What the symbolic link at `path` in this tree points to, as written, or nil when the
    /// entry there is no link. Reads the index's or the commit's entry, then the link's
    /// blob: two git processes, for a caller that has reason to ask.
    func linkTarget(of path: String) throws(GitError) -> String? {
        let pathspec = ":(literal)" + path
        let arguments =
            treeSpec == ":"
            ? ["ls-files", "-s", "-z", "--", pathspec]
            : ["ls-tree", "-z", String(treeSpec.dropLast()), "--", pathspec]
        let output = try git.checked(arguments)
        // One record, `MODE ... \tPATH`, for the path itself: a folder lists its files.
        guard let record = output.split(separator: 0).first,
            let tab = record.firstIndex(of: UInt8(ascii: "\t")),
            record.starts(with: Array("120000 ".utf8)),
            record[(tab + 1)...].elementsEqual(path.utf8)
        else { return nil }
        return try read([treeSpec + path])[treeSpec + path].map {
            String(decoding: $0, as: UTF8.self)
        }
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
