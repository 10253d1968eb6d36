/// The rows of a ``UsageRowSorter`` read back: key by key in key order, each key's rows in
/// the order they were added. A k-way merge of the sorted runs: for each key, the runs
/// whose next group has that key give their rows in the order they were spilled.
public final class SortedRows {
    // Not checked for overlapping access at run time, as in ``UsageRowSorter``: one thread
    // reads the rows, and the checks cost more than handing on a row.
    @exclusivity(unchecked) private var runs: [RunReader]
    @exclusivity(unchecked) private var heads: [(key: [UInt8], count: Int, bytes: Int)?]
    private let terminator: UInt8

    /// The key of the next group of rows, as bytes; nil when every row has been read.
    private(set) var keyBytes: [UInt8]?
    /// The number of rows under ``key``.
    public private(set) var count = 0
    /// The bytes of the rows under ``key``, terminators included.
    public private(set) var byteCount = 0

    init(runs: [RunReader], terminator: UInt8) throws(FileError) {
        self.runs = runs
        self.terminator = terminator
        heads = []
        for index in self.runs.indices { heads.append(try self.runs[index].nextGroup()) }
        selectKey()
    }

    /// The key of the next group of rows; nil when every row has been read.
    public var key: String? { keyBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// Hands `body` every row under ``key`` in the order they were added, without its
    /// terminator, then moves on to the next key.
    public func forEachRow(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachGroup { run in
            while try runs[run].withNextRow(terminator: terminator, body) {}
        }
    }

    /// Hands `body` the bytes of every row under ``key`` in the order they were added,
    /// terminators included, in blocks of any number of whole or partial rows (as they lie
    /// in the runs), then moves on to the next key: text rows are written out in bulk.
    public func forEachBlock(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachGroup { run in
            while try runs[run].withNextBlock(body) {}
        }
    }

    /// Calls `read` with each run whose next group is under ``key``, in the order the runs
    /// were spilled; `read` must read the whole group.
    private func forEachGroup(_ read: (Int) throws -> Void) throws {
        guard let current = keyBytes else { return }
        for index in runs.indices {
            guard let head = heads[index], head.key == current else { continue }
            try read(index)
            heads[index] = try runs[index].nextGroup()
        }
        selectKey()
    }

    /// Picks the smallest key among the runs' next groups and counts its rows and bytes.
    private func selectKey() {
        keyBytes = nil
        (count, byteCount) = (0, 0)
        for case let head? in heads {
            if let smallest = keyBytes, !head.key.lexicographicallyPrecedes(smallest) {
                if head.key == smallest {
                    (count, byteCount) = (count + head.count, byteCount + head.bytes)
                }
                continue
            }
            (keyBytes, count, byteCount) = (head.key, head.count, head.bytes)
        }
    }
}
