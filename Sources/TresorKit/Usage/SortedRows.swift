/// The rows of a ``UsageRowSorter`` read back: key by key in key order, each key's rows in
/// the order they were added. A k-way merge of the sorted runs: for each key, the runs
/// whose next group has that key give their rows in the order they were spilled.
public final class SortedRows {
    // Not checked for overlapping access at run time, as in ``UsageRowSorter``: one thread
    // reads the rows, and the checks cost more than handing on a row.
    @exclusivity(unchecked) private var runs: [RunReader]
    @exclusivity(unchecked) private var heads: [(key: [UInt8], count: Int)?]

    /// The key of the next group of rows, as bytes; nil when every row has been read.
    private(set) var keyBytes: [UInt8]?
    /// The number of rows under ``key``.
    public private(set) var count = 0

    init(runs: [RunReader]) throws(FileError) {
        self.runs = runs
        heads = []
        for index in self.runs.indices { heads.append(try self.runs[index].nextGroup()) }
        selectKey()
    }

    /// The key of the next group of rows; nil when every row has been read.
    public var key: String? { keyBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// Hands `body` every row under ``key`` in the order they were added, then moves on to
    /// the next key.
    public func forEachRow(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let current = keyBytes else { return }
        for index in runs.indices {
            guard let head = heads[index], head.key == current else { continue }
            for _ in 0..<head.count { try runs[index].withNextRow(body) }
            heads[index] = try runs[index].nextGroup()
        }
        selectKey()
    }

    /// Picks the smallest key among the runs' next groups and counts its rows.
    private func selectKey() {
        keyBytes = nil
        count = 0
        for case let head? in heads {
            if let smallest = keyBytes, !head.key.lexicographicallyPrecedes(smallest) {
                if head.key == smallest { count += head.count }
                continue
            }
            (keyBytes, count) = (head.key, head.count)
        }
    }
}
