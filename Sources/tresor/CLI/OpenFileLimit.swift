#if canImport(Glibc)
    import Glibc
#endif

/// The limit of open files (`ulimit -n`), raised where it is too low for Tresor to work:
/// the scans run on all cores through libdispatch, whose threads trap (SIGILL, no message)
/// when they cannot open their own event descriptors (found by a thirty-fifth fresh
/// tester, with 5 or 6 allowed).
enum OpenFileLimit {
    /// What a command needs at most: the folder held open, a file per reading thread, a
    /// lock, pipes to git or a key command, and libdispatch's own.
    static let wanted: rlim_t = 64
    /// Below this, commands fail (at best with "too many open files").
    static let needed: rlim_t = 16

    /// Raises the soft limit toward ``wanted`` (never above the hard limit); returns an
    /// error line when it stays below ``needed``.
    static func raise() -> String? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        guard limit.rlim_cur < wanted else { return nil }
        var raised = limit
        raised.rlim_cur = min(wanted, limit.rlim_max)
        if raised.rlim_cur > limit.rlim_cur,
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0
        {
            limit = raised
        }
        guard limit.rlim_cur < needed else { return nil }
        return "tresor: error: the limit of open files (ulimit -n) is \(limit.rlim_cur); tresor "
            + "needs at least \(needed)\n  hint: raise it before running tresor, for example "
            + "`ulimit -n \(wanted)`\n"
    }
}
