import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress bar on standard error, `reading process files [#####.....] 12/40`,
/// redrawn in place at most 20 times a second and erased when the work is done, so the
/// terminal is left as it was. Created only when standard error is a terminal and the
/// command is not `--quiet`: a pipe or a log file never sees it.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var lastDraw: Double = 0
    private var drawn = false
    private let cells = 30

    private init(label: String) { self.label = label }

    /// A bar for `label`, or nil when nothing should be drawn.
    static func start(_ label: String, console: Console) -> ProgressBar? {
        guard console.level > .quiet, isatty(2) == 1 else { return nil }
        return ProgressBar(label: label)
    }

    /// The handler for the library's ``ProgressCounter``; calls arrive one at a time.
    var handler: ProgressCounter.Handler {
        { [self] done, total in update(done: done, total: total) }
    }

    func update(done: Int, total: Int) {
        let now = Self.seconds()
        guard done == total || now - lastDraw >= 0.05 else { return }
        lastDraw = now
        let filled = total == 0 ? cells : cells * done / total
        let bar =
            String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled)
        Console.write(2, "\r\(label) [\(bar)] \(done)/\(total)\u{1B}[K")
        drawn = true
    }

    /// Erases the bar; call before printing anything else on standard error.
    func finish() {
        if drawn { Console.write(2, "\r\u{1B}[K") }
        drawn = false
    }

    private static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension Invocation {
    /// Runs `work` with a progress bar labelled `label` when one should be drawn.
    func withProgress<T>(
        _ label: String, _ work: (ProgressCounter.Handler?) throws -> T
    ) rethrows -> T {
        let bar = ProgressBar.start(label, console: console)
        defer { bar?.finish() }
        return try work(bar?.handler)
    }
}
