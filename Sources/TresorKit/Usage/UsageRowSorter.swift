#if canImport(Glibc)
    import Glibc
#endif

/// Groups the output rows of `tresor usage` by secret name, each name's rows in the order
/// they were added, in bounded memory: an external merge sort. Each row ends with the
/// sorter's `terminator` byte and holds it nowhere else (text rows are lines; JSON rows
/// end with a NUL, which JSON text never holds), so a key's rows are one block of bytes.
///
/// Rows gather in one byte arena until `budget` bytes are used; then they are sorted by
/// key (a stable counting sort: there are few keys) and spilled as a run to a temporary
/// file (see ``RunFile``: unnamed, mode 0600, never a value in it). ``sorted()`` merges the
/// runs, key by key, taking equal keys from the runs in the order they were spilled, so the
/// order of addition survives.
///
/// At most `fanIn` runs are merged at once, which bounds the open files and the read
/// buffers (64 KiB each): as in a log-structured merge, `fanIn` runs of one level are
/// merged into one run of the next level as soon as they are there, so each row is
/// rewritten once per level (a logarithm of the output size to the base `fanIn`); the
/// runs are always merged in a contiguous, oldest-first stretch, which keeps the order.
///
/// Keys are compared byte by byte (UTF-8), the order of ``SecretName`` for secret names.
public final class UsageRowSorter {
    /// The default memory budget: 8 MiB of rows.
    public static let defaultBudget = 8 << 20

    private let budget: Int
    private let temporaryFolder: String
    private let fanIn: Int
    private let terminator: UInt8
    // The state `add` touches for every row is not checked for overlapping access at run
    // time (six checks a row were a third of its cost): a sorter is used by one thread at
    // a time, and no method hands out a reference to its storage.
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    /// Every key a row was added under, numbered in the order first seen: one lookup per
    /// row, and none more when a key comes back in a later run.
    @exclusivity(unchecked) private var seenNumbers: [String: Int] = [:]
    @exclusivity(unchecked) private var seen: [String] = []
    /// The keys of the rows in memory (as numbers into `seen`), and each seen key's
    /// number among them (-1 when it has none).
    @exclusivity(unchecked) private var keys: [Int] = []
    @exclusivity(unchecked) private var runNumbers: [Int] = []
    /// The seen keys in key order, as of the last run written, and each one's place in
    /// that order: a run's keys are put in order by these integers, and keys are compared
    /// only when new ones came, to merge those in (10,000 secrets spilled 30 times were 30
    /// sorts of 10,000 strings).
    private var ordered: [Int] = []
    private var ranks: [Int] = []
    /// The spilled runs, oldest first, with the number of merges behind each.
    private var runs: [(reader: RunReader, level: Int)] = []

    /// The number of runs spilled so far.
    public private(set) var spilledRuns = 0
    /// Every key a row was added under.
    public var keysSeen: Set<String> { Set(seen) }

    /// A sorter that keeps up to `budget` bytes of rows in memory and spills the rest to
    /// files in `temporaryFolder` (usually `$TMPDIR`), merging at most `fanIn` runs at once;
    /// every row ends with `terminator` (a line feed by default).
    public init(
        budget: Int = defaultBudget, temporaryFolder: String, fanIn: Int = 64,
        terminator: UInt8 = 0x0A
    ) {
        self.budget = min(max(budget, 1), 1 << 30)
        self.temporaryFolder = temporaryFolder
        self.fanIn = max(fanIn, 2)
        self.terminator = terminator
    }

    /// Adds `row`, which ends with the terminator and holds it nowhere else, under `key`.
    /// Throws a ``TemporarySpaceError`` when a run cannot be spilled.
    public func add(_ row: some BidirectionalCollection<UInt8>, key: String) throws {
        assert(row.last == terminator && row.dropLast().firstIndex(of: terminator) == nil)
        let size = arena.count + entries.count * MemoryLayout<Entry>.stride
        if !entries.isEmpty, size + row.count + MemoryLayout<Entry>.stride > budget {
            try inTemporaryFolder { try spill() }
        }
        if arena.capacity == 0 { arena.reserveCapacity(budget) }
        let global = seenNumbers[key] ?? addKey(key)
        var number = runNumbers[global]
        if number < 0 {
            number = keys.count
            keys.append(global)
            runNumbers[global] = number
        }
        entries.append(
            Entry(key: UInt32(number), start: UInt32(arena.count), length: UInt32(row.count)))
        arena.append(contentsOf: row)
    }

    /// Every row added, grouped by key in key order. Ends the sorter's use: it holds
    /// nothing afterwards.
    public func sorted() throws -> SortedRows {
        // The rows still in memory are the newest run, read where they are: writing them
        // out only to read them back at once would cost a pass over them.
        let groups = groupedRows().map { (key: Array(seen[keys[$0.key]].utf8), rows: $0.rows) }
        let newest = RunReader(arena: arena, groups: groups)
        arena = []
        emptyArena()
        if runs.isEmpty { return try SortedRows(runs: [newest], terminator: terminator) }
        return try inTemporaryFolder {
            // Merging keeps at most `fanIn` runs at once, the newest counted.
            while runs.count + 1 > fanIn { try mergeTail(min(fanIn, runs.count + 1 - fanIn + 1)) }
            return try SortedRows(runs: takeRuns(runs.count) + [newest], terminator: terminator)
        }
    }

