/// A node of a parsed YAML document: a scalar, a mapping or a sequence.
///
/// The tree keeps what a strict reader of vault files needs and nothing more: scalars stay
/// text with their style (the caller decides what a plain `yes` means), mappings keep their
/// keys in file order, and every node knows where it starts for error messages.
public enum YAMLNode: Sendable {
    /// A scalar: text plus how it was written.
    case scalar(YAMLScalar)
    /// A mapping with string keys, in file order.
    case mapping(YAMLMapping)
    /// A sequence of nodes, and where it starts.
    case sequence([YAMLNode], YAMLMark)

    /// Where the node starts in the file.
    public var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(_, let mark): mark
        }
    }

    /// The scalar, when this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    /// The mapping, when this node is one.
    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { mapping } else { nil }
    }
}

/// A scalar as written in the file: its text after unescaping, and its style.
public struct YAMLScalar: Sendable, Hashable {
    /// How a scalar was written. Only `plain` scalars are open to type resolution by other
    /// YAML readers (`no`, `0123`, `~`); every other style is a string.
    public enum Style: Sendable, Hashable {
        /// Unquoted: `key: value`.
        case plain
        /// `'text'`.
        case singleQuoted
        /// `"text"`, with backslash escapes.
        case doubleQuoted
        /// A `|` block.
        case literal
        /// A `>` block.
        case folded
    }

    /// The scalar's content, with quotes removed and escapes resolved.
    public var text: String
    /// How the scalar was written.
    public var style: Style
    /// Where the scalar starts.
    public var mark: YAMLMark

    /// A scalar with the given text, style and position.
    public init(text: String, style: Style, mark: YAMLMark) {
        self.text = text
        self.style = style
        self.mark = mark
    }

    /// True for an unquoted scalar, whose meaning other YAML readers may resolve to a
    /// boolean, number, date or null.
    public var isPlain: Bool { style == .plain }
}

/// A mapping with scalar keys, each key once, in file order.
public struct YAMLMapping: Sendable {
    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable {
        /// The key, always a scalar.
        public var key: YAMLScalar
        /// The value.
        public var value: YAMLNode

        /// A pair of `key` and `value`.
        public init(key: YAMLScalar, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// The pairs in file order; the reader guarantees their keys are distinct.
    public var entries: [Entry]
    /// Where the mapping starts.
    public var mark: YAMLMark

    /// A mapping of `entries` starting at `mark`.
    public init(entries: [Entry], mark: YAMLMark) {
        self.entries = entries
        self.mark = mark
    }

    /// The value for the key whose text is `key`, whatever its quoting.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key.text == key }?.value
    }

    /// The entry for `key`, to reach the key's own position.
    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key.text == key }
    }

    /// The keys' texts in file order.
    public var keys: [String] { entries.map(\.key.text) }
}
