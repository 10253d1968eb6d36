/// A small seeded generator (SplitMix64), so a failing property test fails the same way
/// every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Random values built from every class of character an escaper treats differently.
enum RandomValues {
    /// Pieces drawn from one class each: printable ASCII, quotes, backslash, controls,
    /// CR/LF/TAB, 2-, 3- and 4-byte UTF-8, XML specials, `]]>` fragments.
    static let classes: [@Sendable (inout SeededGenerator) -> String] = [
        { String(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &$0))) },
        { ["\"", "'"].randomElement(using: &$0)! },
        { _ in "\\" },
        { String(UnicodeScalar(UInt8.random(in: 0x00...0x1F, using: &$0))) },
        { ["\r", "\n", "\t", "\r\n"].randomElement(using: &$0)! },
        { scalar(in: 0x80...0x7FF, using: &$0) },
        { scalar(in: 0x800...0xFFFD, using: &$0) },
        { scalar(in: 0x10000...0x10FFFF, using: &$0) },
        { ["<", ">", "&", "</", "&amp;", "/"].randomElement(using: &$0)! },
        { ["]", "]]", "]]>", "]]]>", ">", "]>"].randomElement(using: &$0)! },
    ]

    /// `count` values of up to 16 pieces each; a few hold U+FFFE or U+FFFF.
    static func make(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            var value = ""
            for _ in 0..<Int.random(in: 0...16, using: &generator) {
                value += classes.randomElement(using: &generator)!(&generator)
            }
            return index % 50 == 7 ? value + "\u{FFFF}" : value
        }
    }

    private static func scalar(
        in range: ClosedRange<UInt32>, using generator: inout SeededGenerator
    ) -> String {
        while true {
            let value = UInt32.random(in: range, using: &generator)
            if let scalar = Unicode.Scalar(value) { return String(scalar) }
        }
    }
}
