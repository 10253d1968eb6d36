#if canImport(Glibc)
    import Glibc
#endif

/// Building a tree (a render's or a deploy's output) in a private folder and putting it in
/// the place of its output at the end, all or nothing.
extension FileTree {
    /// The private folder to build `output`'s tree in: a new one beside `output`, renamed
    /// into its place at the end; or, when `output` is a folder that is empty, a mount
    /// point (a memory file system mounted for plaintext, which cannot be renamed) or in a
    /// folder the user cannot write, a new one inside it, whose entries are moved up at
    /// the end.
    public static func buildFolder(for output: String) throws(FileError) -> String {
        guard FileReader.isFolder(output),
            isEmptyFolder(output) || isMountPoint(output)
                || access(AtomicFile.parent(of: output), W_OK | X_OK) != 0
        else { return try temporarySibling(of: output) }
        return try newPrivateFolder(for: output + "/" + insideName, naming: output)
    }

    /// The name temporary folders built inside an output start from (`.render.tmp-...`).
    static let insideName = "render"

    /// Puts the finished tree `temporary` (from ``buildFolder(for:)``) in the place of
    /// `output`: an existing `output` is first set aside, and removed only once the new
    /// tree is in place, so a failure leaves the old tree or the new one, never a mix.
    /// Returns where the old tree stays when it could not be removed (a folder in it the
    /// user cannot write, even after a `chmod`), for the caller to say so: it may hold
    /// rendered values.
    @discardableResult
    public static func replace(
        _ output: String, with temporary: String
    ) throws(FileError) -> String? {
        if let parent = temporary.pathParent, parent.isSamePath(as: output) {
            return try replaceEntries(of: output, with: temporary)
        }
        var old: String?
        if FileReader.exists(output) {
            let aside = temporary + ".old"
            guard rename(output, aside) == 0 else { throw .system("replace", output, errno) }
            old = aside
        }
        guard rename(temporary, output) == 0 else {
            let code = errno
            if let old { rename(old, output) }
            throw .system("rename", output, code)
        }
        AtomicFile.syncFolder(of: output)
        guard let old, !remove(old) else { return nil }
        return old
    }

    /// ``replace(_:with:)`` for a tree built inside `output`: its entries are moved into a
    /// folder beside the new tree, then the new tree's entries up into `output`, each
    /// with one rename; a failing rename moves back what was moved.
    // Limitation: a tree built inside its output is put in place entry by entry, not with
    // one rename: a render killed between two renames leaves a mix of the old and the new
    // output (README, Known limitations).
    private static func replaceEntries(
        of output: String, with temporary: String
    ) throws(FileError) -> String? {
        let aside = temporary + ".old"
        try makeFolder(aside, mode: 0o700, mustBeNew: true)
        let own = [temporary.lastPathName, aside.lastPathName]
        let old = try entries(of: output).filter { name in !own.contains { $0.isSamePath(as: name) }
        }
        let moved = move(old, from: output, to: aside)
        guard moved.count == old.count else {
            let code = errno
            _ = move(moved, from: aside, to: output)
            remove(aside)
            throw .system("replace", output, code)
        }
        let new = try entries(of: temporary)
        let placed = move(new, from: temporary, to: output)
        guard placed.count == new.count else {
            let code = errno
            _ = move(placed, from: output, to: temporary)
            _ = move(old, from: aside, to: output)
            remove(aside)
            throw .system("rename", output, code)
        }
        rmdir(temporary)
        AtomicFile.syncFolder(of: output + "/.")
        return remove(aside) ? nil : aside
    }

    /// Renames each of `names` from `source` to `destination`, in order, until one fails;
    /// returns those moved.
    private static func move(
        _ names: [String], from source: String, to destination: String
    ) -> [String] {
        var moved: [String] = []
        for name in names {
            guard rename(source + "/" + name, destination + "/" + name) == 0 else { break }
            moved.append(name)
        }
        return moved
    }

    private static func entries(of folder: String) throws(FileError) -> [String] {
        var names: [String] = []
        guard let stream = opendir(folder) else { throw .system("list", folder, errno) }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func isEmptyFolder(_ path: String) -> Bool {
        (try? entries(of: path))?.isEmpty ?? false
    }

    /// True when `path` is the top of a mounted file system: another device than its
    /// parent's.
    private static func isMountPoint(_ path: String) -> Bool {
        var own = stat()
        var parent = stat()
        guard stat(path, &own) == 0, stat(path + "/..", &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }
}
