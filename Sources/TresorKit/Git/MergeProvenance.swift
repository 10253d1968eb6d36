/// Which of a merge's changes against its first parent it brings in, and which are its own.
///
/// A file the merge leaves as a commit it brings in made it (one a side adds and the first
/// parent does not reach) was checked in that commit, with that commit's author; any other
/// change is the merge's own, checked with the merger as author: a conflict resolution, a
/// file both sides changed, and a side's older version taken back. Deciding by "differs
/// from every side" alone passed a credential the first parent had removed, taken back from
/// a side that still had it, and one merge base did not tell an octopus or a criss-cross
/// merge apart (found by the fortieth and forty-first fresh testers).
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
    /// the commits that made each one brought in, by path.
    func split(_ changes: [GitChange]) -> (
        own: [GitChange], incoming: [GitChange], authors: [String: [GitIdentity]]
    ) {
        var split: (own: [GitChange], incoming: [GitChange], authors: [String: [GitIdentity]]) =
            ([], [], [:])
        for change in changes {
            let result = Self.result(of: change)
            let makers = (made[BytesKey(Array(change.path.utf8))] ?? []).filter {
                $0.result == result
            }
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
