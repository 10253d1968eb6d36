/// What the commit checks found in one snapshot (the index, or one commit).
public struct CommitReport: Sendable {
    /// `the staged files` or `commit 1a2b3c4d5e6f`.
    public var label: String
    /// Findings still reported after the allow-list, sorted by file and position.
    public var findings: [CommitFinding]
    /// Findings an allow-list entry silenced; counted in the summary, so they stay visible.
    public var silenced: [CommitFinding]
    /// How many changed files were read.
    public var checkedFiles: Int
    /// How many files the change deletes (nothing to read; a deleted secret's use is
    /// checked by `validate`).
    public var deletedFiles = 0

    /// The number of findings that block the commit.
    public var errorCount: Int { findings.filter(\.isError).count }

    /// True when nothing blocks the commit.
    public var isClean: Bool { errorCount == 0 }

    /// `2 errors, 1 other finding, 1 allowed (3 files checked)`; `(1 file deleted, 0
    /// checked)` for a change that only deletes (it read "(0 files checked)"; found by a
    /// sixth fresh tester).
    public var summary: String {
        let errors = errorCount
        let others = findings.count - errors
        var text = "\(errors) error\(errors == 1 ? "" : "s"), \(others) other finding"
        text += others == 1 ? "" : "s"
        if !silenced.isEmpty { text += ", \(silenced.count) allowed by \(AllowList.fileName)" }
        guard deletedFiles > 0 else {
            return text + " (\(checkedFiles) file\(checkedFiles == 1 ? "" : "s") checked)"
        }
        let deleted = "\(deletedFiles) file\(deletedFiles == 1 ? "" : "s") deleted"
        return text + " (\(deleted), \(checkedFiles) checked)"
    }
}
