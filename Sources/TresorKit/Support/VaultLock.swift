#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a vault, held while one `tresor` process changes it, so that two
/// concurrent edits are applied one after the other and neither is lost.
///
/// It is an advisory `flock(2)` on `vault/.lock`. The kernel drops the lock when its
/// process ends, however it ends, so a lock left behind by a killed process never blocks
/// anyone: the file may stay, the lock does not.
public final class VaultLock {
    private let descriptor: Int32

    /// Takes the lock, waiting up to `timeout` seconds for another holder to let go.
    public init(folder: String, timeout: Double = 10) throws(LockError) {
        let path = folder + "/.lock"
        // O_NOFOLLOW: a `.lock` link planted in the repository must not create or lock a
        // file elsewhere.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path, errno) }
        let deadline = MonotonicClock.seconds() + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, MonotonicClock.seconds() < deadline else {
                close(descriptor)
                throw .busy(path, waited: timeout)
            }
            usleep(10_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why the vault lock could not be taken.
public enum LockError: TresorError {
    case cannotOpen(String, Int32)
    case busy(String, waited: Double)

    public var message: String {
        switch self {
        case .cannotOpen(let path, let code) where code == ELOOP:
            "the vault lock \(path) is a symbolic link"
        case .cannotOpen(let path, let code):
            "cannot open the vault lock \(path): \(String(cString: strerror(code)))"
        case .busy(let path, let waited):
            "the vault is being changed by another tresor process (\(path) held for "
                + "more than \(Int(waited)) s)"
        }
    }

    public var hint: String? {
        switch self {
        case .cannotOpen(_, let code) where code == ELOOP:
            "remove the link: tresor makes vault/.lock itself, and follows no link in the vault"
        // A folder in the lock's place: "check that the vault folder is writable" sent
        // the user the wrong way (found by a thirty-eighth fresh tester).
        case .cannotOpen(let path, let code) where code == EISDIR:
            "remove the folder (rm -r \(path)): tresor makes vault/.lock itself as a file"
        case .cannotOpen: "check that the vault folder is writable"
        case .busy:
            "wait for the other command to finish and run this one again; nothing was changed"
        }
    }

    public var exitCode: ExitCode {
        switch self {
        // A link in the vault is a vault error, as for every other vault file.
        case .cannotOpen(_, let code) where code == ELOOP: .vault
        case .cannotOpen: .io
        case .busy: .locked
        }
    }
}
