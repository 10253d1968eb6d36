#if canImport(Glibc)
    import Glibc
#endif

/// A folder held open, so that a scan can open each of thousands of files beneath it
/// (``FileReader/read(_:beneath:limit:)``) without opening and closing the folder again
/// for every one. The folder is the one `path` named when it was opened, whatever happens
/// to the path later; its descriptor closes with the last reference.
public final class OpenFolder: Sendable {
    /// The folder's path, as given; errors name files under it.
    public let path: String
    let descriptor: Int32

    public init(_ path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("open", path, errno) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
