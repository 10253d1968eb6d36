/// A JSON value written exactly as Foundation's `JSONSerialization` writes it with the
/// options of Tresor's `--json` output (pretty-printed, sorted keys, `/` unescaped), so a
/// long document can be streamed piece by piece instead of built whole as `[String: Any]`.
///
/// The layout, checked against `JSONSerialization` by the tests: two spaces per level,
/// `"key" : value`, elements separated by `,` and a line break, an empty array or object
/// as `[`, an empty line, `]`. Strings escape `"`, `\`, `\b \t \n \f \r` and the other
/// control characters as `\u00xx`; everything else, `/` and non-ASCII included, is
/// written as it is.
public enum JSONValue: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    /// Written in key order whatever the order given. Keys are compared byte by byte;
    /// Foundation compares them case-insensitively and numerically, which gives the same
    /// order for the lower-case ASCII keys Tresor writes.
    case object([(key: String, value: JSONValue)])

    /// The value as text, for nesting `level` deep (the lines after the first are indented
    /// by `level` steps).
    public func text(level: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, level: level)
        return output
    }

    /// Appends the value to `output`, for nesting `level` deep.
    public func write(to output: inout [UInt8], level: Int) {
        switch self {
        case .string(let text): Self.write(string: text, to: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                Self.writeElementStart(first: index == 0, to: &output, level: level)
                element.write(to: &output, level: level + 1)
            }
            Self.writeEnd("]", count: elements.count, to: &output, level: level)
        case .object(let members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in sorted.enumerated() {
                Self.writeKey(member.key, first: index == 0, to: &output, level: level)
                member.value.write(to: &output, level: level + 1)
            }
            Self.writeEnd("}", count: sorted.count, to: &output, level: level)
        }
    }

    /// The line break and indentation before an element of a container `level` deep.
    public static func writeElementStart(first: Bool, to output: inout [UInt8], level: Int) {
        if !first { output.append(UInt8(ascii: ",")) }
        output.append(UInt8(ascii: "\n"))
        writeIndent(level + 1, to: &output)
    }

    /// The start of a member of an object `level` deep, up to its value: `"key" : `.
    public static func writeKey(
        _ key: String, first: Bool, to output: inout [UInt8], level: Int
    ) {
        writeElementStart(first: first, to: &output, level: level)
        write(string: key, to: &output)
        output.append(contentsOf: " : ".utf8)
    }

    /// The end of a container `level` deep that held `count` elements.
    public static func writeEnd(
        _ close: Unicode.Scalar, count: Int, to output: inout [UInt8], level: Int
    ) {
        output.append(UInt8(ascii: "\n"))
        if count == 0 { output.append(UInt8(ascii: "\n")) }
        writeIndent(level, to: &output)
        output.append(UInt8(ascii: close))
    }

    /// `text` as a quoted JSON string.
    public static func write(string text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
            case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output += [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeIndent(_ level: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }
}
