/// A `git` command that could not run or did not succeed.
///
/// Messages name the git subcommand and git's own first line of complaint; they never hold
/// file contents (blobs are read through pipes and never echoed).
public enum GitError: TresorError, Equatable {
    /// `git` could not be started (not installed, not on `PATH`).
    case notFound
    /// The folder is not inside a git work tree.
    case notARepository(String)
    /// The folder is in a bare repository, which has no work tree to check.
    case bareRepository(String)
    /// git refuses the repository: another user owns it (git's `safe.directory`).
    case unsafeOwnership(String)
    /// `git SUBCOMMAND` ended with a non-zero status; the text is git's first error line.
    case failed(String, status: Int32, reason: String)
    /// git's output was not in the form asked for.
    case unexpectedOutput(String)
    /// A revision or range that git does not know.
    case unknownRevision(String)
    /// No range was given and the current branch has no upstream to compare with.
    case noUpstream
    /// No range was given and HEAD is detached: there is no branch, so no upstream.
    case detachedHead
    /// A commit of the range is at the edge of a shallow clone: its parents are not there.
    case shallowHistory(String)
    /// The repository has grafts (`info/grafts`), which give commits other parents.
    case graftedHistory

    public var message: String {
        switch self {
        case .notFound: "git could not be started"
        case .notARepository(let folder): "\(folder) is not inside a git repository"
        case .bareRepository(let folder):
            "\(folder) is in a bare repository: Tresor checks a work tree, where the vault's "
                + "settings and the process folder are"
        case .unsafeOwnership(let folder):
            "git refuses the repository holding \(folder): another user owns it (git's "
                + "safe.directory check)"
        case .failed(let command, let status, let reason):
            "git \(command) failed (status \(status))" + (reason.isEmpty ? "" : ": \(reason)")
        case .unexpectedOutput(let command): "git \(command) printed something unexpected"
        case .unknownRevision(let revision): "unknown revision or range \(revision)"
        case .noUpstream: "the current branch has no upstream branch to compare with"
        case .detachedHead:
            "HEAD is detached (as in a CI checkout), so there is no branch upstream to compare "
                + "with"
        case .graftedHistory:
            "the repository has grafts (info/grafts), which give commits other parents than "
                + "their own, so changes cannot be checked against their parents"
        case .shallowHistory(let commit):
            "the history is shallow: the parents of commit \(commit.prefix(12)) are not "
                + "fetched, so its changes cannot be checked against them"
        }
    }

    public var hint: String? {
        switch self {
        case .notFound: "install git, or put it on PATH"
        case .notARepository: "run the command inside the repository, or `git init` first"
        case .bareRepository:
            "run it in a clone with a work tree (git clone REPOSITORY, then tresor verify "
                + "RANGE there)"
        case .unsafeOwnership(let folder):
            "if you trust the repository, `git config --global --add safe.directory "
                + "\(folder)` (a CI container running as root over a checkout it does not own "
                + "needs this)"
        case .unknownRevision: "`git log --oneline` shows the commits there are"
        case .noUpstream, .detachedHead:
            "pass a range, for example `tresor verify origin/main..HEAD`"
        case .graftedHistory:
            "remove .git/info/grafts (git replace --convert-graft-file turns it into "
                + "replacement refs, which Tresor ignores)"
        case .shallowHistory:
            "fetch the whole history first (git fetch --unshallow; in GitHub Actions, "
                + "actions/checkout with fetch-depth: 0)"
        case .failed, .unexpectedOutput: nil
        }
    }

    public var exitCode: ExitCode {
        switch self {
        case .notFound, .notARepository, .bareRepository, .unsafeOwnership, .failed,
            .unexpectedOutput, .shallowHistory, .graftedHistory:
            .io
        case .unknownRevision, .noUpstream, .detachedHead: .usage
        }
    }
}
