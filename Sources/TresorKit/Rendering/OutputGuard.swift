import CTresorFiles
import Foundation

/// Decides whether a render may write to an output path, before any value is opened.
///
/// Rendered files hold plaintext, and a folder render replaces its output folder whole, so
/// the output must never be, hold or lie inside the vault or the process files it reads,
/// and an existing output is replaced only with `--force`, and for a folder only when an
/// earlier render wrote it (it holds the marker file). Paths are compared after resolving
/// `.`, `..` and symbolic links, so no spelling of a path gets around the rules.
public struct OutputGuard: Sendable {
    /// The file a folder render leaves in its output, so a later `--force` knows the folder
    /// is its own to replace.
    public static let marker = ".tresor-render"
    static let markerText =
        "Written by tresor render. Every file here may hold plaintext "
        + "secrets: deploy them, then delete this folder. Never commit it.\n"

    /// Folders and files the output must stay clear of (vault, process folder, input).
    public var protected: [String]

    public init(protected: [String]) {
        self.protected = protected.map(Self.canonical)
    }

    /// A guard for `protected` and, always, the places master keys live in `environment`.
    public init(protected: [String], environment: TresorEnvironment) {
        self.init(protected: protected + KeyStore.protectedLocations(environment: environment))
    }

    /// Checks a folder output; `replace` is `--force`.
    public func checkFolder(_ output: String, replace: Bool) throws(RenderError) {
        try Self.checkNotLink(output)
        try checkClear(output)
        guard FileReader.exists(output) else { return }
        guard FileReader.isFolder(output) else {
            let kind = Self.special(output) ?? "a file"
            throw .unsafeOutput(output, "it is \(kind), and a folder renders into a folder")
        }
        // What a killed render left building inside the folder goes first.
        AtomicFile.removeStaleTemporaries(of: output + "/" + FileTree.insideName)
        // Another render building in the empty folder now leaves it empty to this one: the
        // run that ends second finds the other's output and stops with "appeared" (it was
        // refused as a folder no render wrote; found by a fourth fresh tester).
        if FileTree.isEmptyFolder(output) || FileTree.holdsOnlyBuildFolders(output) { return }
        // A folder no render wrote is never replaced: say so first, not to pass --force.
        guard Self.holdsMarker(output) else {
            throw .unsafeOutput(
                output,
                "it was not written by tresor render, so tresor will not replace it, not even "
                    + "with --force")
        }
        guard replace else { throw .outputExists(output, isFolder: true) }
        // Replacing removes the earlier output, and removing it through a mount inside
        // emptied what was mounted there: a vault, a key folder (found by a second fresh
        // tester). The removal itself refuses too (``FileTree/remove(_:)``).
        if case .some = FileTree.mounts(under: output) {
            throw .unsafeOutput(
                output,
                "a file system is mounted inside it, and tresor replaces no folder that holds a "
                    + "mount (unmount it first)")
        }
    }

    /// True when `folder` holds the marker a render writes: a regular file (not a link,
    /// not a FIFO) that starts with the marker's text. An empty file of that name, made by
    /// hand or by anything else, does not let `--force` replace the folder.
    static func holdsMarker(_ folder: String) -> Bool {
        let path = folder + "/" + marker
        guard FileTree.kind(of: path) == .file,
            let bytes = try? FileReader.read(path, limit: 4096, followLinks: false)
        else { return false }
        return bytes.starts(with: markerText.utf8)
    }

    /// Checks a file output; `replace` is `--force`.
    public func checkFile(_ output: String, replace: Bool) throws(RenderError) {
        try Self.checkNotLink(output)
        try checkClear(output)
        guard FileReader.exists(output) else { return }
        guard !FileReader.isFolder(output) else {
            throw .unsafeOutput(output, "it is a folder")
        }
        // `--force` replaces a file by renaming over it: a device or FIFO (`/dev/null`)
        // would become a file of plaintext in its place.
        if let kind = Self.special(output) {
            throw .unsafeOutput(output, "it is \(kind), not a regular file")
        }
        guard replace else { throw .outputExists(output, isFolder: false) }
    }

    /// Refuses an output that is a symbolic link, dangling or not. Writing through it would
    /// leave plaintext where a later `--force` (which replaces the path) cannot reach it;
    /// replacing it would put plaintext on the link's file system, not its target's (a link
    /// to a folder in memory, say): neither is done (found by fresh testers).
    static func checkNotLink(_ output: String) throws(RenderError) {
        if FileTree.kind(of: output) == .link { throw .linkOutput(output) }
    }

    /// What `path` is when it is neither a regular file, a folder nor a symbolic link.
    static func special(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }

