import CTresorFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that a reader, or a crash, sees either the old file or the new one,
/// never a part: write a temporary sibling, fsync it, rename it over the target, fsync the
/// folder.
///
/// The temporary file lies in the same folder (the rename must not cross file systems) and
/// is removed when anything fails.
public enum AtomicFile {
    /// What a write names its temporary file.
    public enum Temporary: Sendable {
        /// `.NAME.tmp-PID-N`, unique to the process. The ones that processes now gone left
        /// beside the target are removed first, which lists the folder.
        case unique
        /// A name in the target's folder that the caller holds a lock for, one that every
        /// writer to the folder takes (the vault's): the name is the caller's alone, so one
        /// that a killed writer left is removed first and the folder is never listed. In a
        /// vault of 10,000 secrets, each listing cost an edit 4 ms, and a rekey one per file.
        case reserved(String)
    }

    /// What a write may replace at its target.
    public enum Replacing: Sendable, Equatable {
        /// A regular file, whichever (the vault's files, a process file `fix` rewrites).
        case anyFile
        /// Nothing: the target is only created, and what appeared there since the caller
        /// found nothing is never replaced (``FileError/appeared(_:)``).
        case nothing
        /// The regular file the caller found at the start (an output, with `--force`), and
        /// nothing put in its place since.
        case only(FileIdentity)

        /// For an output checked at the start: the file found there with `--force`, else
        /// nothing.
        public static func output(_ path: String, force: Bool) -> Replacing {
            guard force, let found = FileIdentity(at: path) else { return .nothing }
            return .only(found)
        }
    }

    /// Replaces (or creates) `path` with `bytes`, with permissions `mode`; `replacing`
    /// says what may stand there.
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644,
        temporary: Temporary = .unique, replacing: Replacing = .anyFile
    ) throws(FileError) {
        let direct = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(FileError) in
                try write(
                    UnsafeRawBufferPointer(buffer), to: path, mode: mode, temporary: temporary,
                    replacing: replacing)
            }
        }
        if let direct { return try direct.get() }
        try write(
            Array(bytes), to: path, mode: mode, temporary: temporary, replacing: replacing)
    }

    /// Replaces (or creates) `path` with `bytes`, written from where they lie (the caller's
    /// ``WipedArray``, say), never copied.
    public static func write(
        _ bytes: UnsafeRawBufferPointer, to path: String, mode: mode_t = 0o644,
        temporary kind: Temporary = .unique, replacing: Replacing = .anyFile
    ) throws(FileError) {
        let temporary: String
        switch kind {
        case .unique:
            removeStaleTemporaries(of: path)
            temporary = temporaryPath(for: path)
        case .reserved(let name):
            temporary = parent(of: path) + "/" + name
            unlink(temporary)
        }
        // Ctrl-C or a TERM while it is written removes it (``SignalCleanup``): it may hold
        // a rendered file's plaintext. Registered before it exists.
        let slot = SignalCleanup.add(file: temporary)
        defer { SignalCleanup.forget(slot) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            // Name the file asked for, not its temporary sibling: the user never chose that.
            throw .system("create", path, errno)
        }
        do throws(FileError) {
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fchmod(descriptor, mode) == 0 else { throw .system("chmod", temporary, errno) }
            guard fsync(descriptor) == 0 else { throw .system("fsync", temporary, errno) }
            close(descriptor)
            try put(temporary, at: path, replacing: replacing)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        syncFolder(of: path)
    }

    /// Renames `temporary` to `path` when what stands there may be replaced: a FIFO, link
    /// or folder put there since never is (found by a fourth fresh tester), nor a file in
    /// the place of the one found at the start (found by a fifth); where nothing stands,
    /// the rename never replaces what appears meanwhile.
    // Limitation: a file swapped in between the last check and the rename is replaced
    // (README, Known limitations).
    private static func put(
        _ temporary: String, at path: String, replacing: Replacing
    ) throws(FileError) {
        let kind = FileTree.kind(of: path)
        if kind != .missing {
            switch replacing {
            case .nothing: throw .appeared(path)
            case .only(let found) where FileIdentity(at: path) != found: throw .appeared(path)
            case .anyFile, .only: guard kind == .file else { throw .appeared(path) }
            }
            guard rename(temporary, path) == 0 else { throw .system("rename", path, errno) }
        } else if tresor_rename_noreplace(temporary, path) != 0 {
            throw errno == EEXIST ? .appeared(path) : .system("rename", path, errno)
        }
    }

    /// Writes every byte to an open descriptor, retrying short writes and interrupts.
    static func writeAll(
        _ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String
    ) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .system("write", path, errno)
            }
            offset += written
        }
    }

    /// Makes a rename durable by syncing the folder that holds `path`.
    public static func syncFolder(of path: String) {
        let folder = parent(of: path)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Removes the temporary files and folders (`.NAME.tmp-PID-N`, and their `.old`) that
    /// a killed process left beside `path`: a killed render would otherwise leave plaintext
    /// there. Only those whose process is gone are removed.
    // Limitation: a killed process's temporary stays until the next write beside it, and
    // stays when its PID has been reused by a live process.
    static func removeStaleTemporaries(of path: String) {
        let folder = parent(of: path)
        let prefix = temporaryPrefix(of: path.lastPathName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.utf8.starts(with: prefix.utf8) {
            let digits = name.utf8.dropFirst(prefix.utf8.count).prefix {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
            guard let pid = pid_t(String(decoding: digits, as: UTF8.self)), kill(pid, 0) != 0,
                errno == ESRCH
            else { continue }
            FileTree.remove(folder + "/" + name)
        }
    }

    static func parent(of path: String) -> String {
        path.pathParent.map(String.init) ?? "."
    }

    /// `.NAME.tmp-PID-N` beside `path`: the form of unique temporary names, which
    /// ``removeStaleTemporaries(of:)`` relies on (and `vault/.gitignore`, as on the
    /// vault's reserved name).
    static func temporaryPath(for path: String) -> String {
        let folder = parent(of: path)
        let unique = Counter.next()
        return "\(folder)/\(temporaryPrefix(of: path.lastPathName))\(getpid())-\(unique)"
    }

    /// The bytes of a name a temporary name keeps: with `.`, `.tmp-`, a PID (at most 7
    /// digits on Linux) and a counter, the temporary of a name of 255 bytes (the most a
    /// file name may have) must still fit. Longer names are cut there: deploy's task input
    /// files of 239-255 bytes could not be written (found by a second fresh tester).
    static let keptNameBytes = 200

    /// `.NAME.tmp-`, with `name` cut to ``keptNameBytes`` bytes on a character boundary.
    static func temporaryPrefix(of name: some StringProtocol) -> String {
        var kept = ""
        var bytes = 0
        for scalar in name.unicodeScalars {
            bytes += scalar.utf8.count
            guard bytes <= keptNameBytes else { break }
            kept.unicodeScalars.append(scalar)
        }
        return "." + kept + ".tmp-"
    }
}

/// A process-wide counter for unique temporary names within one process.
enum Counter {
    nonisolated(unsafe) private static var value = 0
    private static let lock = Mutex()

    static func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

/// A small pthread mutex, for the rare process-wide state the library keeps.
final class Mutex: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
