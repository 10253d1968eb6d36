import CTresorFiles

#if canImport(Glibc)
    import Glibc
#endif

/// Mounts inside a folder tree: removing an earlier output never reaches through one (a
/// vault, a key folder or a process folder bind-mounted inside an output was emptied by
/// `render --force`; found by a fresh tester).
extension FileTree {
    /// What lies under a folder, as far as mounts go.
    public enum Mounts: Sendable {
        /// No folder under it is another file system's or a mount's root.
        case none
        /// One is.
        case some
        /// A folder could not be read: nothing is removed through it.
        case unknown
    }

    /// Whether any folder under `path` (not `path` itself, which may be a mount point made
    /// for the output) is on another device or the root of a mount.
    public static func mounts(under path: String) -> Mounts {
        switch tresor_holds_mount(path) {
        case 0: .none
        case 1: .some
        default: .unknown
        }
    }

    /// True when the folder `path` is on another device than `device` or the root of a
    /// mount, or cannot be read: a walk that changes folders stops there.
    static func mayCrossMount(_ path: String, from device: UInt64) -> Bool {
        tresor_is_mount_root(path, device) != 0
    }
}
