#if canImport(Glibc)
    import Glibc
#endif

/// One sorted run of ``UsageRowSorter``: its rows grouped by key, in key order, written once
/// to a temporary file and read back once; the newest run is read where it is in memory.
///
/// The byte form, little-endian: per key `[u32 key length][key][u32 row count][u64 byte
/// count]`, then the rows one after another, each ending with the sorter's terminator byte
/// (a line feed for text rows), which no row holds elsewhere. A key's rows are one block of
/// bytes: written and read back in bulk, and split into rows only when asked.
enum SortedRun {
    /// The size of the buffer of each run's writer and reader.
    static let bufferSize = 64 << 10
}

/// A temporary file for a spilled run.
///
/// Created by `mkstemp` (a new name, mode 0600, never an existing file or a link) in the
/// temporary folder and unlinked at once: it has no name while it is used and is gone when
/// its descriptor closes, even when Tresor is killed. It holds what `usage` prints (secret
/// names, paths, positions, process, task and field names), never a value.
final class RunFile {
    let descriptor: Int32
    /// The name it was created with, for messages; the file no longer has it.
    let path: String

    init(in folder: String) throws(FileError) {
        var template = Array((folder + "/tresor-usage-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        let path = String(
            decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else { throw .system("create", path, errno) }
        unlink(path)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }
}

/// Writes a run to a ``RunFile``, through a buffer.
struct RunWriter {
    private let file: RunFile
    private var buffer: [UInt8] = []

    init(file: RunFile) {
        self.file = file
        buffer.reserveCapacity(SortedRun.bufferSize)
    }

    /// Starts the group of `count` rows, `bytes` long in all, under `key`; ``append(_:)``
    /// writes them.
    mutating func group(key: some Collection<UInt8>, count: Int, bytes: Int) throws(FileError) {
        withUnsafeBytes(of: UInt32(key.count).littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: key)
        withUnsafeBytes(of: UInt32(count).littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(bytes).littleEndian) { buffer.append(contentsOf: $0) }
        try flushIfFull()
    }

    /// Writes rows (whole or in part) of the current group.
    mutating func append(_ rows: some Collection<UInt8>) throws(FileError) {
        buffer.append(contentsOf: rows)
        try flushIfFull()
    }

    /// Ends the run and returns its reader, positioned at the first group.
    consuming func finish() throws(FileError) -> RunReader {
        try flush()
        guard lseek(file.descriptor, 0, SEEK_SET) == 0 else {
            throw .system("rewind", file.path, errno)
        }
        return RunReader(file: file)
    }

    private mutating func flushIfFull() throws(FileError) {
        if buffer.count >= SortedRun.bufferSize { try flush() }
    }

    private mutating func flush() throws(FileError) {
        let written = buffer.withUnsafeBytes { raw in
            Result { () throws(FileError) in
                try AtomicFile.writeAll(raw, to: file.descriptor, path: file.path)
            }
        }
        try written.get()
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads a run back, group by group, in blocks of bytes or row by row.
struct RunReader {
    private let file: RunFile?
    private var buffer: [UInt8]
    private var position = 0
    private var end: Int
    /// The bytes of the current group not read yet.
    private var remaining = 0
    /// For a run still in the sorter's memory (`inArena`): its groups, each row a range of
    /// `buffer`, which holds the rows in the order they were added.
    private let inArena: Bool
    private var groups: [(key: [UInt8], rows: ArraySlice<Range<Int>>)] = []
    private var group = 0
    private var rows: ArraySlice<Range<Int>> = []

    /// A run still in memory as the sorter gathered it: `arena` holds the rows as added,
    /// `groups` says which rows are under which key, in key order. Read where they are,
    /// without writing them out as a run first.
    init(arena: [UInt8], groups: [(key: [UInt8], rows: ArraySlice<Range<Int>>)]) {
        file = nil
        buffer = arena
        end = arena.count
        inArena = true
        self.groups = groups
    }

    /// A run in `file`, read from its current offset. The buffer is allocated at the first
    /// read: a run waiting for the merge costs no memory.
    init(file: RunFile) {
        self.file = file
        buffer = []
        end = 0
        inArena = false
    }

    /// The key, row count and byte count of the next group; nil at the end of the run.
    mutating func nextGroup() throws(FileError) -> (key: [UInt8], count: Int, bytes: Int)? {
        guard !inArena else {
            guard group < groups.count else { return nil }
            defer { group += 1 }
            rows = groups[group].rows
            return (groups[group].key, rows.count, rows.reduce(0) { $0 + $1.count })
        }
        guard try fill(1, required: false) else { return nil }
        let length = Int(try read(UInt32.self))
        try fill(length)
        let key = Array(buffer[position..<position + length])
        position += length
        let count = Int(try read(UInt32.self))
        remaining = Int(try read(UInt64.self))
        return (key, count, remaining)
    }

    /// Hands `body` the next bytes of the current group: whole rows, or (from a file) as
    /// much as the buffer holds, which may end inside a row. False, without calling
    /// `body`, when the group has no more.
    mutating func withNextBlock(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let range: Range<Int>
        if inArena {
            guard let row = rows.popFirst() else { return false }
            range = row
        } else {
            guard remaining > 0 else { return false }
            try fill(1)
            range = position..<position + min(end - position, remaining)
            position = range.upperBound
            remaining -= range.count
        }
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        return true
    }

    /// Hands `body` the next row of the current group without its `terminator`, valid
    /// during the call only. False, without calling `body`, when the group has no more.
    mutating func withNextRow(
        terminator: UInt8, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        let range: Range<Int>
        if inArena {
            guard let row = rows.popFirst() else { return false }
            range = row.lowerBound..<row.upperBound - 1
        } else {
            guard remaining > 0 else { return false }
            var searched = 0
            while true {
                let available = min(end - position, remaining)
                let found = buffer.withUnsafeBytes { raw in
                    memchr(
                        raw.baseAddress! + position + searched, Int32(terminator),
                        available - searched
                    )
                    .map { UnsafeRawPointer($0) - raw.baseAddress! }
                }
                if let found {
                    range = position..<found
                    break
                }
                guard available < remaining else {
                    throw FileError.system("read", fileName, EIO)
                }
                searched = available
                try fill(available + 1)
            }
            remaining -= range.count + 1
            position = range.upperBound + 1
        }
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        return true
    }

    private var fileName: String { file?.path ?? "a sorted run" }

    private mutating func read<Integer: FixedWidthInteger>(
        _ type: Integer.Type
    ) throws(FileError) -> Integer {
        let size = MemoryLayout<Integer>.size
        try fill(size)
        let value = buffer.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: position, as: Integer.self)
        }
        position += size
        return Integer(littleEndian: value)
    }

    /// Makes sure `count` unread bytes are in the buffer, reading more of the file when
    /// needed. False at the end of the run unless `required`, where a run that ends early
    /// (it was truncated) is an error.
    @discardableResult
    private mutating func fill(_ count: Int, required: Bool = true) throws(FileError) -> Bool {
        guard end - position < count else { return true }
        if let file {
            compact(toHold: count)
            while end - position < count {
                let read = buffer.withUnsafeMutableBytes { raw in
                    Glibc.read(file.descriptor, raw.baseAddress! + end, raw.count - end)
                }
                if read < 0, errno == EINTR { continue }
                guard read >= 0 else { throw .system("read", file.path, errno) }
                guard read > 0 else { break }
                end += read
            }
        }
        guard end - position >= count else {
            if !required && end == position { return false }
            throw .system("read", fileName, EIO)
        }
        return true
    }

    /// Moves the unread bytes to the front of the buffer, growing it to hold `count`.
    private mutating func compact(toHold count: Int) {
        let unread = end - position
        if unread > 0, position > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + position, unread)
            }
        }
        (position, end) = (0, unread)
        let size = max(count, SortedRun.bufferSize)
        if buffer.count < size { buffer += [UInt8](repeating: 0, count: size - buffer.count) }
    }
}
