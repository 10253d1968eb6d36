#if canImport(Glibc)
    import Glibc
#endif

/// The lines of a staged `.gitattributes` that would make git check out vault files other
/// than the blobs the hook checked: `working-tree-encoding` (a committed line made every
/// clone's `vault.yaml` UTF-16, and every command refused the vault; found by a thirtieth
/// fresh tester) and `filter` (a clean/smudge pair a clone's configuration defines).
// Limitation: git's pattern rules are followed roughly (fnmatch, with and without
// matching `/` literally, `**` as `*`; a pattern that names `.yaml`, `.yml` or the vault
// folder counts whatever it matches now): a line may be taken to match a vault file it
// does not match, never the other way round; a macro (`[attr]`) that sets one of these
// attributes is refused wherever it is used.
enum VaultAttributes {
    /// The attributes that change what git writes into the work tree: `ident` expands a
    /// `$Id$` written into a vault file, and the YAML no longer read (found by a
    /// thirty-third fresh tester).
    static let transforming = ["working-tree-encoding", "filter", "ident"]

    /// The 1-based numbers of the lines of `bytes`, the `.gitattributes` file at
    /// `attributesPath`, that give a transforming attribute to a path of `vaultPaths`
    /// (paths in the repository).
    static func offendingLines(
        _ bytes: [UInt8], attributesPath: String, vaultPaths: [String], vaultFolder: String
    ) -> [Int] {
        let folder = attributesPath.pathParent.map(String.init) ?? ""
        let relative = vaultPaths.compactMap { path -> String? in
            folder.isEmpty ? path : RepositoryPath.below(folder, path)
        }
        guard !relative.isEmpty else { return [] }
        var lines: [Int] = []
        // git skips a byte order mark (a pattern after one passed; found by a thirty-second
        // fresh tester).
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        // Split as bytes: in a `String`, CR LF is one character, and a file of CRLF lines
        // was read as one line, its vault lines unseen (found by a thirty-third fresh
        // tester).
        for (index, bytes) in body.split(separator: 0x0A, omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = Substring(String(decoding: bytes, as: UTF8.self))
            guard let (pattern, attributes) = fields(of: line), attributes.contains(where: sets)
            else { continue }
            // A macro names a set of attributes other lines then give by its name.
            if pattern.hasPrefix("[attr]") || relative.contains(where: { matches(pattern, $0) })
                || names(pattern, vaultFolder: vaultFolder)
            {
                lines.append(index + 1)
            }
        }
        return lines
    }

    /// The pattern of `line` (a quoted one unquoted as git does: `"a b"`, `\"`, `\056`)
    /// and its attributes; nil for a comment or a line with no attribute.
    private static func fields(of line: Substring) -> (String, [Substring])? {
        let blank = { (character: Character) in
            character == " " || character == "\t" || character == "\r"
        }
        let text = line.drop(while: blank)
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        var pattern = ""
        var rest = text[...]
        if text.hasPrefix("\"") {
            let (unquoted, after) = unquote(Array(text.utf8.dropFirst()))
            pattern = String(decoding: unquoted, as: UTF8.self)
            rest = Substring(String(decoding: after, as: UTF8.self))
        } else {
            let end = text.firstIndex(where: blank) ?? text.endIndex
            pattern = String(text[..<end])
            rest = text[end...]
        }
        let attributes = rest.split(whereSeparator: blank)
        return attributes.isEmpty ? nil : (pattern, attributes)
    }

    /// The bytes of a C-quoted pattern (after its opening quote) as git unquotes them
    /// (`\"`, `\\`, `\n`, `\t`, `\r`, octal `\056`), and what follows its closing
    /// quote.
    private static func unquote(_ quoted: [UInt8]) -> ([UInt8], ArraySlice<UInt8>) {
        let escapes: [UInt8: UInt8] = [
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D,
        ]
        let octal = UInt8(ascii: "0")...UInt8(ascii: "7")
        var bytes: [UInt8] = []
        var index = 0
        while index < quoted.count, quoted[index] != UInt8(ascii: "\"") {
            guard quoted[index] == UInt8(ascii: "\\"), index + 1 < quoted.count else {
                bytes.append(quoted[index])
                index += 1
                continue
            }
            let next = quoted[index + 1]
            if octal.contains(next), index + 3 < quoted.count {
                let digits = quoted[index + 1...index + 3].map { $0 &- UInt8(ascii: "0") }
                bytes.append(digits[0] &* 64 &+ digits[1] &* 8 &+ digits[2])
                index += 4
            } else {
                bytes.append(escapes[next] ?? next)
                index += 2
            }
        }
        return (bytes, quoted[min(index + 1, quoted.count)...])
    }

    /// True when `pattern` names YAML files or the vault folder in its text: it may match a
    /// vault file that does not exist yet.
    private static func names(_ pattern: String, vaultFolder: String) -> Bool {
        let lower = pattern.lowercased()
        let folder = vaultFolder.lowercased()
        return lower.contains("yaml") || lower.contains("yml")
            || (!folder.isEmpty && lower.contains(folder))
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
