/// Where the process folder lies in a snapshot's tree once the symbolic links on its path
/// are followed, as `validate` follows them in the work tree: the files staged there are
/// the process files.
struct ProcessFolderResolution {
    /// The folder relative to the top of the repository, links followed.
    var folder: String
    /// True when where the process folder lies may have changed without a file of it
    /// changing: this commit adds, changes or removes a link on the folder's path, or it
    /// is a merge whose folder is reached through a link (a link brought in from another
    /// branch differs from no parent as a whole, so it is no change of the merge's).
    var linkChanged = false
    /// The link on the path that leads out of the repository, or that starts a loop or a
    /// chain longer than the kernel follows, when one does: the files past it are not
    /// checked here.
    var unfollowed: (link: String, why: String)?

    /// The most links the kernel follows in one path (Linux's MAXSYMLINKS).
    static let maximumHops = 40

    /// Follows the links on the path of `folder` in `snapshot` as the kernel resolves a
    /// path: name by name, a link's target (relative to its folder, or absolute) read in
    /// its place, so a `..` after a link climbs from where the link led, not from where it
    /// stood (found by two fresh testers, the thirty-sixth and the thirty-seventh: links in
    /// a row, in a parent folder, with an absolute target, or with `..` after another link
    /// each passed a credential).
    ///
    /// git is asked only for a name that is a link in the work tree or that the commit
    /// changes from or to a link, so the usual hook runs no extra process.
    // Limitation: a link the commit does not change and the work tree does not have (the
    // index's, or an older commit's in `verify`) is not followed (README, Known
    // limitations).
    init(_ folder: String, in snapshot: GitSnapshot) throws(GitError) {
        let changedLinks = Set(
            snapshot.changes.filter { $0.isLink || $0.wasLink }.map { Array($0.path.utf8) })
        var rest = folder.pathNames.map(String.init)[...]
        var done: [String] = []
        var hops = 0
        while let name = rest.popFirst() {
            if name == "." || name.isEmpty { continue }
            if name == ".." {
                guard done.popLast() != nil else {
                    unfollowed = (folder, "leads out of the repository")
                    break
                }
                continue
            }
            done.append(name)
            let current = done.joined(separator: "/")
            let changed = changedLinks.contains(Array(current.utf8))
            linkChanged = linkChanged || changed
            guard changed || FileTree.kind(of: RepositoryPath.join(snapshot.top, current)) == .link,
                let target = try snapshot.linkTarget(of: current)
            else { continue }
            hops += 1
            guard hops <= Self.maximumHops else {
                unfollowed = (current, "starts a loop or more links in a row than are followed")
                break
            }
            done.removeLast()
            if target.hasPrefix("/") {
                // An absolute target counts only written as a path inside the repository.
                guard let inside = target.relativePath(in: snapshot.top) else {
                    unfollowed = (current, "leads out of the repository")
                    break
                }
                done = []
                rest = (inside.pathNames.map(String.init) + rest)[...]
            } else {
                rest = (target.pathNames.map(String.init) + rest)[...]
            }
        }
        linkChanged = linkChanged || (hops > 0 && !snapshot.otherParentSpecs.isEmpty)
        self.folder = (done + rest.filter { $0 != "." && !$0.isEmpty }).joined(separator: "/")
    }

    /// The path inside the repository at `top` that the link at `link` with `target`
    /// names, or nil when it names one outside (or above the root). Lexical: for a link
    /// judged by its target (a model named `.bpmn`), not for the process folder's path.
    static func within(_ top: String, _ target: String, from link: String) -> String? {
        let absolute =
            target.hasPrefix("/")
            ? target : top + "/" + RepositoryPath.join(RepositoryPath.parent(of: link), target)
        guard let full = RepositoryPath.normalizedWithin(absolute),
            let root = RepositoryPath.normalizedWithin(top)
        else { return nil }
        if full.isSamePath(as: root) { return "" }
        return RepositoryPath.below(root, full)
    }
}
