/// A strict reader for vault files: libyaml parses, this type refuses what a vault file
/// must not hold.
///
/// Why strict: a vault file is edited by hand and merged by git, and its values are sealed
/// secrets. Aliases, anchors, tags and merge keys would let one part of a file change the
/// meaning of another; duplicate keys would let a merge silently pick a winner; several
/// documents or an empty file hide mistakes. So all of those are errors, each with a
/// position and a message that never quotes the file.
///
/// How: the bytes are checked first (size, NUL, UTF-8), then libyaml's event parser runs
/// over them and ``YAMLTreeBuilder`` turns the events into a ``YAMLNode`` tree.
public enum YAMLReader {
    /// The deepest nesting of mappings and sequences accepted. Vault files nest two or
    /// three levels; the limit keeps hostile input from exhausting memory.
    public static let maximumDepth = 64

    /// Parses one YAML document from `bytes`.
    ///
    /// A leading UTF-8 byte order mark and CRLF line ends are accepted. Throws
    /// ``YAMLError`` for anything else a vault file must not hold; the input is refused
    /// before parsing when it is longer than `maximumBytes`.
    public static func parse(
        _ bytes: [UInt8], maximumBytes: Int = 1 << 20
    ) throws(YAMLError) -> YAMLNode {
        guard bytes.count <= maximumBytes else {
            throw .tooLarge(size: bytes.count, limit: maximumBytes)
        }
        var marks = MarkConverter(bytes)
        if let offset = bytes.firstIndex(of: 0) {
            throw .nulByte(marks.mark(byteOffset: offset))
        }
        if let offset = UTF8Check.firstInvalidOffset(bytes) {
            throw .invalidUTF8(marks.mark(byteOffset: offset))
        }
        guard !bytes.isEmpty else { throw .empty }
        return try LibYAMLParser.parse(bytes, marks: &marks)
    }
}
