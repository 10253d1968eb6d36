#if canImport(Glibc)
    import Glibc
#endif

/// Reading a value (`--value-file`, standard input) straight into wiped memory: the
/// ordinary readers grow arrays by copying, and every copy left behind would hold it.
extension FileReader {
    /// The bytes of the regular file or pipe at `path`, up to `limit`, in a ``WipedArray``:
    /// a pipe (`--value-file <(command)`, or `/dev/stdin` in a pipeline) lets a value come
    /// from a command without touching a disk. Other kinds of files (folders, devices,
    /// sockets) are refused.
    public static func readWiped(_ path: String, limit: Int) throws(FileError) -> WipedArray<UInt8>
    {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("open", path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system("stat", path, errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard Int(status.st_size) <= limit else { throw .tooLarge(path, limit: limit) }
        case S_IFIFO: break
        default: throw .notRegularFile(path)
        }
        return try readAllWiped(descriptor, path: path, limit: limit)
    }

    /// Everything readable from `descriptor` (a file or standard input), up to `limit`, in
    /// a ``WipedArray``: read in place into its spare room, which grows by wiped copies.
    public static func readAllWiped(
        _ descriptor: Int32, path: String, limit: Int
    ) throws(FileError) -> WipedArray<UInt8> {
        let output = WipedArray<UInt8>(capacity: min(limit + 1, 64 * 1024))
        while true {
            let room = min(64 * 1024, limit + 1 - output.count)
            var count = 0
            var failure: Int32 = 0
            output.append(count: room) { buffer in
                count = Glibc.read(descriptor, buffer.baseAddress, room)
                if count < 0 { (failure, count) = (errno, 0) }
            }
            output.removeLast(room - count)
            if failure == EINTR { continue }
            if failure != 0 { throw .system("read", path, failure) }
            if count == 0 { return output }
            guard output.count <= limit else { throw .tooLarge(path, limit: limit) }
        }
    }
}
