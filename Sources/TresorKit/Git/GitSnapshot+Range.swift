/// The commits `verify` walks.
extension GitSnapshot {
    /// The range used when none is given: the commits not yet on the upstream branch.
    public static let defaultRange = "@{upstream}..HEAD"

    /// The commit ids of `range` (anything `git rev-list` takes as one argument: `A..B`,
    /// `A...B`, a single revision for all its history), oldest first.
    public static func commits(in range: String, top: String) throws(GitError) -> [String] {
        guard !range.hasPrefix("-") else { throw .unknownRevision(range) }
        let output = try GitProcess(folder: top).run(["rev-list", "--reverse", range, "--"])
        guard output.status == 0 else {
            if range == defaultRange { throw .noUpstream }
            throw .unknownRevision(range)
        }
        return output.stdout.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }
}
