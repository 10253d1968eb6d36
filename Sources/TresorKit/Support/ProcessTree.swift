#if canImport(Glibc)
    import Glibc
#endif

/// The processes descended from one, found through `/proc`: a key command past its time
/// limit is stopped with every process it started, not only the shell `tresor` started
/// (a shell forks even for a single command, and what it forked kept running and held
/// `tresor`'s standard error open; found by a sixteenth fresh tester). A process group
/// would be simpler, but a command in a group of its own is not in the terminal's
/// foreground group, and a pinentry reading the terminal would be stopped.
enum ProcessTree {
    /// The longest the search goes on: a fork bomb that grows as fast as it is stopped
    /// kept `tresor` searching for 40 s (found by a seventeenth fresh tester).
    static let searchSeconds = 1.0

    /// Kills `root` and its descendants. Each is stopped (SIGSTOP) as it is found, so that
    /// none can start another while the tree is searched, and the search repeats until it
    /// finds no new one, or for ``searchSeconds`` at most; then all are killed (SIGKILL).
    /// The caller still waits for `root`.
    // Limitation: a descendant that left the tree before the search (a daemon that detached
    // and was taken over by init), or that a fork bomb started after the search ended, is
    // not found and runs on (README, Known limitations).
    static func kill(_ root: pid_t) {
        var found: Set<pid_t> = [root]
        _ = Glibc.kill(root, SIGSTOP)
        let deadline = MonotonicClock.seconds() + searchSeconds
        var grew = true
        while grew, MonotonicClock.seconds() < deadline {
            grew = false
            for (pid, parent) in parents() where found.contains(parent) && !found.contains(pid) {
                _ = Glibc.kill(pid, SIGSTOP)
                found.insert(pid)
                grew = true
            }
        }
        for pid in found { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Every process of `/proc` with its parent's PID (field 4 of `/proc/PID/stat`, read
    /// after the command name's closing parenthesis, since the name may hold spaces).
    static func parents() -> [(pid: pid_t, parent: pid_t)] {
        guard let names = FileTree.names(in: "/proc") else { return [] }
        var result: [(pid: pid_t, parent: pid_t)] = []
        for name in names {
            guard let pid = pid_t(name), pid > 0, let stat = statLine("/proc/\(name)/stat"),
                let close = stat.lastIndex(of: UInt8(ascii: ")"))
            else { continue }
            // ") S 1234 ...": the state, then the parent's PID.
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let parent = pid_t(String(decoding: fields[1], as: UTF8.self))
            else { continue }
            result.append((pid, parent))
        }
        return result
    }

    /// The first bytes of a `/proc/PID/stat` (its size says 0, so it is read as a pipe
    /// would be: what one read gives); nil when the process is gone.
    private static func statLine(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let line = [UInt8](unsafeUninitializedCapacity: 1024) { buffer, count in
            count = max(0, Glibc.read(descriptor, buffer.baseAddress, buffer.count))
        }
        return line.isEmpty ? nil : line
    }
}
