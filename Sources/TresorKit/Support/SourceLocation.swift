#if canImport(Glibc)
    import Glibc
#endif

/// A position in a file, for findings and error messages: `path:line:column`.
///
/// Lines and columns count from 1; the column counts bytes, as compilers do, so a tool can
/// jump to it without knowing the file's encoding.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// True when `path` is a name that is not UTF-8, written with its bytes from 0x80 up
    /// escaped (`bad\xff.json`): shown in quotes as it is, not escaped again.
    public var pathIsEscaped = false

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// The location of the start of a file, for problems that concern the whole file.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: 1, column: 1)
    }

    /// `path:line:column`; a path holding a control character is quoted with C escapes
    /// (``TerminalText/quoted(_:)``), so the line stays one line.
    public var description: String {
        let shown = pathIsEscaped ? "\"" + path + "\"" : TerminalText.quoted(path)
        return "\(shown):\(line):\(column)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// Converts byte offsets of one file into line and column numbers.
///
/// Built once per file; each look-up is a binary search over the line starts.
public struct LineIndex: Sendable {
    private let lineStarts: [Int]

    public init(_ bytes: some Collection<UInt8>) {
        lineStarts =
            bytes.withContiguousStorageIfAvailable { Self.lineStarts(in: $0) }
            ?? Array(bytes).withUnsafeBufferPointer { Self.lineStarts(in: $0) }
    }

    /// Offsets just after each line break, after 0; memchr finds them. A line break is a
    /// line feed, CR LF, or a lone CR (old Mac line ends, which XML and YAML read as line
    /// breaks too).
    private static func lineStarts(in buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        guard let base = buffer.baseAddress else { return starts }
        if memchr(base, 0x0D, buffer.count) != nil {
            for offset in buffer.indices
            where buffer[offset] == 0x0A
                || (buffer[offset] == 0x0D
                    && (offset + 1 == buffer.count || buffer[offset + 1] != 0x0A))
            {
                starts.append(offset + 1)
            }
            return starts
        }
        var offset = 0
        while offset < buffer.count,
            let found = memchr(base + offset, 0x0A, buffer.count - offset)
        {
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            starts.append(offset)
        }
        return starts
    }

    /// The 1-based line and byte column of `offset`.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }
}
