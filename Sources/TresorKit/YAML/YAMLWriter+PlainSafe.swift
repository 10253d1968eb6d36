extension YAMLWriter {
    /// True when `text` can be written unquoted and every YAML reader, 1.1 or 1.2, reads
    /// it back as this same string.
    ///
    /// The rule is deliberately conservative; quoting too much costs two characters,
    /// quoting too little turns a secret's field into a boolean or a number elsewhere.
    /// Plain only when all of these hold:
    /// - `text` is not empty and matches `^[A-Za-z0-9_./+-][A-Za-z0-9_./@+:=-]*$`, so it
    ///   has no spaces, no `#`, no quotes and no flow or block indicators. (`@` is
    ///   reserved by YAML and cannot start a plain scalar.)
    /// - It does not end with `:` and does not start with `---` (a document marker).
    /// - It is not a boolean or null word of YAML 1.1 or 1.2 in any case: `y`, `n`, `yes`,
    ///   `no`, `on`, `off`, `true`, `false`, `null`.
    /// - After an optional sign, it does not start with a digit or a dot, and is not the
    ///   sign alone: this covers every number form (`0123`, `0x1F`, `0o17`, `1_000`,
    ///   `.5`, `1e3`, `.inf`, `.nan`), sexagesimals (`12:30`) and dates (`2024-01-01`).
    public static func isPlainSafe(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isPlainStart(first) else { return false }
        guard bytes.dropFirst().allSatisfy(isPlainContinuation) else { return false }
        guard bytes.last != UInt8(ascii: ":"), !text.hasPrefix("---") else { return false }
        return !resolvableWords.contains(text.lowercased()) && !looksNumeric(bytes)
    }

    /// The words YAML 1.1 or 1.2 resolves to a boolean or null, in lower case.
    private static let resolvableWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// True when `bytes`, after one optional sign, is empty or starts with a digit or dot.
    private static func looksNumeric(_ bytes: [UInt8]) -> Bool {
        let signs: [UInt8] = [UInt8(ascii: "+"), UInt8(ascii: "-")]
        let body = bytes.first.map(signs.contains) == true ? bytes.dropFirst() : bytes[...]
        guard let lead = body.first else { return true }
        return isDigit(lead) || lead == UInt8(ascii: ".")
    }

    private static func isPlainStart(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "_./+-".utf8.contains(byte)
    }

    private static func isPlainContinuation(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "_./@+:=-".utf8.contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
