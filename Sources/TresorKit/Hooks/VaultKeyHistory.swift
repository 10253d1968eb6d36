/// The key ids `vault.yaml` has named over its git history: what tells a user who holds
/// an earlier key of this vault (and may be looking at a swapped one) from one who holds
/// keys of other vaults only.
public enum VaultKeyHistory {
    /// Every `key_id` the file `configPath` held in any commit, from one `git log -p` of
    /// it in the repository holding `folder`; empty outside a repository or before the
    /// first commit. Costs a git process: asked only when no key of the user's is the
    /// vault's current one.
    public static func keyIDs(of configPath: String, folder: String) -> Set<String> {
        guard let top = try? GitSnapshot.topLevel(of: folder),
            let path = RepositoryPath.below(top, OutputGuard.canonical(configPath))
        else { return [] }
        let git = GitProcess(folder: top)
        guard
            let log = try? git.checked([
                // As text, whatever the repository's attributes say: one `-diff` line made
                // every version "binary" and the warning never came (found by a
                // twenty-seventh fresh tester).
                "log", "--full-history", "-p", "--format=", "--no-color", "--no-ext-diff",
                "--no-textconv", "--text",
                "--", ":(literal)" + path,
            ])
        else { return [] }
        var found: Set<String> = []
        for line in log.split(separator: 0x0A) {
            // A `key_id:` line added or removed by some commit: `+key_id: "0fe7..."`.
            guard let sign = line.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
            else { continue }
            let text = String(decoding: line.dropFirst(), as: UTF8.self)
            guard text.hasPrefix("key_id:") else { continue }
            let value = text.dropFirst("key_id:".count).filter { $0 != "\"" && $0 != " " }
            if !value.isEmpty { found.insert(String(value)) }
        }
        return found
    }

    /// The key id of `configPath` as `HEAD` has it, in the repository holding `folder`; nil
    /// outside a repository, before the first commit, or when `HEAD` has no readable one.
    public static func committedKeyID(of configPath: String, folder: String) -> KeyID? {
        guard let top = try? GitSnapshot.topLevel(of: folder),
            let path = RepositoryPath.below(top, OutputGuard.canonical(configPath)),
            let bytes = try? GitProcess(folder: top).checked(["show", "HEAD:./" + path]),
            let config = try? VaultConfig(yaml: bytes, path: path)
        else { return nil }
        return config.keyID
    }
}
