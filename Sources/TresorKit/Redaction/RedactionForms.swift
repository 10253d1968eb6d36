/// The forms in which a value turns up in logs, each of which `tresor redact` masks: the
/// value itself; JSON-escaped (minimal, and ASCII-only with `\uXXXX` as Python and PHP
/// write it, each also with `\/`);
/// URL-encoded (`%XX` in upper and lower case, and form encoding with `+`); base64
/// (standard and URL-safe, at each of the three alignments it can have inside a longer
/// encoded text); every form `render` writes (XML text, CDATA, attributes, FEEL strings);
/// and each line of a multi-line value in all of these forms.
public enum RedactionForms {
    /// Every form of `value`, without duplicates; lines shorter than `minimumLength` are
    /// left out (the whole value is the caller's to check).
    public static func forms(of value: [UInt8], minimumLength: Int) -> [[UInt8]] {
        var forms = Set<[UInt8]>()
        var pieces = [value]
        if value.contains(0x0A) {
            for line in value.split(separator: 0x0A, omittingEmptySubsequences: true) {
                var line = Array(line)
                if line.last == 0x0D { line.removeLast() }
                if line.count >= minimumLength { pieces.append(line) }
            }
        }
        for piece in pieces {
            forms.formUnion(encodings(of: piece))
        }
        return forms.filter { !$0.isEmpty }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func encodings(of value: [UInt8]) -> [[UInt8]] {
        var result = [value, jsonString(value)]
        result.append(replacing(jsonString(value), "/", with: "\\/"))
        result.append(asciiJSON(value))
        result.append(replacing(asciiJSON(value), "/", with: "\\/"))
        result.append(percentEncoded(value, upper: true, plusForSpace: false))
        result.append(percentEncoded(value, upper: false, plusForSpace: false))
        result.append(percentEncoded(value, upper: true, plusForSpace: true))
        for alignment in 0..<3 {
            result.append(base64Core(value, alignment: alignment, urlSafe: false))
            result.append(base64Core(value, alignment: alignment, urlSafe: true))
        }
        result.append(Array(Sodium.base64(value, variant: .standard).utf8))
        result.append(upperHexJSON(value))
        result.append(percentEncoded(value, upper: true, plusForSpace: false, keepSlash: true))
        result += renderedForms(of: value)
        return result
    }

    /// Every form `render` and `deploy` write a value in: each inner syntax (text, JSON
    /// string, FEEL string) in each file syntax (as is, XML text, CDATA, attribute).
    static func renderedForms(of value: [UInt8]) -> [[UInt8]] {
        let inners: [EscapeContext.Inner] = [.plainText, .jsonString, .feelString]
        let outers: [EscapeContext.Outer] = [
            .none, .xmlText, .cdata, .xmlAttribute(quote: 0x22), .xmlAttribute(quote: 0x27),
        ]
        return inners.flatMap { inner in
            outers.compactMap { outer in
                try? ValueEscaper.escape(value, for: EscapeContext(inner: inner, outer: outer))
                    .withUnsafeBytes { Array($0) }
            }
        }
    }

    /// ASCII-only JSON with upper-case hex digits (`\u00FC`), as Java and .NET write it.
    static func upperHexJSON(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        let json = asciiJSON(value)
        while index < json.count {
            if json[index] == 0x5C, index + 5 < json.count, json[index + 1] == 0x75 {
                out += json[index..<(index + 2)]
                out += json[(index + 2)..<(index + 6)].map {
                    $0 >= 0x61 && $0 <= 0x66 ? $0 - 0x20 : $0
                }
                index += 6
            } else {
                out.append(json[index])
                index += 1
            }
        }
        return out
    }

    /// JSON string content as ASCII-only encoders write it (Python's `json.dumps`):
    /// `\uXXXX` in lower-case hex for every non-ASCII character, surrogate pairs above
    /// U+FFFF.
    static func asciiJSON(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in String(decoding: value, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                out += jsonString([UInt8(scalar.value)])
            } else {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            }
        }
        return out
    }

    /// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
    static func percentEncoded(
        _ value: [UInt8], upper: Bool, plusForSpace: Bool, keepSlash: Bool = false
    ) -> [UInt8] {
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        for byte in value {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: out.append(byte)
            case 0x20 where plusForSpace: out.append(0x2B)
            case 0x2F where keepSlash: out.append(byte)
            default: out += [0x25, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return out
    }

    /// The base64 characters that depend on `value` alone when it starts `alignment`
    /// bytes into a group of three: what shows of it inside any longer base64 text (a
    /// Basic authorisation header, a token). The at most 4 bits shared with the
    /// neighbouring bytes are not part of it.
    // Limitation: up to 4 bits of the value stay unmasked on each side of the core.
    static func base64Core(_ value: [UInt8], alignment: Int, urlSafe: Bool) -> [UInt8] {
        let padded = [UInt8](repeating: 0, count: alignment) + value
        let text = Array(
            Sodium.base64(padded, variant: urlSafe ? .urlSafeUnpadded : .standard).utf8)
        let first = (8 * alignment + 5) / 6
        let end = 8 * (alignment + value.count) / 6
        guard first < end, end <= text.count else { return [] }
        return Array(text[first..<end])
    }

    private static func jsonString(_ value: [UInt8]) -> [UInt8] {
        let out = WipedArray<UInt8>()
        ValueEscaper.jsonString(value, into: out)
        return out.withUnsafeBytes { Array($0) }
    }

    private static func replacing(_ bytes: [UInt8], _ byte: Character, with: String) -> [UInt8] {
        let target = UInt8(ascii: byte.unicodeScalars.first!)
        var out: [UInt8] = []
        for item in bytes {
            if item == target { out += Array(with.utf8) } else { out.append(item) }
        }
        return out
    }
}
