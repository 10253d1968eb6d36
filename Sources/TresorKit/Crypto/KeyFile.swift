#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX side of key files: reading with ownership and permission checks, and
/// creating without ever replacing. Everything works on the open descriptor (`fstat`, not
/// `stat`), so the file checked is the file read.
enum KeyFile {
    /// The key file's text in wiped memory, or nil when no file exists at `path`. Without
    /// `checkingAccess`, a regular file is read whoever owns it and whoever else may read
    /// it: only to mask the keys it holds (`redact`), never to open a value with one.
    static func contents(
        of path: String, limit: Int, checkingAccess: Bool = true
    ) throws(KeyError) -> SecretBytes? {
        // O_NONBLOCK: opening a FIFO must not hang; fstat then refuses it.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, reason: lastError())
        }
        defer { close(fd) }
        try checkOwnership(fd, path: path, checkingAccess: checkingAccess)
        return try readAll(fd, path: path, limit: limit)
    }

    /// Refuses anything but a regular file of the current user closed to group and others
    /// (a regular file alone, without `checkingAccess`).
    private static func checkOwnership(
        _ fd: Int32, path: String, checkingAccess: Bool
    ) throws(KeyError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .unreadable(path: path, reason: lastError())
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }
        guard checkingAccess else { return }
        guard info.st_uid == getuid() else { throw .notOwned(path: path) }
        let mode = UInt32(info.st_mode) & 0o7777
        guard mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: mode) }
    }

    /// Reads up to `limit` bytes; one byte more means the file is too large.
    private static func readAll(
        _ fd: Int32, path: String, limit: Int
    ) throws(KeyError) -> SecretBytes {
        try SecretBytes(capacity: limit + 1) { buffer throws(KeyError) in
            var used = 0
            while used < buffer.count {
                let got = read(fd, buffer.baseAddress! + used, buffer.count - used)
                if got == 0 { break }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(path: path, reason: lastError())
                }
                used += got
            }
            guard used <= limit else { throw .tooLarge(path: path) }
            return used
        }
    }

    /// Creates the missing folders above `path` with mode 0700, whatever the creation
    /// mask; existing ones are left as they are.
    static func createFolders(for path: String) throws(KeyError) {
        let parts = path.pathNames.dropLast()
        var folder = ""
        for part in parts {
            folder += "/" + part
            do { try FileTree.makeFolder(folder, mode: 0o700) } catch {
                throw .unwritable(path: path, reason: error.reason ?? lastError())
            }
        }
    }

    /// Creates `path` (mode 0600, failing if it exists), writes `text`, and syncs it. A
    /// partly written file is removed, so a failed store leaves no broken key behind.
    static func create(_ path: String, holding text: SecretBytes) throws(KeyError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .unwritable(path: path, reason: lastError())
        }
        do throws(KeyError) {
            try writeAll(text, to: fd, path: path)
            guard fsync(fd) == 0 else { throw .unwritable(path: path, reason: lastError()) }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        // Limitation: the parent folder is not fsynced, so a power loss right after `store`
        // may lose the new file's directory entry even though its contents were synced.
        guard close(fd) == 0 else { throw .unwritable(path: path, reason: lastError()) }
    }

    private static func writeAll(_ text: SecretBytes, to fd: Int32, path: String) throws(KeyError) {
        try text.withUnsafeBytes { bytes throws(KeyError) in
            var done = 0
            while done < bytes.count {
                let wrote = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if wrote < 0, errno == EINTR { continue }
                guard wrote > 0 else { throw .unwritable(path: path, reason: lastError()) }
                done += wrote
            }
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
