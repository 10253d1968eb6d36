/// One problem or remark about a file, as `validate` and the scanners report it:
/// `path:line:col: rule: message`, then a hint line.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// How much a finding matters: errors fail the command, warnings and notes do not.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var location: SourceLocation
    public var severity: Severity
    public var rule: Rule
    public var message: String
    public var hint: String?

    public init(
        _ severity: Severity, _ rule: Rule, at location: SourceLocation,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let head = "\(location): \(rule): \(message)"
        guard let hint else { return head }
        return head + "\n  hint: " + hint
    }
}

/// The identifier of a check, printed with each finding (`near-miss`, `unknown-secret`, ...).
///
/// Each part of the library declares its own rules in an extension, next to the check.
public struct Rule: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
