/// Which of a merge's changes against its first parent it brings in, and which are its own.
///
/// A file the merge leaves as another side has it, where a commit the merge brings in (one
/// the first parent does not reach) made it so, was checked in that commit, with that
/// commit's author; any other change is the merge's own, checked with the merger as
/// author: a conflict resolution, a version no side has, a side's version no brought-in
/// commit made (taken back from history the first parent reaches), and an older version of
/// a side's file. Each half alone let changes through: "as a side has it" passed a
/// credential the first parent had removed, taken back from a side that still had it (the
/// fortieth and forty-first fresh testers), and "a brought-in commit made it" passed a
/// version a side had since replaced: a value sealed to the old key after a rekey, a
/// rollback by someone off the editors list, a deletion (the forty-second).
///
/// What the commits made is read in one `git log`: each commit's changes against its
/// parent, and for a merge among them only what it made itself (dense combined diff: the
/// files that differ from all its parents), so a version a merge brought over is no
/// proof.
struct MergeProvenance {
    /// For each path (as its bytes), what the commits made of it and who made it.
    private var made: [BytesKey: [(result: String, author: GitIdentity)]] = [:]

    /// What the commits `revisions` (`git log` arguments: the merged heads and `^HEAD`, or
    /// a merge's other parents and `^` its first) made.
    init(revisions: [String], git: GitProcess) throws(GitError) {
        let output = try git.checked(
            [
                "log", "--format=%x01%an%x00%ae", "--raw", "-z", "--no-abbrev", "--no-renames",
                "--diff-merges=dense-combined",
            ] + revisions + ["--"])
        for commit in output.split(separator: 0x01) {
            var fields = commit.split(separator: 0, omittingEmptySubsequences: false)[...]
            guard let name = fields.popFirst(), let email = fields.popFirst() else {
                throw .unexpectedOutput("log --raw")
            }
            let author = GitIdentity(
                name: String(decoding: name, as: UTF8.self),
                email: String(decoding: email, as: UTF8.self))
            while var head = fields.popFirst() {
                while head.first == 0x0A { head = head.dropFirst() }
                guard head.first == UInt8(ascii: ":") else { continue }
                guard let path = fields.popFirst(), let result = Self.result(ofRecord: head) else {
                    throw .unexpectedOutput("log --raw")
                }
                made[BytesKey(Array(String(decoding: path, as: UTF8.self).utf8)), default: []]
                    .append((result, author))
            }
        }
    }

    /// `changes` split into the merge's own and those it brings in, with the authors of
    /// the commits that made each one brought in, by path. `others` are the merge's
    /// changes against each other side: a path missing there is as that side has it.
    func split(_ changes: [GitChange], others: [[GitChange]]) -> (
        own: [GitChange], incoming: [GitChange], authors: [String: [GitIdentity]]
    ) {
        let key = { (change: GitChange) in BytesKey(Array(change.path.utf8)) }
        let otherSides = others.map { Set($0.map(key)) }
        var split: (own: [GitChange], incoming: [GitChange], authors: [String: [GitIdentity]]) =
            ([], [], [:])
        for change in changes {
            let path = key(change)
            let result = Self.result(of: change)
            let asASideHasIt = otherSides.contains { !$0.contains(path) }
            let makers =
                asASideHasIt ? (made[path] ?? []).filter { $0.result == result } : []
            if makers.isEmpty {
                split.own.append(change)
            } else {
                split.incoming.append(change)
                split.authors[change.path] = makers.map(\.author)
            }
        }
        return split
    }

    /// What a change leaves, comparable with a raw record's: the blob and whether it is a
    /// link, or `-` for nothing readable (deleted, a submodule).
    static func result(of change: GitChange) -> String {
        change.newBlob.map { (change.isLink ? "l" : "f") + $0 } ?? "-"
    }

    /// The same for a raw record `:<modes> <ids> <status>`, with one colon per parent: the
    /// last mode and id are the result's.
    private static func result(ofRecord record: ArraySlice<UInt8>) -> String? {
        let parents = record.prefix { $0 == UInt8(ascii: ":") }.count
        let parts = record.dropFirst(parents).split(separator: 0x20).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard parts.count == 2 * (parents + 1) + 1 else { return nil }
        let mode = parts[parents]
        let id = parts[2 * parents + 1]
        guard let blob = GitChange.blob(id, mode: mode) else { return "-" }
        return (mode == "120000" ? "l" : "f") + blob
    }
}
