/// Reads back the field paths the BPMN reader writes for map entries and list values
/// (`headers.Accept`, `recipients[0]`, `headers["Content-Type"]`), as ``JSONPath``
/// components below their parameter.
enum FieldPath {
    /// The components of `fieldPath` after its leading `parameter`, or nil when it does not
    /// start with the parameter or does not parse.
    static func components(of fieldPath: String, below parameter: String) -> [JSONPath.Component]? {
        guard fieldPath.hasPrefix(parameter) else { return nil }
        var rest = Substring(fieldPath.dropFirst(parameter.count))
        var components: [JSONPath.Component] = []
        while let first = rest.first {
            if first == "." {
                let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !key.isEmpty else { return nil }
                components.append(.key(String(key)))
                rest = rest.dropFirst(key.count + 1)
            } else if rest.hasPrefix("[\"") {
                guard let (key, after) = quotedKey(rest.dropFirst(2)) else { return nil }
                components.append(.key(key))
                rest = after
            } else if first == "[" {
                let digits = rest.dropFirst().prefix { $0 != "]" }
                guard let index = Int(digits), rest.dropFirst(digits.count + 1).first == "]"
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
    private static func quotedKey(_ text: Substring) -> (String, Substring)? {
        var key = ""
        var rest = text
        while let scalar = rest.unicodeScalars.first {
            rest = Substring(rest.unicodeScalars.dropFirst())
            switch scalar {
            case "\"":
                guard rest.first == "]" else { return nil }
                return (key, rest.dropFirst())
            case "\\":
                guard let (escaped, after) = escape(rest) else { return nil }
                key.unicodeScalars.append(escaped)
                rest = after
            default:
                key.unicodeScalars.append(scalar)
            }
        }
        return nil
    }

    private static func escape(_ text: Substring) -> (Unicode.Scalar, Substring)? {
        if text.hasPrefix("u{") {
            let digits = text.dropFirst(2).prefix { $0 != "}" }
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value)
            else { return nil }
            return (scalar, text.dropFirst(digits.count + 3))
        }
        guard let first = text.unicodeScalars.first, first == "\"" || first == "\\" else {
            return nil
        }
        return (first, Substring(text.unicodeScalars.dropFirst()))
    }
}

/// The text pieces of one task input, arranged by field path: a map's entries, a list's
/// values, or one text. Serialised as JSON with the map order of the file.
final class InputTree {
    private var text: [UInt8] = []
    private var keys: [String] = []
    private var members: [String: InputTree] = [:]
    private var items: [Int: InputTree] = [:]

    func insert(_ bytes: [UInt8], at path: ArraySlice<JSONPath.Component>) {
        guard let first = path.first else {
            text += bytes
            return
        }
        let child: InputTree
        switch first {
        case .key(let key):
            if members[key] == nil {
                keys.append(key)
                members[key] = InputTree()
            }
            child = members[key]!
        case .index(let index):
            child = items[index] ?? InputTree()
            items[index] = child
        }
        child.insert(bytes, at: path.dropFirst())
    }

    /// JSON text: an object when entries were found, else an array when values were,
    /// else a string (the white space between entries is not a value).
    func json(indent: Int) -> [UInt8] {
        let inner = Array(repeating: UInt8(ascii: " "), count: indent + 2)
        let closing = Array(repeating: UInt8(ascii: " "), count: indent)
        if !keys.isEmpty {
            let lines = keys.map { key in
                inner + quoted(Array(key.utf8)) + Array(": ".utf8)
                    + members[key]!.json(indent: indent + 2)
            }
            return joined(lines, open: "{", close: "}", closing: closing)
        }
        if !items.isEmpty {
            let lines = items.keys.sorted().map { inner + items[$0]!.json(indent: indent + 2) }
            return joined(lines, open: "[", close: "]", closing: closing)
        }
        return quoted(text)
    }

    private func quoted(_ bytes: [UInt8]) -> [UInt8] {
        let out = WipedArray<UInt8>()
        out.append(ValueEscaper.quote)
        ValueEscaper.jsonString(bytes, into: out)
        out.append(ValueEscaper.quote)
        return out.withUnsafeBytes { Array($0) }
    }

    private func joined(
        _ lines: [[UInt8]], open: Character, close: Character, closing: [UInt8]
    ) -> [UInt8] {
        var out = Array(String(open).utf8) + [0x0A]
        out += lines.joined(separator: Array(",\n".utf8))
        return out + [0x0A] + closing + Array(String(close).utf8)
    }
}
