/// Where the process folder lies in a snapshot's tree once the symbolic links on its path
/// are followed, as `validate` follows them in the work tree: the files staged there are
/// the process files.
struct ProcessFolderResolution {
    /// The folder relative to the top of the repository, links followed.
    var folder: String
    /// True when this commit adds, changes or removes a link on the folder's path: where
    /// the process folder lies may have changed without a file of it changing.
    var linkChanged = false
    /// The link on the path that leads out of the repository, when one does: the files
    /// past it are not committed here.
    var leavesRepository: String?

    /// The most links followed in a row; more is a loop, and the path is left as it is.
    static let maximumHops = 16

    /// Follows the links on the path of `folder` in `snapshot`: each name in turn, and a
    /// link's target (relative to its folder, or absolute within the repository) in its
    /// place, through links in a row and links in parent folders (found by a thirty-sixth
    /// fresh tester: each passed a credential, the folder's own link of one step alone
    /// being followed).
    ///
    /// git is asked only for a name that is a link in the work tree or that the commit
    /// changes from or to a link, so the usual hook runs no extra process.
    // Limitation: `verify` of a commit whose process folder passed through a link that the
    // commit does not change and the work tree no longer has checks it by its path
    // (README, Known limitations).
    init(_ folder: String, in snapshot: GitSnapshot) throws(GitError) {
        let changedLinks = Set(snapshot.changes.filter { $0.isLink || $0.wasLink }.map(\.path))
        var rest = folder.pathNames.map(String.init)[...]
        var done: [String] = []
        var hops = 0
        while let name = rest.popFirst() {
            done.append(name)
            let current = done.joined(separator: "/")
            let changed = changedLinks.contains(current)
            linkChanged = linkChanged || changed
            guard changed || FileTree.kind(of: RepositoryPath.join(snapshot.top, current)) == .link,
                let target = try snapshot.linkTarget(of: current)
            else { continue }
            hops += 1
            guard hops <= Self.maximumHops else { break }
            guard let inside = Self.within(snapshot.top, target, from: current) else {
                leavesRepository = current
                break
            }
            rest = (inside.pathNames.map(String.init) + rest)[...]
            done = []
        }
        self.folder = (done + rest).joined(separator: "/")
    }

    /// The path inside the repository at `top` that the link at `link` with `target`
    /// names, or nil when it names one outside (or above the root).
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