    /// Refuses to render the folder `source` when it is, lies inside, or holds one of the
    /// master key locations `keys` (the key folder, `TRESOR_KEY_FILE`): a render copies
    /// every file it does not resolve, keys included.
    public static func checkSource(_ source: String, keys: [String]) throws(RenderError) {
        let folder = canonical(source)
        for key in keys.map(canonical) {
            if folder.isSamePath(as: key) || isInside(folder, key) {
                throw .unsafeSource(source, "it is, or lies inside, the master key location \(key)")
            }
            if isInside(key, folder) {
                throw .unsafeSource(source, "it holds the master key location \(key)")
            }
        }
    }

    private func checkClear(_ output: String) throws(RenderError) {
        let target = Self.canonical(output)
        for path in protected {
            if target.isSamePath(as: path) || Self.isInside(target, path) {
                throw .unsafeOutput(output, "it is, or lies inside, \(path)")
            }
            if Self.isInside(path, target) {
                throw .unsafeOutput(output, "it holds \(path)")
            }
        }
        // A second path to a folder (a bind mount) resolves to itself, so the paths above
        // cannot tell: the folders are compared by device and inode too (found by a fresh
        // tester, who rendered into the process folder through a bind mount).
        let above = Set(Self.identities(upFrom: target))
        let own = FileIdentity(at: target)
        // Only a mount above the output, of the file system a protected folder is on, can
        // lead into one of its folders: the walk over them (20 ms for a large process
        // folder) is made only then.
        let devices = Set(protected.compactMap { FileIdentity(at: $0)?.device })
        let mounted = Self.pathsUp(from: target).contains { folder in
            guard !folder.isSamePath(as: "/"), let device = FileIdentity(at: folder)?.device,
                devices.contains(device)
            else { return false }
            return tresor_is_mount_root(folder, device) == 1
        }
        for path in protected {
            // A folder inside a protected one, mounted elsewhere, is reached by no path
            // above it (found by a second fresh tester).
            let folders =
                mounted
                ? Self.folderIdentities(under: path)
                : FileIdentity(at: path).map { [($0, "")] } ?? []
            for (inner, name) in folders where above.contains(inner) {
                throw .unsafeOutput(
                    output,
                    "it is, or lies inside, \(path)\(name.isEmpty ? "" : "/" + name), reached by "
                        + "another path (a mount)")
            }
            if let own, Self.identities(upFrom: path).dropFirst().contains(own) {
                throw .unsafeOutput(
                    output, "it holds \(path), reached by another path (a mount or a hard link)")
            }
        }
    }

    /// The identity of `path` and of each folder under it that a walk lists (hidden ones
    /// not looked into), with its path relative to `path`; only `path`'s own when it is no
    /// folder or cannot be walked.
    // Limitation: hidden folders are not looked into, and an overlay mount's upper folder
    // is not seen at all: an output through either lands inside (README, Known
    // limitations).
    static func folderIdentities(under path: String) -> [(FileIdentity, String)] {
        guard let top = FileIdentity(at: path) else { return [] }
        guard FileTree.kind(of: path) == .folder, let listing = try? FileTree.walk(under: path)
        else { return [(top, "")] }
        return [(top, "")]
            + (listing.folders + listing.hidden).compactMap { name in
                FileIdentity(at: path + "/" + name).map { ($0, name) }
            }
    }

    /// The identities of what stands at `path` and of each folder above it, up to `/`:
    /// the folders a file at `path` lies inside.
    static func identities(upFrom path: String) -> [FileIdentity] {
        pathsUp(from: path).compactMap { FileIdentity(at: $0) }
    }

    /// `path` and each folder above it, up to `/`.
    static func pathsUp(from path: String) -> [String] {
        var paths: [String] = []
        var current = path
        while true {
            paths.append(current)
            if current.isSamePath(as: "/") || current.isEmpty { return paths }
            let parent = AtomicFile.parent(of: current)
            if parent == current || parent == "." { return paths }
            current = parent
        }
    }

    /// True when `path` lies strictly inside `folder`, byte by byte (see `PathNames.swift`).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path.isPath(inside: folder)
    }

    /// `path` with symbolic links, `.` and `..` resolved; the part that does not exist yet
    /// is appended to the resolved part that does.
    public static func canonical(_ path: String) -> String {
        var existing = FileTree.normalized(path)
        var rest: [String] = []
        while !FileReader.exists(existing), !existing.isSamePath(as: "/") {
            rest.insert(String(existing.lastPathName), at: 0)
            existing = AtomicFile.parent(of: existing)
        }
        let resolved =
            realpath(existing, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? existing
        return FileTree.normalized(([resolved] + rest).joined(separator: "/"))
    }

}
