/// Where a value sits in a JSON document: `payload.auth.password`, `items[2].token`,
/// `headers["Content-Type"]`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step from a container to a value in it.
    public enum Component: Sendable, Hashable, CustomStringConvertible {
        /// A member of an object.
        case key(String)
        /// An element of an array, counting from 0.
        case index(Int)

        /// The step on its own: a key as it is, an index as `[2]`.
        public var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    /// The steps from the top-level value, outermost first.
    public var components: [Component]

    /// A path of `components`; the empty path names the top-level value.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Dotted form; keys that are not identifiers are written `["x y"]`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where JSONPath.isIdentifier(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[\"" + JSONPath.escaped(key) + "\"]"
            }
        }
        return text
    }

    /// `base` followed by this path, joined the way `description` joins components.
    public func appended(to base: String) -> String {
        let own = description
        guard !base.isEmpty else { return own }
        guard let first = own.first else { return base }
        return first == "[" ? base + own : base + "." + own
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"):
                true
            default: false
            }
        }
    }

    private static func escaped(_ key: String) -> String {
        var out = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                // `\u{1b}`: the form `FieldPath` reads back (deploy's map entries).
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
