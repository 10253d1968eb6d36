#if canImport(Glibc)
    import Glibc
#endif

/// Seconds on the monotonic clock, for deadlines and waits that a change of the wall clock
/// must not stretch or cut short (the vault lock, a key command's time limit, the search
/// of its process tree).
enum MonotonicClock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
