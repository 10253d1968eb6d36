/// The name of a secret, as it appears in placeholders and as its file name.
///
/// Rules (README, "Names"): `^[A-Z][A-Z0-9_]*$`, at most 64 characters, not a reserved
/// name, and not a variable programs read from their environment
/// (``EnvironmentNames``). Names are immutable: there is no rename, because every
/// placeholder that uses a name would silently break.
public struct SecretName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest name accepted.
    public static let maximumLength = 64
    /// Names longer than this are accepted with a warning: they make placeholders unwieldy.
    public static let comfortableLength = 20
    /// Names that would clash with the tool's own files (`vault.yaml`) on a
    /// case-insensitive file system.
    public static let reserved: Set<String> = ["VAULT"]

    public let text: String

    /// Validates `text` against the name rules.
    public init(_ text: String) throws(NameError) {
        if let problem = SecretName.problem(with: text.utf8) {
            throw NameError(problem: problem, display: SecretName.printable(text))
        }
        self.text = text
    }

    /// A name whose bytes `isValid(_:)` has just accepted: the scanners check each
    /// placeholder's name once, on the file's bytes.
    init(checked text: String) {
        assert(SecretName.isValid(text.utf8), "an unchecked name")
        self.text = text
    }

    public var description: String { text }

    public static func < (lhs: SecretName, rhs: SecretName) -> Bool { lhs.text < rhs.text }

    /// True when `bytes` spell a valid, unreserved name. Byte-level so scanners can call it
    /// on slices of a file without building strings.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        problem(with: bytes) == nil
    }

    /// The first rule `bytes` break, or nil when they form a valid name.
    public static func problem(with bytes: some Collection<UInt8>) -> NameError.Problem? {
        guard let first = bytes.first else { return .empty }
        guard bytes.count <= maximumLength else { return .tooLong(bytes.count) }
        guard isUpperLetter(first) else { return .badFirstCharacter }
        var second: UInt8 = 0
        var last = first
        var index = 0
        for byte in bytes {
            guard isUpperLetter(byte) || isDigit(byte) || byte == 0x5F else { return .badCharacter }
            if index == 1 { second = byte }
            last = byte
            index += 1
        }
        // A string is made only for a name with the first and last byte and the length of
        // a reserved one: scanners check every placeholder's name here.
        if reservedShapes[shape(first, last)] & (1 << UInt64(index)) != 0 {
            let text = String(decoding: bytes, as: UTF8.self)
            if reserved.contains(text) { return .reserved }
            if EnvironmentNames.exact.contains(text) { return .environment }
        }
        if EnvironmentNames.mayStartFamily(first, second),
            EnvironmentNames.hasReservedPrefix(bytes)
        {
            return .environment
        }
        return nil
    }

    /// The slot of a name's first letter and last byte in ``reservedShapes``: the low six
    /// bits tell A-Z, 0-9 and `_` apart.
    private static func shape(_ first: UInt8, _ last: UInt8) -> Int {
        Int(first - 0x41) << 6 | Int(last & 0x3F)
    }

    /// For each first letter and last byte, bit n is set when a reserved name (or
    /// environment name) of that shape is n bytes long (names are at most 64 bytes, so a
    /// shift past 63 gives 0): two lookups, where a set hashed each name.
    private static let reservedShapes: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 26 << 6)
        for name in reserved.union(EnvironmentNames.exact) {
            let bytes = Array(name.utf8)
            table[shape(bytes[0], bytes[bytes.count - 1])] |= 1 << UInt64(bytes.count)
        }
        return table
    }()

    /// Warnings for a valid name: too long to be comfortable, or saying nothing about what
    /// the secret is (`SECRET_1`, `PASSWORD2`, `X`).
    public var warnings: [String] {
        var result: [String] = []
        if text.utf8.count > SecretName.comfortableLength {
            result.append(
                "name \(text) is longer than \(SecretName.comfortableLength) characters")
        }
        if SecretName.isVague(text) {
            result.append(
                "name \(text) says nothing about what it is for; prefer a name such as FTP_PASSWORD"
            )
        }
        return result
    }

    private static let vagueStems: Set<String> = [
        "SECRET", "SECRETS", "PASSWORD", "PASS", "PWD", "KEY", "TOKEN", "VALUE", "VAR", "TEST",
        "TMP", "TEMP", "FOO", "BAR", "X", "NEW", "OLD", "DATA", "CREDENTIAL", "CREDENTIALS",
    ]

    private static func isVague(_ text: String) -> Bool {
        var stem = Substring(text)
        while let last = stem.last, last.isNumber || last == "_" { stem = stem.dropLast() }
        return stem.count <= 1 || vagueStems.contains(String(stem))
    }

    private static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// A form of arbitrary user input that is safe to print in one line of a message, at
    /// most 80 characters of it: everything outside printable ASCII is escaped as terminal
    /// text is (``TerminalText/asciiOnly(_:)``: `\n`, `\x1b`, `\u202e`), so a look-alike
    /// (`F\u0422P`) shows what differs and no control character reaches the terminal.
    public static func printable(_ text: String) -> String {
        var head = String.UnicodeScalarView()
        head.append(contentsOf: text.unicodeScalars.prefix(80))
        let out = TerminalText.asciiOnly(String(head))
        return text.unicodeScalars.count > 80 ? out + "..." : out
    }
}

/// A name that breaks the name rules, and which rule.
public struct NameError: TresorError {
    public enum Problem: Sendable, Hashable {
        case empty, tooLong(Int), badFirstCharacter, badCharacter, reserved
        /// A variable programs read from their environment (``EnvironmentNames``).
        case environment
    }

    public let problem: Problem
    /// The offending name, with control characters escaped, for the message.
    public let display: String

    public var message: String {
        switch problem {
        case .empty: "a secret name cannot be empty"
        case .tooLong(let count):
            "secret name \"\(display)\" is \(count) characters; at most "
                + "\(SecretName.maximumLength) are allowed"
        case .badFirstCharacter:
            "secret name \"\(display)\" must start with an upper-case letter A-Z"
        case .badCharacter:
            "secret name \"\(display)\" may hold only A-Z, 0-9 and _"
        case .reserved:
            "secret name \"\(display)\" is reserved for the tool's own files"
        case .environment:
            "secret name \"\(display)\" is \(EnvironmentNames.why)"
        }
    }

    /// The broken rule without the name, for messages about files, whose text is never
    /// quoted (a name field may hold anything, a pasted value too).
    public var reason: String {
        switch problem {
        case .empty: "the name is empty"
        case .tooLong: "the name is longer than \(SecretName.maximumLength) characters"
        case .badFirstCharacter: "the name must start with an upper-case letter A-Z"
        case .badCharacter: "the name may hold only A-Z, 0-9 and _"
        case .reserved: "the name is reserved for the tool's own files"
        case .environment: "the name is \(EnvironmentNames.why)"
        }
    }

    public var hint: String? {
        switch problem {
        case .reserved, .environment: "choose another name"
        default: "names match ^[A-Z][A-Z0-9_]*$, for example FTP_PASSWORD"
        }
    }

    public var exitCode: ExitCode { .usage }
}
