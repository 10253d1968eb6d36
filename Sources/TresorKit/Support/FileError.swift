#if canImport(Glibc)
    import Glibc
#endif

/// A failed file-system call, with the path and the system's reason.
public enum FileError: TresorError, Equatable {
    /// `operation` on `path` failed with `errno`.
    case system(String, String, Int32)
    /// A file is larger than the tool accepts.
    case tooLarge(String, limit: Int)
    /// A path that must be a regular file is something else (a folder, a link, a device).
    case notRegularFile(String)
    /// A file or folder that must not exist yet already does.
    case exists(String)
    /// A symbolic link stands on the way to a file in a folder whose links are never
    /// followed (a process folder), at the file or at a folder on its path.
    case linkOnTheWay(String)
    /// Something appeared at an output path while the command ran, where there was nothing
    /// (or nothing it may replace) when it began: it is never replaced.
    case appeared(String)
    /// A file name that is not valid UTF-8 (shown with U+FFFD for the bad bytes): Tresor's
    /// paths are strings, so it could neither read nor copy the file.
    case nameNotUTF8(String)

    public var message: String {
        switch self {
        case .system(let operation, let path, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case .tooLarge(let path, let limit):
            "\(path) is larger than \(limit) bytes"
        case .notRegularFile(let path):
            "\(path) is not a regular file"
        case .exists(let path):
            "\(path) already exists"
        case .appeared(let path):
            "something appeared at \(path) while tresor ran, so it was not replaced"
        case .linkOnTheWay(let path):
            "cannot open \(path): a symbolic link is on the way, and links in the process "
                + "folder are never followed"
        case .nameNotUTF8(let path):
            "the name of \(path) is not valid UTF-8"
        }
    }

    /// The reason alone ("Permission denied"), without the path.
    public var reason: String? {
        switch self {
        case .system(_, _, let code): String(cString: strerror(code))
        case .tooLarge(_, let limit): "larger than \(limit) bytes"
        case .notRegularFile: "not a regular file"
        case .exists: "it already exists"
        case .appeared: "it appeared while tresor ran"
        case .linkOnTheWay: "a symbolic link is on the way"
        case .nameNotUTF8: "the name is not valid UTF-8"
        }
    }

    public var hint: String? {
        switch self {
        case .system(_, _, let code) where code == ENOSPC || code == EFBIG || code == EDQUOT:
            "free some disk space and run the command again; nothing was changed"
        case .system(_, _, let code) where code == EACCES || code == EPERM:
            "check the permissions of the file and its folder"
        // A folder that exists on a read-only mount gave "cannot create" and no more
        // (found by a fresh tester).
        case .system(_, _, let code) where code == EROFS:
            "the file system there is mounted read-only: choose a path on a writable one"
        case .system(let operation, _, let code)
        where code == ENOENT && ["open", "read", "stat", "list"].contains(operation):
            "check the path: nothing is there"
        case .system(_, _, let code) where code == ENOENT:
            "check that the folder it goes in exists; tresor creates no parent folders"
        case .system(_, _, let code) where code == ENOTEMPTY || code == EEXIST:
            "something else wrote there while tresor ran (another render or deploy to the "
                + "same output at the same time?); nothing of this run was left there, run "
                + "it again"
        case .system(_, _, let code) where code == ENAMETOOLONG:
            "shorten the path: Linux takes paths of at most 4,095 bytes and names of at most "
                + "255"
        // Standard input is no file to move (found by a fresh tester).
        case .tooLarge(let path, _) where path == "standard input":
            "pass a smaller input: one task input, or a process file, is far smaller"
        case .tooLarge:
            "tresor reads no larger file there: make it smaller, or move it out of the folder "
                + "tresor reads"
        case .notRegularFile:
            "name a regular file (a pipe is taken only where a value is read, --value-file)"
        case .exists: "remove it first or choose another path"
        case .appeared:
            "another program (or another tresor) wrote there at the same time: look at what "
                + "it is, then remove it or choose another path and run again"
        case .linkOnTheWay:
            "replace the link with the folder or file itself (was it replaced during the run?)"
        case .nameNotUTF8: "rename it: Tresor reads only file names in UTF-8"
        default: nil
        }
    }

    public var exitCode: ExitCode { .io }

    /// The hint when it says more than a process folder error's general one: a name or
    /// path too long (the general one says to check that the path exists).
    var pathLengthHint: String? {
        if case .system(_, _, let code) = self, code == ENAMETOOLONG { return hint }
        return nil
    }
}
