import CTresorFiles
import Dispatch
import Foundation

/// Walks and builds folder trees for the process folder and render outputs.
public enum FileTree {
    /// Every regular file under `root`, as sorted `/`-separated relative paths. Entries
    /// whose names start with `.` (`.git`, editor files) are skipped; symbolic links are
    /// neither followed nor listed, so a link cannot pull a file from outside the folder
    /// into an output (``walk(under:)`` lists what was skipped).
    public static func files(under root: String) throws(FileError) -> [String] {
        try walk(under: root).files
    }

    /// What a walk found under a folder, each list as sorted `/`-separated relative paths.
    public struct Listing: Sendable {
        /// The regular files.
        public var files: [String] = []
        /// The folders looked into (not hidden, not links), empty ones too.
        public var folders: [String] = []
        /// The symbolic links, neither followed nor listed further.
        public var links: [String] = []
        /// Files and folders whose names start with `.` (`.git`, editor files), neither
        /// read nor looked into.
        public var hidden: [String] = []
        /// Entries that are neither files, folders nor links: FIFOs, sockets, devices.
        public var special: [String] = []

        public init(files: [String] = [], links: [String] = []) {
            self.files = files
            self.links = links
        }
    }

    /// Everything under `root`, sorted by kind (``Listing``). The tree is listed a level at
    /// a time, the folders of a level on all cores: a process folder of one folder per
    /// process is thousands of folders.
    public static func walk(under root: String) throws(FileError) -> Listing {
        var listing = Listing()
        var level = [""]
        while !level.isEmpty {
            let listings = try entries(of: level, under: root)
            level = []
            for (path, kind) in listings.joined() {
                switch kind {
                case _ where path.lastPathName.isHiddenName: listing.hidden.append(path)
                case .folder:
                    level.append(path)
                    listing.folders.append(path)
                case .file: listing.files.append(path)
                case .link: listing.links.append(path)
                default: listing.special.append(path)
                }
            }
        }
        listing.files.sort()
        listing.folders.sort()
        listing.links.sort()
        listing.hidden.sort()
        listing.special.sort()
        return listing
    }

