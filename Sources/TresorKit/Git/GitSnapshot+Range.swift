/// The commits `verify` walks.
extension GitSnapshot {
    /// The range used when none is given: the commits not yet on the upstream branch.
    public static let defaultRange = "@{upstream}..HEAD"

    /// The commit ids of `range` (anything `git rev-list` takes as one argument: `A..B`,
    /// `A...B`, a single revision for all its history), oldest first.
    // Limitation: each commit is judged against its first parent, so a fast-forward to a
    // merge of the checked branch into a side branch is judged against the side (README,
    // Known limitations).
    public static func commits(in range: String, top: String) throws(GitError) -> [String] {
        guard !range.hasPrefix("-") else { throw .unknownRevision(range) }
        let output = try GitProcess(folder: top).run(["rev-list", "--reverse", range, "--"])
        guard output.status == 0 else {
            if range == defaultRange {
                // A detached HEAD (a CI checkout) has no branch, so no upstream either.
                let branch = try GitProcess(folder: top).run(["symbolic-ref", "-q", "HEAD"])
                throw branch.status == 1 ? .detachedHead : .noUpstream
            }
            throw .unknownRevision(range)
        }
        return try checkedHistory(output.stdout, top: top)
    }

    /// The commits the merge of `heads` (``mergedHeads``) into `HEAD` brings in, oldest
    /// first: those `HEAD` does not reach. Each was made somewhere no hook of this
    /// repository ran, so the hook checks them as `verify` does.
    public static func commits(mergedFrom heads: [String], top: String) throws(GitError)
        -> [String]
    {
        let arguments = ["rev-list", "--reverse"] + heads + ["^HEAD", "--"]
        return try checkedHistory(try GitProcess(folder: top).checked(arguments), top: top)
    }

    /// The commit ids of `rev-list`'s output, once the history they come from is whole.
    private static func checkedHistory(_ output: [UInt8], top: String) throws(GitError)
        -> [String]
    {
        let commits = output.split(separator: 0x0A).map {
            String(decoding: $0, as: UTF8.self)
        }
        // A commit whose parents a shallow clone left out looked like a first commit, and a
        // first vault.yaml may name any key: a swap passed `verify` in CI's default
        // depth-1 checkout (found by a thirty-first fresh tester).
        let shallow = try lines(ofGitFile: "shallow", top: top)
        if let edge = commits.first(where: shallow.contains) { throw .shallowHistory(edge) }
        // Grafts give commits other parents as replacement refs do (which GitProcess turns
        // off); git still reads them (found by a thirty-second fresh tester).
        if !(try lines(ofGitFile: "info/grafts", top: top)).isEmpty { throw .graftedHistory }
        return commits
    }

    /// The lines of the file `name` of the repository's git folder (`shallow`: the commits
    /// at the edge of a shallow clone); none when it does not exist.
    static func lines(ofGitFile name: String, top: String) throws(GitError) -> Set<String> {
        let git = GitProcess(folder: top)
        let path = try git.checked(["rev-parse", "--git-path", name])
        let relative = String(decoding: path, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let file = relative.hasPrefix("/") ? relative : top + "/" + relative
        guard let bytes = try? FileReader.read(file, limit: 64 << 20) else { return [] }
        return Set(
            bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
                .filter { !$0.hasPrefix("#") && !$0.isEmpty })
    }
}