    /// Runs `body`, naming the temporary folder in a file error it throws: the folder is
    /// where the room is missing, whatever the run file is called.
    private func inTemporaryFolder<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError {
            throw TemporarySpaceError(error, folder: temporaryFolder)
        }
    }

    /// A row in the arena: its key's number, where it starts, how long it is. 32 bits each,
    /// as the arena stays far below 4 GiB: the budget is capped at 1 GiB, and the names in a
    /// row come from one process file of at most 64 MiB.
    private struct Entry {
        var key: UInt32
        var start: UInt32
        var length: UInt32
    }

    /// The last `count` spilled runs, which the sorter no longer holds: a reader that the
    /// sorter still shared would copy its buffer at its first read.
    private func takeRuns(_ count: Int) -> [RunReader] {
        let taken = runs[(runs.count - count)...].map(\.reader)
        runs.removeLast(count)
        return taken
    }

    private func addKey(_ key: String) -> Int {
        seenNumbers[key] = seen.count
        seen.append(key)
        runNumbers.append(-1)
        return seen.count - 1
    }

    // Limitation: the runs take temporary space about as large as the output (850 MB for
    // `usage --json` over 50,000 processes); a full or unwritable folder fails the sort.
    private func spill() throws {
        var writer = RunWriter(file: try RunFile(in: temporaryFolder))
        try writeArena(to: &writer)
        runs.append((try writer.finish(), 0))
        spilledRuns += 1
        while let level = runs.last?.level,
            runs.suffix(fanIn).count == fanIn, runs.suffix(fanIn).allSatisfy({ $0.level == level })
        {
            try mergeTail(fanIn)
        }
    }

    /// Writes the arena as a run and empties it.
    private func writeArena(to writer: inout RunWriter) throws(FileError) {
        for (key, rows) in groupedRows() {
            let bytes = rows.reduce(0) { $0 + $1.count }
            try writer.group(key: seen[keys[key]].utf8, count: rows.count, bytes: bytes)
            for row in rows { try writer.append(arena[row]) }
        }
        arena.removeAll(keepingCapacity: true)
        emptyArena()
    }

    /// Forgets the rows in memory (the arena's bytes are the caller's to drop or keep).
    private func emptyArena() {
        entries.removeAll(keepingCapacity: true)
        for global in keys { runNumbers[global] = -1 }
        keys.removeAll(keepingCapacity: true)
    }

    /// Where each row in memory is in the arena, grouped by key, keys in order, each
    /// group in the order added: a counting sort, as there are few keys.
    private func groupedRows() -> [(key: Int, rows: ArraySlice<Range<Int>>)] {
        rankNewKeys()
        let order = keys.indices.sorted { ranks[keys[$0]] < ranks[keys[$1]] }
        var counts = [Int](repeating: 0, count: keys.count)
        for entry in entries { counts[Int(entry.key)] += 1 }
        var next = [Int](repeating: 0, count: keys.count)
        var total = 0
        for key in order { (next[key], total) = (total, total + counts[key]) }
        var placed = [Range<Int>](repeating: 0..<0, count: entries.count)
        for entry in entries {
            let start = Int(entry.start)
            placed[next[Int(entry.key)]] = start..<start + Int(entry.length)
            next[Int(entry.key)] += 1
        }
        return order.map { key in (key, placed[next[key] - counts[key]..<next[key]]) }
    }

    /// Merges the keys seen since the last run into ``ordered`` and renumbers ``ranks``.
    private func rankNewKeys() {
        guard ordered.count < seen.count else { return }
        // Keys are numbered as first seen, so the new ones are the last numbers.
        let new = (ordered.count..<seen.count).sorted { Self.precedes(seen[$0], seen[$1]) }
        var merged: [Int] = []
        merged.reserveCapacity(seen.count)
        var (old, fresh) = (0, 0)
        while old < ordered.count || fresh < new.count {
            let takesOld =
                fresh == new.count
                || old < ordered.count && !Self.precedes(seen[new[fresh]], seen[ordered[old]])
            merged.append(takesOld ? ordered[old] : new[fresh])
            if takesOld { old += 1 } else { fresh += 1 }
        }
        ordered = merged
        ranks = [Int](repeating: 0, count: seen.count)
        for (rank, key) in ordered.enumerated() { ranks[key] = rank }
    }

    /// True when `first`'s UTF-8 bytes come before `second`'s: one `memcmp`, not a walk
    /// through two UTF-8 views (a spill sorts every key of its run).
    static func precedes(_ first: String, _ second: String) -> Bool {
        let compared = first.utf8.withContiguousStorageIfAvailable { a in
            second.utf8.withContiguousStorageIfAvailable { b in
                let shared = min(a.count, b.count)
                let order =
                    shared == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, shared)
                return order < 0 || order == 0 && a.count < b.count
            }
        }
        return (compared ?? nil) ?? first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    /// Merges the last `count` runs into one, a level above the highest of them.
    private func mergeTail(_ count: Int) throws {
        let level = runs.suffix(count).map(\.level).max()! + 1
        let merged = try SortedRows(runs: takeRuns(count), terminator: terminator)
        var writer = RunWriter(file: try RunFile(in: temporaryFolder))
        while let key = merged.keyBytes {
            try writer.group(key: key, count: merged.count, bytes: merged.byteCount)
            try merged.forEachBlock { try writer.append($0) }
        }
        runs.append((try writer.finish(), level))
    }
}
