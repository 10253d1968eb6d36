#if canImport(Glibc)
    import Glibc
#endif

/// The lines of a staged `.gitattributes` that would make git check out vault files other
/// than the blobs the hook checked: `working-tree-encoding` (a committed line made every
/// clone's `vault.yaml` UTF-16, and every command refused the vault; found by a thirtieth
/// fresh tester) and `filter` (a clean/smudge pair a clone's configuration defines).
// Limitation: git's pattern rules are followed roughly (fnmatch, with and without
// matching `/` literally, `**` as `*`): a line may be taken to match a vault file it does
// not match, never the other way round; macros (`[attr]`) are not expanded.
enum VaultAttributes {
    /// The attributes that change what git writes into the work tree.
    static let transforming = ["working-tree-encoding", "filter"]

    /// The 1-based numbers of the lines of `bytes`, the `.gitattributes` file at
    /// `attributesPath`, that give a transforming attribute to a path of `vaultPaths`
    /// (paths in the repository).
    static func offendingLines(
        _ bytes: [UInt8], attributesPath: String, vaultPaths: [String]
    ) -> [Int] {
        let folder = attributesPath.pathParent.map(String.init) ?? ""
        let relative = vaultPaths.compactMap { path -> String? in
            folder.isEmpty ? path : RepositoryPath.below(folder, path)
        }
        guard !relative.isEmpty else { return [] }
        var lines: [Int] = []
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let pattern = fields.first, !pattern.hasPrefix("#"), fields.count > 1,
                fields.dropFirst().contains(where: sets)
            else { continue }
            if relative.contains(where: { matches(String(pattern), $0) }) {
                lines.append(index + 1)
            }
        }
        return lines
    }

    /// True when `attribute` sets (not unsets) a transforming attribute.
    private static func sets(_ attribute: Substring) -> Bool {
        transforming.contains { attribute == $0 || attribute.hasPrefix($0 + "=") }
    }

    /// True when the gitattributes `pattern` may match `path` (relative to its folder).
    private static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = pattern
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        if !pattern.contains("/") {
            let name = String(path.lastPathName)
            return fnmatch(pattern, name, 0) == 0 || fnmatch(pattern, path, 0) == 0
        }
        let loose = pattern.replacingOccurrences(of: "**/", with: "*")
            .replacingOccurrences(of: "**", with: "*")
        return fnmatch(pattern, path, FNM_PATHNAME) == 0 || fnmatch(loose, path, 0) == 0
    }
}
