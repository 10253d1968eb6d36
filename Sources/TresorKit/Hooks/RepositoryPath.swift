/// `/`-separated paths relative to the top of a repository, as git prints them.
enum RepositoryPath {
    /// `a/./b/../c/` → `a/c`; the top itself is the empty string.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The name of `path` when it lies directly in `folder`, else nil.
    static func child(of folder: String, _ path: String) -> String? {
        let prefix = folder.isEmpty ? "" : folder + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        return rest.contains("/") ? nil : String(rest)
    }

    /// The path below `folder` when it lies anywhere under it, else nil.
    static func below(_ folder: String, _ path: String) -> String? {
        if folder.isEmpty { return path }
        guard path.hasPrefix(folder + "/") else { return nil }
        return String(path.dropFirst(folder.count + 1))
    }

    /// The file name of `path`, without `.yaml`.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
    }
}
