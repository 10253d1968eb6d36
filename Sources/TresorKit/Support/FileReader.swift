#if canImport(Glibc)
    import Glibc
#endif

/// Reads whole files with a size limit, without Foundation, so hot paths (a git hook, a
/// per-job render) stay cheap and hostile files cannot exhaust memory.
public enum FileReader {
    /// The bytes of the regular file at `path`, refusing files above `limit` bytes.
    /// Symbolic links are followed unless `followLinks` is false.
    public static func read(
        _ path: String, limit: Int, followLinks: Bool = true
    ) throws(FileError) -> [UInt8] {
        let flags = O_RDONLY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { throw .system("open", path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system("stat", path, errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path) }
        guard Int(status.st_size) <= limit else { throw .tooLarge(path, limit: limit) }
        return try readAll(descriptor, path: path, limit: limit)
    }

    /// Everything readable from `descriptor` (a file or standard input), up to `limit`.
    public static func readAll(
        _ descriptor: Int32, path: String, limit: Int
    ) throws(FileError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress, $0.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("read", path, errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
            guard result.count <= limit else { throw .tooLarge(path, limit: limit) }
        }
    }

    /// True when `path` names an existing file system entry (without following a final link).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// True when `path` is a folder (following links).
    public static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
