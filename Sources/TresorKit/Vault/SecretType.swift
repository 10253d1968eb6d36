import Foundation

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
    /// quotes the value.
    public func problem(with value: SecretBytes) -> String? {
        switch self {
        case .port: value.withUnsafeBytes(Self.portProblem)
        case .url: value.withUnsafeBytes(Self.urlProblem)
        case .certificate: value.withUnsafeBytes(Self.certificateProblem)
        default: nil
        }
    }

    private static func portProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let digits = bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard digits, (1...5).contains(bytes.count) else {
            return "a port must be a number from 1 to 65535"
        }
        let number = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1...65535).contains(number) ? nil : "a port must be a number from 1 to 65535"
    }

    private static func urlProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
            !scheme.isEmpty, parts.host?.isEmpty == false
        else { return "a url must parse as scheme://host/..., for example https://api.example.com" }
        return nil
    }

    private static func certificateProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let problem =
            "a certificate must be PEM text: -----BEGIN LABEL----- ... -----END LABEL-----"
        guard let begin = text.range(of: "-----BEGIN "),
            let beginEnd = text.range(of: "-----", range: begin.upperBound..<text.endIndex),
            let end = text.range(of: "-----END ", options: .backwards),
            begin.upperBound <= end.lowerBound,
            let endEnd = text.range(of: "-----", range: end.upperBound..<text.endIndex)
        else { return problem }
        let opening = text[begin.upperBound..<beginEnd.lowerBound]
        let closing = text[end.upperBound..<endEnd.lowerBound]
        return opening == closing && !opening.isEmpty ? nil : problem
    }
}

/// A type that is not one of the known types.
public struct SecretTypeError: TresorError {
    public let text: String

    public var message: String { "unknown secret type \"\(text)\"" }
    public var hint: String? { "use one of: \(SecretType.names)" }
    public var exitCode: ExitCode { .usage }
}
