/// Why a YAML file was refused, or why writing one failed.
///
/// Vault files hold sealed secrets, so no message ever quotes the file: a message gives a
/// `line:column`, libyaml's own static `problem` and `context` text, and the rule that was
/// broken. The only content that may appear is a duplicate key, and only when it looks
/// like an identifier (`^[A-Za-z_][A-Za-z0-9_]{0,31}$`). Callers prefix the file's path.
public enum YAMLError: TresorError, Equatable {
    /// libyaml refused the syntax: its `problem` and `context` text, and where.
    case syntax(problem: String, context: String?, YAMLMark)
    /// An alias (`*name`) appeared; vault files never share nodes.
    case alias(YAMLMark)
    /// An anchor (`&name`) appeared.
    case anchor(YAMLMark)
    /// An explicit tag (`!!binary`, `!foo`, `!`) appeared.
    case tag(YAMLMark)
    /// A mapping repeats a key; `key` is set only when it is safe to print.
    case duplicateKey(key: String?, YAMLMark)
    /// A mapping key is a mapping or a sequence.
    case nonScalarKey(YAMLMark)
    /// The merge key `<<` appeared.
    case mergeKey(YAMLMark)
    /// The file holds a second document, starting here.
    case multipleDocuments(YAMLMark)
    /// The file holds no document, or a document with no content.
    case empty
    /// The bytes are not valid UTF-8, from here on.
    case invalidUTF8(YAMLMark)
    /// The file holds a NUL byte here.
    case nulByte(YAMLMark)
    /// The file holds `size` bytes, more than `limit`.
    case tooLarge(size: Int, limit: Int)
    /// Mappings and sequences nest deeper than the reader allows, from here on.
    case tooDeep(YAMLMark)
    /// libyaml's emitter refused an event (a bug in the writer): its `problem` text.
    case emitter(problem: String)

    /// Where the problem is, when it has a position.
    public var mark: YAMLMark? {
        switch self {
        case .syntax(_, _, let mark), .alias(let mark), .anchor(let mark), .tag(let mark),
            .duplicateKey(_, let mark), .nonScalarKey(let mark), .mergeKey(let mark),
            .multipleDocuments(let mark), .invalidUTF8(let mark), .nulByte(let mark),
            .tooDeep(let mark):
            mark
        case .empty, .tooLarge, .emitter:
            nil
        }
    }

    /// `line:column: what is wrong`, or just what is wrong when there is no position.
    public var message: String {
        guard let mark else { return reason }
        return "\(mark): \(reason)"
    }

    /// The broken rule, without position.
    var reason: String {
        switch self {
        case .syntax(let problem, let context, _):
            context.map { "invalid YAML: \(problem) \($0)" } ?? "invalid YAML: \(problem)"
        case .alias: "aliases (*name) are not allowed"
        case .anchor: "anchors (&name) are not allowed"
        case .tag: "explicit tags (!tag) are not allowed"
        case .duplicateKey(let key, _):
            key.map { "duplicate key \"\($0)\" in mapping" } ?? "duplicate key in mapping"
        case .nonScalarKey: "mapping keys must be scalars"
        case .mergeKey: "the merge key << is not allowed"
        case .multipleDocuments: "a file may hold only one YAML document"
        case .empty: "the file holds no YAML document"
        case .invalidUTF8: "the file is not valid UTF-8"
        case .nulByte: "the file holds a NUL byte"
        case .tooLarge(let size, let limit):
            "the file holds \(size) bytes; at most \(limit) are allowed"
        case .tooDeep: "mappings and sequences nest too deeply"
        case .emitter(let problem): "writing YAML failed: \(problem)"
        }
    }

    /// What to do about the problem, when there is something to do.
    public var hint: String? {
        switch self {
        case .syntax: "fix the YAML at that position: indent with spaces, close every quote"
        case .alias, .anchor, .tag, .mergeKey:
            "write each value out in full; vault files use plain YAML only"
        case .duplicateKey: "remove one of the two entries"
        case .invalidUTF8, .nulByte: "save the file as UTF-8 text"
        case .emitter: "this is a bug in tresor; please report it"
        default: nil
        }
    }

    /// Malformed vault files end the command with ``ExitCode/vault``.
    public var exitCode: ExitCode { .vault }

    /// `key` when it is safe to print in a message (an identifier of at most 32
    /// characters), otherwise nil.
    static func printableKey(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, bytes.count <= 32, isLetter(first) || first == 0x5F
        else { return nil }
        let valid = bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        return valid ? key : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
