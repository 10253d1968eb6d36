/// What never reaches libxml2 (see ``XMLWellFormedness``): a file whose cost to it would
/// grow with the square of its size, or that it would decode from another encoding before
/// reading. Each is refused with a problem at its place, in a pass over the bytes.
extension XMLWellFormedness {
    /// The most attributes one element may have in a file handed to libxml2: it compares
    /// each attribute of an element with every one before it, so 200,000 on one element
    /// took minutes (found by a sixteenth fresh tester), where no BPMN element has 50.
    static let maximumAttributes = 1_000

    /// The offset of the first tag of `bytes` with more than ``maximumAttributes``
    /// attributes, counted as the `=` outside quotes between a `<` and the `>` that ends
    /// it; comments, CDATA sections and processing instructions are stepped over. Where
    /// libxml2 reads an attribute, this counts one, so it never counts fewer.
    static func crowdedTag(_ bytes: [UInt8]) -> Int? {
        let skipped = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")].map {
            (start: Array($0.0.utf8), end: Array($0.1.utf8))
        }
        var offset = 0
        while let open = bytes.firstOffset(of: UInt8(ascii: "<"), from: offset) {
            if let (_, end) = skipped.first(where: { bytes[open...].starts(with: $0.start) }) {
                guard let after = bytes[(open + 2)...].firstRange(of: end)?.upperBound else {
                    return nil
                }
                offset = after
                continue
            }
            var quote: UInt8 = 0
            var equals = 0
            var index = open + 1
            while index < bytes.count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "=") {
                    equals += 1
                    if equals > maximumAttributes { return open }
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                index += 1
            }
            offset = index + 1
        }
        return nil
    }

    /// The offset of the XML declaration of `bytes` when it declares an encoding other than
    /// UTF-8, which the tokenizer refuses anyway: libxml2 would decode the file first, and
    /// in UTF-7 `="x"` is `+AD0AIgB4ACI-`, which hid 200,000 attributes from
    /// ``crowdedTag(_:)`` (found by a seventeenth fresh tester). Read as leniently as
    /// libxml2 reads it: white space around `=`, either quote.
    static func foreignEncoding(_ bytes: [UInt8]) -> Int? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes[start...].starts(with: Array("<?xml".utf8)),
            let close = bytes[start...].firstRange(of: Array("?>".utf8))?.lowerBound,
            let name = bytes[start..<close].firstRange(of: Array("encoding".utf8))?.upperBound
        else { return nil }
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var index = name
        while index < close, blanks.contains(bytes[index]) { index += 1 }
        guard index < close, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < close, blanks.contains(bytes[index]) { index += 1 }
        guard index < close, bytes[index] == 0x22 || bytes[index] == 0x27,
            let end = bytes[(index + 1)..<close].firstIndex(of: bytes[index])
        else { return nil }
        let value = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
        return value == "utf-8" || value == "utf8" ? nil : start
    }
}
