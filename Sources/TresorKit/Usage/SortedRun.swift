#if canImport(Glibc)
    import Glibc
#endif

/// One sorted run of ``UsageRowSorter``: its rows grouped by key, in key order, written once
/// and read back once, in a temporary file or (when nothing had to be spilled) in memory.
///
/// The byte form, little-endian: per key `[u32 key length][key][u32 row count]`, then per
/// row `[u32 length][row]`.
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

/// Writes a run to a ``RunFile``, or to memory.
struct RunWriter {
    private let file: RunFile?
    private var buffer: [UInt8] = []

    /// A writer to `file`, through a buffer.
    init(file: RunFile) {
        self.file = file
        buffer.reserveCapacity(SortedRun.bufferSize)
    }

    /// A writer to memory, with room for `capacity` bytes.
    init(capacity: Int) {
        file = nil
        buffer.reserveCapacity(capacity)
    }

    /// Starts the group of `count` rows under `key`.
    mutating func group(key: some Collection<UInt8>, count: Int) throws(FileError) {
        appendLength(key.count)
        buffer.append(contentsOf: key)
        appendLength(count)
        try flushIfFull()
    }

    mutating func row(_ row: some Collection<UInt8>) throws(FileError) {
        appendLength(row.count)
        buffer.append(contentsOf: row)
        try flushIfFull()
    }

    /// Ends the run and returns its reader, positioned at the first group.
    consuming func finish() throws(FileError) -> RunReader {
        guard let file else { return RunReader(bytes: buffer) }
        try flush()
        guard lseek(file.descriptor, 0, SEEK_SET) == 0 else {
            throw .system("rewind", file.path, errno)
        }
        return RunReader(file: file)
    }

    private mutating func appendLength(_ length: Int) {
        let value = UInt32(length)
        for shift in stride(from: 0, to: 32, by: 8) {
            buffer.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    private mutating func flushIfFull() throws(FileError) {
        if file != nil, buffer.count >= SortedRun.bufferSize { try flush() }
    }

    private mutating func flush() throws(FileError) {
        guard let file else { return }
        let written = buffer.withUnsafeBytes { raw in
            Result { () throws(FileError) in
                try AtomicFile.writeAll(raw, to: file.descriptor, path: file.path)
            }
        }
        try written.get()
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads a run back, group by group and row by row.
struct RunReader {
    private let file: RunFile?
    private var buffer: [UInt8]
    private var position = 0
    private var end: Int

    /// A run held in memory.
    init(bytes: [UInt8]) {
        file = nil
        buffer = bytes
        end = bytes.count
    }

    /// A run in `file`, read from its current offset. The buffer is allocated at the first
    /// read: a run waiting for the merge costs no memory.
    init(file: RunFile) {
        self.file = file
        buffer = []
        end = 0
    }

    /// The key and row count of the next group; nil at the end of the run.
    mutating func nextGroup() throws(FileError) -> (key: [UInt8], count: Int)? {
        guard try fill(1, required: false) else { return nil }
        let length = try readLength()
        try fill(length + 4)
        let key = Array(buffer[position..<position + length])
        position += length
        return (key, try readLength())
    }

    /// Hands `body` the next row of the current group.
    mutating func withNextRow<T>(_ body: (ArraySlice<UInt8>) throws -> T) throws -> T {
        let length = try readLength()
        try fill(length)
        defer { position += length }
        return try body(buffer[position..<position + length])
    }

    private mutating func readLength() throws(FileError) -> Int {
        try fill(4)
        var value = 0
        for index in 0..<4 { value |= Int(buffer[position + index]) << (8 * index) }
        position += 4
        return value
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
            throw .system("read", file?.path ?? "a sorted run", EIO)
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
