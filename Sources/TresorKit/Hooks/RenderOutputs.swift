#if canImport(Glibc)
    import Glibc
#endif

/// The folders of a repository that a render or deploy wrote: those holding its
/// `.tresor-render` marker in the tree being checked (read with the changed files), and,
/// for a commit being made, in the work tree too (a marker never staged still marks its
/// folder).
// Limitation: a single-file render or a dotenv file has no marker and is not recognised
// (README, Known limitations).
struct RenderOutputs {
    private let snapshot: GitSnapshot
    /// Folders above a changed file whose marker is in the tree.
    private let marked: Set<String>
    /// Answers about the work tree, by folder.
    private var onDisk: [String: Bool] = [:]

    init(_ snapshot: GitSnapshot, marked: Set<String>) {
        self.snapshot = snapshot
        self.marked = marked
    }

    /// Every folder above the files of `changes`, the top (`""`) included.
    static func folders(above changes: [GitChange]) -> [String] {
        var folders: Set<String> = []
        for change in changes {
            var folder = RepositoryPath.parent(of: change.path)
            while folders.insert(folder).inserted, !folder.isEmpty {
                folder = RepositoryPath.parent(of: folder)
            }
        }
        return Array(folders)
    }

    /// The output folder `path` lies in, nil when none: the nearest folder above it with a
    /// marker.
    mutating func folder(holding path: String) -> String? {
        var folder = RepositoryPath.parent(of: path)
        while true {
            if marked.contains(folder) || hasMarkerOnDisk(folder) { return folder }
            guard !folder.isEmpty else { return nil }
            folder = RepositoryPath.parent(of: folder)
        }
    }

    /// True when the work tree's `folder` holds a marker; asked only of a commit being made.
    private mutating func hasMarkerOnDisk(_ folder: String) -> Bool {
        guard snapshot.treeSpec == ":" else { return false }
        if let known = onDisk[folder] { return known }
        let path = RepositoryPath.join(
            snapshot.top, RepositoryPath.join(folder, OutputGuard.marker))
        var status = stat()
        let found = lstat(path, &status) == 0
        onDisk[folder] = found
        return found
    }
}
