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
        }
    }

    /// The reason alone ("Permission denied"), without the path.
    public var reason: String? {
        switch self {
        case .system(_, _, let code): String(cString: strerror(code))
        case .tooLarge(_, let limit): "larger than \(limit) bytes"
        case .notRegularFile: "not a regular file"
        case .exists: "it already exists"
        }
    }

    public var hint: String? {
        switch self {
        case .system(_, _, let code) where code == ENOSPC || code == EFBIG || code == EDQUOT:
            "free some disk space and run the command again; nothing was changed"
        case .system(_, _, let code) where code == EACCES || code == EPERM:
            "check the permissions of the file and its folder"
        case .system(let operation, _, let code)
        where code == ENOENT && ["open", "read", "stat", "list"].contains(operation):
            "check the path: nothing is there"
        case .system(_, _, let code) where code == ENOENT:
            "check that the folder it goes in exists; tresor creates no parent folders"
        case .exists: "remove it first or choose another path"
        default: nil
        }
    }

    public var exitCode: ExitCode { .io }
}
