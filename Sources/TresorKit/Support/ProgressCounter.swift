/// Counts the steps of a long piece of work (reading many process files, rendering a
/// folder) and tells the caller, which may draw a progress bar. The library never draws:
/// whether a terminal is there is the command line's business.
///
/// Safe to advance from many threads; the handler is called under a lock, one call at a
/// time, with the steps done so far and the total.
public final class ProgressCounter: @unchecked Sendable {
    /// Called after each step with (done, total).
    public typealias Handler = @Sendable (_ done: Int, _ total: Int) -> Void

    public let total: Int
    private var done = 0
    private let handler: Handler
    private let lock = Mutex()

    public init(total: Int, handler: @escaping Handler) {
        self.total = total
        self.handler = handler
    }

    /// One step done.
    public func advance() {
        lock.withLock {
            done += 1
            handler(done, total)
        }
    }
}
