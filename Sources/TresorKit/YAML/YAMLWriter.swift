/// A value the writer can emit: a string, an integer, or a nested mapping.
public enum YAMLValue: Sendable, Hashable {
    /// Any text; the writer picks plain or double-quoted style so it reads back unchanged.
    case string(String)
    /// An integer, written plain.
    case integer(Int)
    /// A block mapping whose keys are written in the given order.
    case mapping([YAMLWriter.Entry])
    /// A block sequence of strings, each styled like a string value.
    case strings([String])
}

/// Writes vault files through libyaml's emitter, deterministically.
///
/// Why: a vault file is rewritten whenever one of its fields changes, and git diffs must
/// show that field's line only. So the output depends on nothing but the input: keys in
/// the order given, no line folding (width -1), Unicode written as is, and each scalar's
/// style chosen by ``scalarStyle(for:)``, never by libyaml's own guess, which leaves `no`,
/// `0123` or `12:30` unquoted for other YAML readers to turn into booleans and numbers.
public enum YAMLWriter {
    /// One `key: value` line (or block, for a nested mapping).
    public struct Entry: Sendable, Hashable {
        /// The key, written with the same style rules as string values.
        public var key: String
        /// The value.
        public var value: YAMLValue

        /// An entry of `key` and `value`.
        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    /// The style the writer uses for a scalar.
    public enum ScalarStyle: Sendable, Hashable {
        /// Unquoted.
        case plain
        /// In double quotes, with escapes for breaks, quotes, backslashes and controls.
        case doubleQuoted
    }

    /// The bytes of a YAML document holding `entries` as a block mapping, preceded by
    /// `header` as comment lines.
    ///
    /// Each header line that does not start with `# ` gets that prefix (an empty line
    /// becomes `#`), and characters YAML does not allow in a file become U+FFFD, so the
    /// header can never turn into content. The output has no `---` or `...` markers and
    /// ends with exactly one newline. Throws ``YAMLError/emitter(problem:)`` only if
    /// libyaml refuses an event, which would be a bug in this type.
    public static func document(_ entries: [Entry], header: String? = nil) throws(YAMLError)
        -> [UInt8]
    {
        let comment = header.map(commentBytes) ?? []
        return try comment + LibYAMLEmitter.emit(entries)
    }

    /// The style for `text`: plain only when ``isPlainSafe(_:)`` holds, else double-quoted.
    public static func scalarStyle(for text: String) -> ScalarStyle {
        isPlainSafe(text) ? .plain : .doubleQuoted
    }

    /// `header` as comment lines, each ending in a newline.
    static func commentBytes(_ header: String) -> [UInt8] {
        var lines = splitLines(header)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        var out: [UInt8] = []
        for line in lines {
            let text = line.isEmpty || line == "#" || line.hasPrefix("# ") ? line : "# " + line
            out += Array((text.isEmpty ? "#" : text).utf8) + [0x0A]
        }
        return out
    }

    /// The lines of `text`, split at every break a YAML 1.1 reader knows (LF, CR, CRLF,
    /// NEL, LS, PS), with characters a YAML file may not hold replaced by U+FFFD.
    private static func splitLines(_ text: String) -> [String] {
        var lines = [""]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" { continue }
            if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
                lines.append("")
            } else {
                let kept = isAllowed(scalar) ? scalar : "\u{FFFD}"
                lines[lines.count - 1].unicodeScalars.append(kept)
            }
        }
        return lines
    }

    /// True for the characters YAML allows in a file (libyaml's reader refuses the rest).
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...: true
        default: false
        }
    }
}
