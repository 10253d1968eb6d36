import CTresorFiles

/// Temporary files and folders that Ctrl-C, a TERM or a HUP removes before it ends
/// `tresor` (the handler is in `SignalCleanup.c`): an output is built under a temporary
/// name and renamed into place, and a killed render left it, plaintext and all, until the
/// next render to the same place (found by a fresh tester).
///
/// A path is registered before it is created, so no moment exists where it is there and
/// a signal would leave it, and forgotten once it is renamed into place or removed.
// Limitation: SIGKILL removes nothing, and at most 32 paths are registered at once (a
// further one is left, as before); a later render or deploy to the same output removes
// what is left (README, Known limitations).
public enum SignalCleanup {
    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (a signal ignored at start
    /// stays ignored). Called once, at start.
    public static func install() { tresor_cleanup_install() }

    /// Runs `body` with the three signals only noted, not acted on: a key command is
    /// stopped with all it started before `tresor` ends (it was left running, orphaned;
    /// found by a twenty-fifth fresh tester). `body` looks at ``signalPending`` and stops
    /// its child when one came; then the signal ends the process as it would have.
    static func deferringSignals<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        tresor_cleanup_defer()
        defer { tresor_cleanup_resume() }
        return try body()
    }

    /// True once a signal was noted while deferred.
    static var signalPending: Bool { tresor_cleanup_pending() != 0 }

    /// Registers the file `path`; returns the slot for ``forget(_:)``.
    static func add(file path: String) -> Int32 { tresor_cleanup_add(path) }

    static func forget(_ slot: Int32) { tresor_cleanup_remove(slot) }

    /// Registers the folder `path`, removed with all it holds by the signal.
    static func add(tree path: String) {
        let slot = tresor_cleanup_add_tree(path)
        guard slot >= 0 else { return }
        trees.withLock { $0[path] = slot }
    }

    /// Forgets the folder `path` (in place under its final name now, or removed).
    public static func forget(tree path: String) {
        if let slot = trees.withLock({ $0.removeValue(forKey: path) }) { forget(slot) }
    }

    private static let trees = Locked<[String: Int32]>([:])
}

/// A value behind a lock, for state shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = Mutex()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
