/// Tresor's hook scripts of earlier releases: `tresor hook install` replaces one with
/// today's script, and `tresor doctor` reports one as out of date.
extension HookInstaller {
    /// Earlier texts of `Hooks/pre-commit`, byte for byte, newest first: the one of this
    /// release's development, the one `tresor hook install` wrote before, and the first,
    /// which users copied. Each ran a `tresor` from the repository's `.build/` (the second
    /// and third even when git tracked it there, the first whenever it was there), so a
    /// binary in the repository, committed or in a copy handed over, ran in the hook
    /// (found by two fresh testers).
    public static let earlierScripts: [String] = [
        """
        #!/bin/sh
        # Tresor's git pre-commit hook: `tresor hook pre-commit` checks what is staged (vault
        # files, master keys, process files) and needs no private key. Install it with
        # `tresor hook install`; repositories using the pre-commit framework use the id `tresor`.
        # tresor is taken from $TRESOR, else PATH, else this repository's .build/ (Tresor's own),
        # and from .build/ only while git tracks nothing there: a tresor committed into a
        # repository would run in every clone's hook.
        top=$(git rev-parse --show-toplevel) || exit 1
        built() {
            [ -x "$top/.build/$1/tresor" ] || return 1
            [ -z "$(git -C "$top" ls-files -- .build 2>/dev/null || echo unknown)" ] && return 0
            echo "pre-commit: not running $top/.build/$1/tresor: git tracks files under .build/," \\
                "so it may have come with the repository; set TRESOR or put tresor on PATH" >&2
            exit 1
        }
        if [ -n "${TRESOR:-}" ]; then
            tresor=$TRESOR
        elif command -v tresor >/dev/null 2>&1; then
            tresor=tresor
        elif built release; then
            tresor="$top/.build/release/tresor"
        elif built debug; then
            tresor="$top/.build/debug/tresor"
        else
            echo "pre-commit: tresor not found; set TRESOR, put it on PATH, or build it" >&2
            exit 1
        fi
        exec "$tresor" hook pre-commit

        """,
        """
        #!/bin/sh
        # Tresor's git pre-commit hook: `tresor hook pre-commit` checks what is staged (vault
        # files, master keys, process files) and needs no private key. Install it with
        # `tresor hook install`; repositories using the pre-commit framework use the id `tresor`.
        # tresor is taken from $TRESOR, else PATH, else this repository's .build/ (Tresor's own).
        top=$(git rev-parse --show-toplevel) || exit 1
        if [ -n "${TRESOR:-}" ]; then
            tresor=$TRESOR
        elif command -v tresor >/dev/null 2>&1; then
            tresor=tresor
        elif [ -x "$top/.build/release/tresor" ]; then
            tresor="$top/.build/release/tresor"
        elif [ -x "$top/.build/debug/tresor" ]; then
            tresor="$top/.build/debug/tresor"
        else
            echo "pre-commit: tresor not found; set TRESOR, put it on PATH, or build it" >&2
            exit 1
        fi
        exec "$tresor" hook pre-commit

        """,
        """
        #!/bin/sh
        # Tresor's git pre-commit hook: refuses a commit while `tresor validate` finds an error in
        # the vault or in a placeholder of the process folder.
        # Install: ln -s ../../Hooks/pre-commit .git/hooks/pre-commit  (or copy it there)
        # Limitation: it checks the work tree, not only what is staged; stage what you validated.
        set -eu
        top=$(git rev-parse --show-toplevel)
        if command -v tresor >/dev/null 2>&1; then
            tresor=tresor
        elif [ -x "$top/.build/release/tresor" ]; then
            tresor="$top/.build/release/tresor"
        elif [ -x "$top/.build/debug/tresor" ]; then
            tresor="$top/.build/debug/tresor"
        else
            echo "pre-commit: tresor not found on PATH or in .build/; \
        build it with 'make release'" >&2
            exit 1
        fi
        # Nothing to guard before `tresor init`.
        [ -f "$top/vault/vault.yaml" ] || exit 0
        cd "$top"
        if ! "$tresor" validate --quiet; then
            echo "pre-commit: tresor validate found errors; fix them or unstage the change" >&2
            exit 1
        fi

        """,
    ]

    /// True when the hook `text` is one of the ``earlierScripts``, also with the call
    /// `--append` adds after its first line: the first release's script ran on after the
    /// call, and ran the repository's `.build/tresor` (found by a fresh tester).
    public static func isEarlierScript(_ text: String) -> Bool {
        if earlierScripts.contains(where: { text.utf8.elementsEqual($0.utf8) }) { return true }
        guard callsCompanion(text), let end = text.firstIndex(of: "\n") else { return false }
        let unappended =
            String(text[...end])
            + text[text.index(after: end)...].dropFirst(GitHook.preCommit.appendedCall.count)
        return earlierScripts.contains { unappended.utf8.elementsEqual($0.utf8) }
    }

    /// True when the file at `path` holds one of the ``earlierScripts``.
    static func holdsEarlierScript(at path: String) -> Bool {
        guard FileTree.kind(of: path) == .file,
            let bytes = try? FileReader.read(path, limit: 1 << 20)
        else { return false }
        return isEarlierScript(String(decoding: bytes, as: UTF8.self))
    }
}
