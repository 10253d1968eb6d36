#if canImport(Glibc)
    import Glibc
#endif

/// What stood at a path when a command began, by device and inode: an output may be
/// replaced only if the very file or folder found then is still there, not something of
/// the same kind put in its place since (a fifth fresh tester had `--force` replace
/// another program's file that had taken an earlier output's place).
public struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64

    /// What stands at `path` now, a symbolic link itself and not its target; nil when
    /// nothing does.
    public init?(at path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
