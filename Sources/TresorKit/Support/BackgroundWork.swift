import Dispatch

/// Work started on another thread at once, whose result the caller takes later: the caller
/// goes on with other work meanwhile. `validate` checks the vault's files so while it reads
/// the process files, and neither waits for the other's last, slowest file.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchGroup()
    /// Written once, on the worker, before `finished` is left; read only after waiting.
    private var outcome: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        finished.enter()
        DispatchQueue.global().async { [self] in
            outcome = Result { try work() }
            finished.leave()
        }
    }

    /// What the work returned, or the error it threw, once it has ended.
    public func value() throws -> Value {
        finished.wait()
        return try outcome!.get()
    }
}
