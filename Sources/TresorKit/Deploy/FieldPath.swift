/// Reads back the field paths the BPMN reader writes for map entries and list values
/// (`headers.Accept`, `recipients[0]`, `headers["Content-Type"]`), as ``JSONPath``
/// components below their parameter.
enum FieldPath {
    /// The components of `fieldPath` after its leading `parameter`, or nil when it does not
    /// start with the parameter or does not parse. Read scalar by scalar: a key may start
    /// with a combining mark, which `String` would join to the `.` or `"` before it.
    static func components(of fieldPath: String, below parameter: String) -> [JSONPath.Component]? {
        let scalars = fieldPath.unicodeScalars
        guard scalars.starts(with: parameter.unicodeScalars) else { return nil }
        var rest = scalars.dropFirst(parameter.unicodeScalars.count)
        var components: [JSONPath.Component] = []
        while let first = rest.first {
            if first == "." {
                let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !key.isEmpty else { return nil }
                components.append(.key(String(String.UnicodeScalarView(key))))
                rest = rest.dropFirst(key.count + 1)
            } else if rest.starts(with: "[\"".unicodeScalars) {
                guard let (key, after) = quotedKey(rest.dropFirst(2)) else { return nil }
                components.append(.key(key))
                rest = after
            } else if first == "[" {
                let digits = rest.dropFirst().prefix { $0 != "]" }
                guard let index = Int(String(String.UnicodeScalarView(digits))),
                    rest.dropFirst(digits.count + 1).first == "]"
                else { return nil }
                components.append(.index(index))
                rest = rest.dropFirst(digits.count + 2)
            } else {
                return nil
            }
        }
        return components
    }

    /// A key written `"..."]` with `\"`, `\\` and `\u{hex}` escapes; the key and what
    /// follows the closing bracket.
    private static func quotedKey(
        _ text: Substring.UnicodeScalarView
    ) -> (String, Substring.UnicodeScalarView)? {
        var key = String.UnicodeScalarView()
        var rest = text
        while let scalar = rest.first {
            rest = rest.dropFirst()
            switch scalar {
            case "\"":
                guard rest.first == "]" else { return nil }
                return (String(key), rest.dropFirst())
            case "\\":
                guard let (escaped, after) = escape(rest) else { return nil }
                key.append(escaped)
                rest = after
            default:
                key.append(scalar)
            }
        }
        return nil
    }

    private static func escape(
        _ text: Substring.UnicodeScalarView
    ) -> (Unicode.Scalar, Substring.UnicodeScalarView)? {
        if text.starts(with: "u{".unicodeScalars) {
            let digits = text.dropFirst(2).prefix { $0 != "}" }
            guard let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 16),
                let scalar = Unicode.Scalar(value), digits.count < text.count - 2
            else { return nil }
            return (scalar, text.dropFirst(digits.count + 3))
        }
        guard let first = text.first, first == "\"" || first == "\\" else { return nil }
        return (first, text.dropFirst())
    }
}

/// The text pieces of one task input, arranged by field path: a map's entries, a list's
/// values, or one text. Serialised as JSON with the map order of the file. Texts and
/// JSON live in ``WipedArray``s: they hold values.
final class InputTree {
    private let text = WipedArray<UInt8>()
    /// True once a text that is not all white space was written here.
    private var hasValue = false
    /// Keys in file order, told apart by their bytes (the composed and the decomposed
    /// spelling of a key are two entries, as the engine has them).
    private var keys: [[UInt8]] = []
    private var members: [[UInt8]: InputTree] = [:]
    private var items: [Int: InputTree] = [:]

    /// Adds a text at `path`; false when an entry of a map already gave a value there (a
    /// key written twice: the engine keeps one, and gluing both would be neither).
    func insert(
        _ bytes: WipedArray<UInt8>, at path: ArraySlice<JSONPath.Component>, isEntry: Bool = false
    ) -> Bool {
        guard let first = path.first else {
            let isBlank = bytes.withUnsafeBytes {
                $0.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
            }
            if !isBlank {
                if isEntry, hasValue { return false }
                hasValue = true
            }
            bytes.withUnsafeBytes { text.append(contentsOf: $0) }
            return true
        }
        let child: InputTree
        switch first {
        case .key(let key):
            let bytes = Array(key.utf8)
            if members[bytes] == nil {
                keys.append(bytes)
                members[bytes] = InputTree()
            }
            child = members[bytes]!
        case .index(let index):
            child = items[index] ?? InputTree()
            items[index] = child
        }
        return child.insert(bytes, at: path.dropFirst(), isEntry: true)
    }

    /// Writes JSON text: an object when entries were found, else an array when values
    /// were, else a string (the white space between entries is not a value).
    func write(into out: WipedArray<UInt8>, indent: Int) {
        if !keys.isEmpty {
            let entries = keys.map { key in (key, members[key]!) }
            writeLines(entries, open: "{\n", close: "}", into: out, indent: indent)
        } else if !items.isEmpty {
            let values = items.keys.sorted().map { (nil as [UInt8]?, items[$0]!) }
            writeLines(values, open: "[\n", close: "]", into: out, indent: indent)
        } else {
            text.withUnsafeBytes { Self.quoted($0, into: out) }
        }
    }

    /// One line per child, `"key": ` first for an object's entries.
    private func writeLines(
        _ children: [([UInt8]?, InputTree)], open: StaticString, close: StaticString,
        into out: WipedArray<UInt8>, indent: Int
    ) {
        out.append(open)
        for (index, (key, child)) in children.enumerated() {
            if index > 0 { out.append(",\n") }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
            if let key {
                Self.quoted(key, into: out)
                out.append(": ")
            }
            child.write(into: out, indent: indent + 2)
        }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        out.append(close)
    }

    private static func quoted(_ bytes: some Collection<UInt8>, into out: WipedArray<UInt8>) {
        out.append(ValueEscaper.quote)
        ValueEscaper.jsonString(bytes, into: out)
        out.append(ValueEscaper.quote)
    }
}
