/// Tresor's hook scripts of earlier releases: `tresor hook install` replaces one with
/// today's script, and `tresor doctor` reports one as out of date.
extension HookInstaller {
    /// Earlier texts of `Hooks/pre-commit`, byte for byte, newest first. The last one ran a
    /// `tresor` from the repository's `.build/` even when git tracked it there, so a binary
    /// committed into the repository ran in every clone's hook (found by a fresh tester).
    public static let earlierScripts: [String] = [
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

        """
    ]

    /// True when the hook `text` is one of the ``earlierScripts``.
    public static func isEarlierScript(_ text: String) -> Bool {
        earlierScripts.contains { text.utf8.elementsEqual($0.utf8) }
    }

    /// True when the file at `path` holds one of the ``earlierScripts``.
    static func holdsEarlierScript(at path: String) -> Bool {
        guard FileTree.kind(of: path) == .file,
            let bytes = try? FileReader.read(path, limit: 1 << 20)
        else { return false }
        return isEarlierScript(String(decoding: bytes, as: UTF8.self))
    }
}
