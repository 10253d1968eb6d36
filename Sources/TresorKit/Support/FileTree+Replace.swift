import CTresorFiles

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
    ///
    /// A symbolic link at `output` is never built through: it is replaced, as any existing
    /// output is (see README, Known limitations), and its target left as it is.
    ///
    /// `found` is what stood at `output` when the command began: a folder put there since
    /// is never built into (a folder made during a render was rendered into; found by a
    /// fifth fresh tester).
    ///
    /// Until the caller calls ``SignalCleanup/forget(tree:)`` with it (once it is in place
    /// or removed), Ctrl-C or a TERM removes the folder returned.
    public static func buildFolder(
        for output: String, found: FileIdentity?
    ) throws(FileError) -> String {
        guard let found, FileIdentity(at: output) == found, kind(of: output) == .folder,
            isEmptyFolder(output) || isMountPoint(output)
                || access(AtomicFile.parent(of: output), W_OK | X_OK) != 0
        else { return try temporarySibling(of: output) }
        return try newPrivateFolder(for: output + "/" + insideName, naming: output)
    }

    /// The name temporary folders built inside an output start from (`.render.tmp-...`).
    static let insideName = "render"
    /// How those build folders' names start: the temporary names of ``insideName``.
    static var buildPrefix: String { AtomicFile.temporaryPrefix(of: insideName) }

    /// Puts the finished tree `temporary` (from ``buildFolder(for:)``) in the place of
    /// `output`: an existing `output` is first set aside, and removed only once the new
    /// tree is in place, so a failure leaves the old tree or the new one, never a mix.
    /// Returns where the old tree stays when it could not be removed (a folder in it the
    /// user cannot write, even after a `chmod`), for the caller to say so: it may hold
    /// rendered values. `marker` names the file that marks a tree as an output a later
    /// `--force` may replace (see ``replaceEntries(of:with:marker:)``).
    ///
    /// Only an earlier output (a folder holding `marker`) is replaced, and only the one
    /// `replacing` names: the folder the caller found there when it began, with `--force`
    /// (nil: nothing may be replaced). Anything else at `output` now appeared during the
    /// run and is never replaced: a folder made there during a deploy was deleted, parallel
    /// deploys replaced each other's output, and an output put in the place of the earlier
    /// one was replaced (found by the third, fourth and fifth fresh testers). The last
    /// rename never replaces what appears then.
    // Limitation: an output swapped in between the last check and the rename that sets
    // the earlier one aside is replaced (README, Known limitations).
    @discardableResult
    public static func replace(
        _ output: String, with temporary: String, marker: String, replacing: FileIdentity?
    ) throws(FileError) -> String? {
        if let parent = temporary.pathParent, parent.isSamePath(as: output) {
            return try replaceEntries(
                of: output, with: temporary, marker: marker, replacing: replacing)
        }
        var old: String?
        if kind(of: output) != .missing {
            guard let replacing, FileIdentity(at: output) == replacing, kind(of: output) == .folder,
                kind(of: output + "/" + marker) == .file
            else { throw .appeared(output) }
            let aside = temporary + ".old"
            guard rename(output, aside) == 0 else { throw .system("replace", output, errno) }
            old = aside
        }
        guard tresor_rename_noreplace(temporary, output) == 0 else {
            let code = errno
            if let old { rename(old, output) }
            throw code == EEXIST || code == ENOTEMPTY
                ? .appeared(output) : .system("rename", output, code)
        }
        AtomicFile.syncFolder(of: output)
        guard let old, !removeOld(old) else { return nil }
        return old
    }

    /// Removes the earlier output set aside at `old`, once the new one is in place: a
    /// signal meanwhile removes it too (a TERM while a large one was removed left it; found
    /// by a fresh tester). It is registered only now, so a signal before the new output is
    /// in place never leaves neither.
    private static func removeOld(_ old: String) -> Bool {
        SignalCleanup.add(tree: old)
        defer { SignalCleanup.forget(tree: old) }
        return remove(old)
    }

    /// ``replace(_:with:marker:)`` for a tree built inside `output`: its entries are moved
    /// into a folder beside the new tree, then the new tree's entries up into `output`,
    /// each with one rename; a failing rename moves back what was moved. The old `marker`
    /// leaves last and the new one arrives first, so whatever a killed run leaves in
    /// `output` is marked, and `--force` replaces it. Other runs' build folders in
    /// `output` are not touched: a run that builds beside them at the same time wins when
    /// it ends last.
    // Limitation: a tree built inside its output is put in place entry by entry, not with
    // one rename: a render killed between two renames leaves a mix of the old and the new
    // output, which a render with --force replaces (README, Known limitations).
    private static func replaceEntries(
        of output: String, with temporary: String, marker: String, replacing: FileIdentity?
    ) throws(FileError) -> String? {
        let building = buildPrefix
        let old = markerOrdered(
            try entries(of: output).filter { !$0.utf8.starts(with: building.utf8) },
            marker: marker, first: false)
        // What stands beside the build folder must be the earlier output the caller may
        // replace; anything in a folder that was empty appeared during the run (a file
        // written into it then was deleted; found by a fourth fresh tester).
        if !old.isEmpty,
            replacing == nil || FileIdentity(at: output) != replacing
                || kind(of: output + "/" + marker) != .file
        {
            throw .appeared(output)
        }
        let aside = temporary + ".old"
        try makeFolder(aside, mode: 0o700, mustBeNew: true)
        // A folder moves to another parent only when its owner may write it (its `..`).
        for name in old { makeWritable(output + "/" + name) }
        let moved = move(old, from: output, to: aside)
        guard moved.count == old.count else {
            let code = errno
            _ = move(moved.reversed(), from: aside, to: output)
            remove(aside)
            throw .system("replace", output, code)
        }
        let new = markerOrdered(try entries(of: temporary), marker: marker, first: true)
        let placed = move(new, from: temporary, to: output)
        guard placed.count == new.count else {
            let code = errno
            _ = move(placed.reversed(), from: output, to: temporary)
            _ = move(old.reversed(), from: aside, to: output)
            remove(aside)
            throw .system("rename", output, code)
        }
        rmdir(temporary)
        AtomicFile.syncFolder(of: output + "/.")
        return removeOld(aside) ? nil : aside
    }

    /// `names` with `marker`, if among them, first or last.
    private static func markerOrdered(
        _ names: [String], marker: String, first: Bool
    ) -> [String] {
        let others = names.filter { !$0.isSamePath(as: marker) }
        guard others.count < names.count else { return names }
        return first ? [marker] + others : others + [marker]
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

    /// True for a folder with no entry at all, hidden ones included; false for anything
    /// that cannot be listed.
    static func isEmptyFolder(_ path: String) -> Bool {
        (try? entries(of: path))?.isEmpty ?? false
    }

    /// True when `path` holds nothing but other runs' build folders (a render building in
    /// an empty folder at the same time).
    static func holdsOnlyBuildFolders(_ path: String) -> Bool {
        let building = buildPrefix
        guard let names = try? entries(of: path), !names.isEmpty else { return false }
        return names.allSatisfy { $0.utf8.starts(with: building.utf8) }
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