    /// The entries of each of `folders` (relative to `root`), as relative paths with their
    /// kinds; on all cores when there are many. A
    /// folder that cannot be listed throws, the first of `folders` that fails. Each folder
    /// is opened from `root` without following a link (``FileReader/read(_:beneath:limit:)``):
    /// a folder swapped for a link after its parent was listed is not listed through it.
    private static func entries(
        of folders: [String], under root: String
    ) throws(FileError) -> [[(String, Kind)]] {
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { throw .system("list", root, errno) }
        defer { close(top) }
        let list = { @Sendable (relative: String) throws(FileError) -> [(String, Kind)] in
            var found: [(String, Kind)] = []
            let folder = relative.isEmpty ? root : root + "/" + relative
            let descriptor = try FileReader.openBeneath(
                relative.isEmpty ? "." : relative, top, flags: O_RDONLY | O_DIRECTORY,
                path: folder, operation: "list")
            try forEachEntry(in: descriptor, folder: folder) { name, kind in
                guard name != ".", name != ".." else { return }
                let path = relative.isEmpty ? name : relative + "/" + name
                found.append((path, kind ?? self.kind(of: root + "/" + path)))
            }
            return found
        }
        guard folders.count >= 16 else {
            var listings: [[(String, Kind)]] = []
            for folder in folders { listings.append(try list(folder)) }
            return listings
        }
        let slots = ResultSlots<Result<[(String, Kind)], FileError>>(count: folders.count)
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            slots.set(index) { Result { () throws(FileError) in try list(folders[index]) } }
        }
        // Each slot holds a Result, so reading them cannot throw.
        return try ((try? slots.values()) ?? []).map { result throws(FileError) in
            try result.get()
        }
    }

    /// Calls `body` with the name of each entry of the open folder `descriptor` (which it
    /// closes) and its kind as the folder lists it, or nil when the file system does not
    /// say (then `kind(of:)` asks): the listing's own type field saves a `stat` per file
    /// of a large process folder. The entries come from getdents64(2) itself
    /// (`tresor_folder_entries`), not `readdir`, whose `fdopendir` costs three system
    /// calls more per folder.
    private static func forEachEntry(
        in descriptor: Int32, folder: String, _ body: (String, Kind?) throws(FileError) -> Void
    ) throws(FileError) {
        defer { close(descriptor) }
        // Not zero-filled: only the bytes getdents64 wrote are read (zeroing 32 KiB for a
        // folder of one file was a tenth of a render of 1,000 task inputs).
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 << 10, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = tresor_folder_entries(descriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .system("list", folder, errno) }
            guard count > 0 else { return }
            var offset = 0
            while offset + 19 < count {
                // struct linux_dirent64: record length at byte 16, type at 18, name at 19.
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt16.self))
                guard length > 19, offset + length <= count else {
                    throw .system("list", folder, EIO)
                }
                let record = buffer[(offset + 19)..<(offset + length)]
                let name = record.prefix { $0 != 0 }
                try entry(Array(name), type: buffer[offset + 18], folder: folder, body)
                offset += length
            }
        }
    }

    /// Hands `body` the entry named `bytes` of getdents64 type `type`, refusing a name
    /// that is not UTF-8.
    private static func entry(
        _ bytes: [UInt8], type: UInt8, folder: String,
        _ body: (String, Kind?) throws(FileError) -> Void
    ) throws(FileError) {
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw .nameNotUTF8(folder + "/" + TerminalText.escaped(bytes: bytes, nonASCII: true))
        }
        let kind: Kind? =
            switch Int32(type) {
            case Int32(DT_REG): .file
            case Int32(DT_DIR): .folder
            case Int32(DT_LNK): .link
            case Int32(DT_UNKNOWN): nil
            default: .other
            }
        try body(name, kind)
    }

    /// What a path names, without following a final symbolic link.
    public enum Kind: Sendable { case file, folder, link, other, missing }

    public static func kind(of path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Creates `path` and its missing parents with `mode`.
    public static func makeFolders(_ path: String, mode: mode_t = 0o700) throws(FileError) {
        guard !FileReader.isFolder(path) else { return }
        try makeFolders(AtomicFile.parent(of: path), mode: mode)
        try makeFolder(path, mode: mode)
    }

    /// Creates the folder `path` (its parent exists) with exactly `mode`, whatever the
    /// creation mask (one that takes the owner's bits would leave a folder its own files
    /// cannot be written into); an existing folder is left as it is, or, with
    /// `mustBeNew`, refused.
    public static func makeFolder(
        _ path: String, mode: mode_t, mustBeNew: Bool = false
    ) throws(FileError) {
        while tresor_cleanup_dying() != 0 { pause() }
        guard mkdir(path, mode) == 0 else {
            guard errno == EEXIST, !mustBeNew else { throw .system("create", path, errno) }
            return
        }
        if creationMask.map({ $0 & mode != 0 }) ?? true {
            guard chmod(path, mode) == 0 else {
                let code = errno
                if mustBeNew { rmdir(path) }
                throw .system("chmod", path, code)
            }
        }
    }

    /// Creates the new file `path` (never replacing one, never through a link) with `bytes`
    /// and permissions `mode`. Not atomic: for files inside a private folder under
    /// construction, such as a render's temporary output folder.
    public static func writeNewFile(
        _ bytes: UnsafeRawBufferPointer, to path: String, mode: mode_t
    ) throws(FileError) {
        // The process is ending on a signal, and its handler removes the folder this file
        // would be made in: create nothing more there (see `tresor_cleanup_dying`).
        while tresor_cleanup_dying() != 0 { pause() }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .system("create", path, errno) }
        defer { close(descriptor) }
        if creationMask.map({ $0 & mode != 0 }) ?? true {
            guard fchmod(descriptor, mode) == 0 else { throw .system("chmod", path, errno) }
        }
        try AtomicFile.writeAll(bytes, to: descriptor, path: path)
    }

    /// The process's file creation mask (umask) as `/proc/self/status` shows it, or nil
    /// when it does not. `writeNewFile` and `makeFolder` set a mode themselves only when
    /// the mask takes bits from it, which saves a system call per file of a folder render.
    /// Read once: Tresor never changes its mask. (Reading the mask with umask(2) would
    /// change it for a moment, under every other thread.)
    static let creationMask: mode_t? = {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let mask = mode_t(
                line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return nil }
        return mask
    }()

    /// The entry names of `folder` (without `.` and `..`), read with readdir; with
    /// `hiddenOnly`, only names starting with `.` become strings, so a folder of 10,000
    /// secret files costs next to nothing. Nil when the folder cannot be opened.
    public static func names(in folder: String, hiddenOnly: Bool = false) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw -> String? in
                guard !hiddenOnly || raw.first == UInt8(ascii: ".") else { return nil }
                return String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if let name, name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The absolute `path` with `.` and `..` components and doubled or trailing slashes
    /// removed; symbolic links are left as they are.
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.pathNames where !part.isSamePath(as: ".") {
            if part.isSamePath(as: "..") { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Removes `path` and everything under it; quiet when it does not exist. A folder in
    /// it that cannot be emptied (one its owner made read-only, in an earlier output) is
    /// made writable by its owner, and the removal tried again. Nothing is removed when a
    /// file system is mounted somewhere under `path`, or that cannot be told
    /// (``mounts(under:)``): the removal would reach into it. True when `path` is gone.
    // Limitation: only folders are checked for mounts, and before the removal, not during
    // it (README, Known limitations).
    @discardableResult
    public static func remove(_ path: String) -> Bool {
        guard kind(of: path) != .missing else { return true }
        var mounts = mounts(under: path)
        if case .unknown = mounts {
            // An unreadable folder hides what is under it: made readable, it is looked at.
            makeFoldersWritable(path)
            mounts = self.mounts(under: path)
        }
        guard case .none = mounts else { return false }
        if (try? FileManager.default.removeItem(atPath: path)) != nil { return true }
        guard FileReader.exists(path) else { return true }
        makeFoldersWritable(path)
        guard case .none = self.mounts(under: path) else { return false }
        try? FileManager.default.removeItem(atPath: path)
        return !FileReader.exists(path)
    }

    /// Gives the owner every right on `path` and each folder under it, so that their
    /// entries can be removed; never in a folder that is, or may be, a mount's root.
    private static func makeFoldersWritable(_ path: String) {
        var top = stat()
        guard lstat(path, &top) == 0 else { return }
        makeFoldersWritable(path, device: UInt64(top.st_dev))
    }

    private static func makeFoldersWritable(_ path: String, device: UInt64) {
        guard makeWritable(path) else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            let child = path + "/" + name
            if mayCrossMount(child, from: device) { continue }
            makeFoldersWritable(child, device: device)
        }
    }

    /// Gives the owner every right on the folder `path`, never through a link: it is
    /// opened with `O_PATH | O_NOFOLLOW` (which needs no right on the folder, so one of
    /// mode 000 is reached too), checked to be a folder, and changed through
    /// `/proc/self/fd`. False when `path` is no folder or cannot be changed.
    @discardableResult
    static func makeWritable(_ path: String) -> Bool {
        // O_PATH, which Glibc's module leaves out (it is a GNU extension): the same value on
        // every Linux architecture Tresor builds for.
        let openPath: Int32 = 0o10_000_000
        let folder = open(path, openPath | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return false }
        defer { close(folder) }
        var status = stat()
        guard fstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            return false
        }
        return chmod("/proc/self/fd/\(folder)", 0o700) == 0
    }

    /// A new, empty, private folder beside `path`, for building a tree that is then
    /// renamed into place.
    public static func temporarySibling(of path: String) throws(FileError) -> String {
        try newPrivateFolder(for: path, naming: path)
    }

    /// A new private folder with the temporary name of `path` (stale ones of killed runs
    /// removed first); a failure names `output`, the output asked for.
    static func newPrivateFolder(
        for path: String, naming output: String
    ) throws(FileError) -> String {
        AtomicFile.removeStaleTemporaries(of: path)
        let temporary = AtomicFile.temporaryPath(for: path)
        // Removed by Ctrl-C or a TERM until the caller forgets it (``SignalCleanup``): it
        // will hold plaintext. Registered before it exists.
        SignalCleanup.add(tree: temporary)
        do { try makeFolder(temporary, mode: 0o700, mustBeNew: true) } catch {
            SignalCleanup.forget(tree: temporary)
            if case .system(let operation, _, let code) = error {
                throw .system(operation, output, code)
            }
            throw error
        }
        return temporary
    }
}
