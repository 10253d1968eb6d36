import Dispatch

/// Reads every process file of a folder, on all cores, in a stable order.
public enum ProcessScan {
    /// The documents of all process files under `folder`; locations use paths relative to
    /// the current folder when `folder` lies under it (`processes/order.bpmn`).
    ///
    /// With `referencesOnly`, files are read only as far as their references need (see
    /// ``ProcessFolder/readReferences(root:relativePath:)``): the findings are incomplete.
    public static func documents(
        in folder: String, displayPrefix: String? = nil, referencesOnly: Bool = false
    ) throws -> [ProcessDocument] {
        let files = try ProcessFolder.files(in: folder)
        let prefix = displayPrefix ?? folder
        let results = ResultSlots<ProcessDocument>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index) {
                var document =
                    referencesOnly
                    ? try ProcessFolder.readReferences(root: folder, relativePath: files[index])
                    : try ProcessFolder.read(root: folder, relativePath: files[index])
                document.prefixPaths(with: prefix)
                return document
            }
        }
        return try results.values()
    }
}

/// Fixed slots that concurrent workers fill, each its own; the first error wins.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = Mutex()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ work: () throws -> Value) {
        let result = Result { try work() }
        lock.withLock { slots[index] = result }
    }

    func values() throws -> [Value] {
        try slots.map { try $0!.get() }
    }
}
