/// A position in a YAML file: 1-based line and column.
///
/// The column counts bytes from the start of the line, as ``SourceLocation`` does, so a
/// mark and a finding from another scanner point at the same place. A leading byte order
/// mark counts as part of line 1.
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    /// The line, counting from 1.
    public var line: Int
    /// The byte column within the line, counting from 1.
    public var column: Int

    /// A mark at `line` and `column`, both counting from 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form error messages use.
    public var description: String { "\(line):\(column)" }
}

/// Turns libyaml's marks, which count characters, into byte-based ``YAMLMark``s.
///
/// libyaml reports a character index that skips a leading BOM. Marks mostly arrive in
/// increasing order, so a cursor walks forward through the input and restarts only when
/// asked for an earlier position: converting all marks of a file stays linear.
struct MarkConverter {
    private let bytes: [UInt8]
    private let lines: LineIndex
    private let start: Int
    private var cursor: (character: Int, byte: Int)
    /// True when every byte after the BOM is ASCII: a character index is then a byte
    /// offset, and no walk through the bytes is needed (secret files are all ASCII but
    /// for their display names).
    private let isASCII: Bool

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lines = LineIndex(bytes)
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        cursor = (0, start)
        isASCII = bytes[start...].allSatisfy { $0 < 0x80 }
    }

    // Limitation: lines are counted at LF, CR LF and a lone CR; libyaml also breaks lines
    // at NEL, LS and PS, so after one of those a mark's line follows Tresor's counting.

    /// The mark of a byte offset into the input.
    func mark(byteOffset: Int) -> YAMLMark {
        let position = lines.position(of: min(max(byteOffset, 0), bytes.count))
        return YAMLMark(line: position.line, column: position.column)
    }

    /// The mark of libyaml's character index.
    mutating func mark(characterIndex: Int) -> YAMLMark {
        if isASCII { return mark(byteOffset: start + characterIndex) }
        if characterIndex < cursor.character { cursor = (0, start) }
        while cursor.character < characterIndex, cursor.byte < bytes.count {
            cursor.byte += MarkConverter.width(of: bytes[cursor.byte])
            cursor.character += 1
        }
        return mark(byteOffset: cursor.byte)
    }

    /// The length of the UTF-8 sequence that starts with `lead` (input is validated first).
    private static func width(of lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
