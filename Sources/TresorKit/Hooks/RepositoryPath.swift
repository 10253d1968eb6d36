/// `/`-separated paths relative to the top of a repository, as git prints them, taken
/// apart byte by byte (see `PathNames.swift`).
enum RepositoryPath {
    /// `a/./b/../c/` → `a/c`; the top itself is the empty string; a `..` at the top stays
    /// there.
    static func normalized(_ path: String) -> String {
        resolved(path).parts.joined(separator: "/")
    }

    /// `path` normalized, or nil when a `..` would climb above the top of the repository.
    static func normalizedWithin(_ path: String) -> String? {
        let (parts, climbs) = resolved(path)
        return climbs ? nil : parts.joined(separator: "/")
    }

    /// The names of `path` with `.` and `..` taken out, and whether a `..` met the top.
    private static func resolved(_ path: String) -> (parts: [Substring], climbs: Bool) {
        var parts: [Substring] = []
        var climbs = false
        for part in path.pathNames where !part.isSamePath(as: ".") {
            if !part.isSamePath(as: "..") {
                parts.append(part)
            } else if parts.popLast() == nil {
                climbs = true
            }
        }
        return (parts, climbs)
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    static func parent(of path: String) -> String {
        path.pathParent.map(String.init) ?? ""
    }

    /// The name of `path` when it lies directly in `folder`, else nil.
    static func child(of folder: String, _ path: String) -> String? {
        guard let rest = folder.isEmpty ? path[...] : path.relativePath(in: folder) else {
            return nil
        }
        return rest.utf8.contains(UInt8(ascii: "/")) ? nil : String(rest)
    }

    /// The path below `folder` when it lies anywhere under it, else nil.
    static func below(_ folder: String, _ path: String) -> String? {
        if folder.isEmpty { return path }
        return path.relativePath(in: folder).map(String.init)
    }

    /// The file name of `path`, without `.yaml`.
    static func stem(_ path: String) -> String {
        let name = path.lastPathName
        return String(name.hasSuffixBytes(".yaml") ? name.droppingLastBytes(5) : name)
    }
}
