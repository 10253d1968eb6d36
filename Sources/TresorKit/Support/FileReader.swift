import CTresorFiles

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
        let (descriptor, size) = try openRegularFile(path, limit: limit, followLinks: followLinks)
        defer { close(descriptor) }
        return try readAll(descriptor, path: path, limit: limit, expected: size, isSize: true)
    }

    /// The bytes of the regular file `relative` (a `/`-separated path) under the folder
    /// `root`, refusing files above `limit` bytes. No symbolic link is followed on the way
    /// from `root`: not the file, and not a folder that a link replaced since the folder
    /// was listed (``FileError/linkOnTheWay(_:)``). `root` itself may be reached by links.
    public static func read(
        _ relative: String, beneath root: String, limit: Int
    ) throws(FileError) -> [UInt8] {
        try read(relative, beneath: try OpenFolder(root), limit: limit)
    }

    /// ``read(_:beneath:limit:)`` under a folder already open.
    public static func read(
        _ relative: String, beneath folder: OpenFolder, limit: Int
    ) throws(FileError) -> [UInt8] {
        let path = folder.path + "/" + relative
        let descriptor = try openBeneath(
            relative, folder.descriptor, flags: O_RDONLY | O_NONBLOCK, path: path)
        let size = try checkRegularFile(descriptor, path: path, limit: limit)
        defer { close(descriptor) }
        return try readAll(descriptor, path: path, limit: limit, expected: size, isSize: true)
    }

    /// `relative` opened from the open folder `folder` without following a link at any
    /// step (`tresor_open_beneath`); `path` names it in errors, where a link on the way is
    /// ``FileError/linkOnTheWay(_:)``.
    static func openBeneath(
        _ relative: String, _ folder: Int32, flags: Int32, path: String,
        operation: String = "open"
    ) throws(FileError) -> Int32 {
        let descriptor = tresor_open_beneath(folder, relative, flags)
        guard descriptor >= 0 else {
            let failure = errno
            throw failure == ELOOP || failure == EXDEV
                ? .linkOnTheWay(path) : .system(operation, path, failure)
        }
        return descriptor
    }

    /// Opens the regular file at `path` for reading and returns its descriptor and size;
    /// refuses other kinds of files and files above `limit` bytes.
    static func openRegularFile(
        _ path: String, limit: Int, followLinks: Bool = true
    ) throws(FileError) -> (Int32, Int) {
        // O_NONBLOCK: opening a FIFO for reading would wait for a writer, for ever (a FIFO
        // named like a vault file hung `list`; found by a fresh tester). It is then
        // refused as not a regular file; a regular file's reads ignore the flag.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { throw .system("open", path, errno) }
        return (descriptor, try checkRegularFile(descriptor, path: path, limit: limit))
    }

    /// The size of the open file `descriptor`, once it is known to be a regular file of at
    /// most `limit` bytes; otherwise closes it and throws.
    private static func checkRegularFile(
        _ descriptor: Int32, path: String, limit: Int
    ) throws(FileError) -> Int {
        var status = stat()
        do throws(FileError) {
            guard fstat(descriptor, &status) == 0 else { throw .system("stat", path, errno) }
            guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path) }
            guard Int(status.st_size) <= limit else { throw .tooLarge(path, limit: limit) }
        } catch {
            close(descriptor)
            throw error
        }
        return Int(status.st_size)
    }

    /// Everything readable from `descriptor` (a file or standard input), up to `limit`.
    ///
    /// `expected` is the size the file is thought to have: the bytes are read straight into
    /// an array of that size (plus one byte, to notice growth), not through a zeroed chunk.
    /// With `isSize` (`expected` is a regular file's size from `fstat`), a read that stops
    /// exactly there is the end of the file: asking again only to be told so cost a system
    /// call per file, 6,000 in a scan of the large benchmark.
    public static func readAll(
        _ descriptor: Int32, path: String, limit: Int, expected: Int = 64 * 1024,
        isSize: Bool = false
    ) throws(FileError) -> [UInt8] {
        var result: [UInt8] = []
        var capacity = min(max(expected, 0), limit) + 1
        while true {
            let start = result.count
            let room = capacity - start
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                count = Glibc.read(descriptor, buffer.baseAddress, room)
                if count < 0 { (failure, count) = (errno, 0) }
            }
            // The first chunk, usually the whole file, is the result itself: no copy.
            if result.isEmpty { result = chunk } else { result.append(contentsOf: chunk) }
            if failure == EINTR { continue }
            if failure != 0 { throw .system("read", path, failure) }
            if result.count == start { return result }
            if isSize, result.count == expected, result.count < capacity { return result }
            guard result.count <= limit else { throw .tooLarge(path, limit: limit) }
            if result.count == capacity { capacity = min(capacity * 2, limit + 1) }
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
