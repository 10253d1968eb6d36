/// The git hooks Tresor installs, and the script of each: `pre-commit` for commits, and
/// `pre-merge-commit` for the merges git makes without conflicts, which run no pre-commit
/// hook. Both run `tresor hook pre-commit`, which tells a merge from the environment git
/// gives the hook (``GitSnapshot/mergedHeads(in:)``).
public enum GitHook: String, CaseIterable, Sendable {
    case preCommit = "pre-commit"
    case preMergeCommit = "pre-merge-commit"

    /// The hook's file name in the hooks folder.
    public var fileName: String { rawValue }

    /// The script `--append` writes beside a foreign hook, which the hook then calls.
    public var companionName: String { "tresor-" + rawValue }

    /// The lines `--append` puts right after a hook's `#!` line to call Tresor's script.
    var appendedCall: String {
        "# Added by `tresor hook install --append`:\n"
            + "sh \"$(git rev-parse --git-path hooks)/\(companionName)\" || exit 1\n"
    }

    /// The text of `Hooks/pre-commit` or `Hooks/pre-merge-commit` (a test keeps them equal).
    public var script: String {
        switch self {
        case .preCommit: Self.script(named: rawValue, header: Self.preCommitHeader)
        case .preMergeCommit: Self.script(named: rawValue, header: Self.preMergeCommitHeader)
        }
    }

    private static let preCommitHeader = """
        # Tresor's git pre-commit hook: `tresor hook pre-commit` checks what is staged (vault
        # files, master keys, process files) and needs no private key. Install it with
        # `tresor hook install`; repositories using the pre-commit framework use the id `tresor`.

        """

    private static let preMergeCommitHeader = """
        # Tresor's git pre-merge-commit hook: git runs it instead of pre-commit for a merge
        # it makes without conflicts, and `tresor hook pre-commit` checks what the merge
        # brings in as it checks a commit. Install it with `tresor hook install`.

        """

    /// A hook script: `header`, then the lines that find `tresor` and run its check, with
    /// messages that start with the hook's `name`.
    private static func script(named name: String, header: String) -> String {
        "#!/bin/sh\n" + header + body.replacing("HOOK:", with: name + ":")
    }

    /// What follows a script's header; `HOOK` stands for the hook's name in its messages.
    private static let body = """
        # tresor is taken from $TRESOR, else from an absolute folder of PATH: never from the
        # repository, whose files anyone who can commit, or hand over a copy, may choose.
        if [ -n "${TRESOR:-}" ]; then
            tresor=$TRESOR
        elif tresor=$(command -v tresor 2>/dev/null); then
            case $tresor in
            /*) ;;
            *)
                echo "HOOK: not running $tresor: PATH finds it in a relative folder (or an" \\
                    "empty entry), which may be the repository's; use absolute folders in PATH" >&2
                exit 1
                ;;
            esac
        else
            echo "HOOK: tresor not found; install it (make install) or set TRESOR" >&2
            exit 1
        fi
        exec "$tresor" hook pre-commit

        """
}
