/// What kind of credential a secret holds. The type is metadata for people and drives an
/// optional check of the value when it is created or changed (a port is a number in
/// 1-65535, a URL parses, a certificate is PEM).
public enum SecretType: String, Sendable, CaseIterable, Hashable {
    case password
    case apiKey = "api-key"
    case token
    case username
    case host
    case port
    case url
    case certificate
    case other

    /// Parses a type as written on the command line or in a secret file.
    public init(parsing text: String) throws(SecretTypeError) {
        guard let type = SecretType(rawValue: text) else {
            throw SecretTypeError(text: SecretName.printable(text))
        }
        self = type
    }

    /// The list of types for help texts and messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Checks `value` against what this type promises; nil when it fits. The reason never
    /// quotes the value. The checks read the bytes where they lie (see
    /// `SecretType+Checks.swift`): no string is made of a value.
    /// True for the types whose values are checked (``problem(with:)``).
    public var checksValues: Bool {
        switch self {
        case .port, .url, .certificate: true
        default: false
        }
    }

    public func problem(with value: SecretBytes) -> String? {
        switch self {
        case .port: value.withUnsafeBytes(Self.portProblem)
        case .url: value.withUnsafeBytes(Self.urlProblem)
        case .certificate: value.withUnsafeBytes(Self.certificateProblem)
        default: nil
        }
    }
}

/// A type that is not one of the known types.
public struct SecretTypeError: TresorError {
    public let text: String

    public var message: String { "unknown secret type \"\(text)\"" }
    public var hint: String? { "use one of: \(SecretType.names)" }
    public var exitCode: ExitCode { .usage }
}
