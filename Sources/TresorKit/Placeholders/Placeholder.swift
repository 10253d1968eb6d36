/// A well-formed `{{secret:NAME}}` found in a piece of text.
///
/// `range` is in bytes of the text that was scanned (already decoded from the file's
/// syntax: XML entities and CDATA, JSON string escapes).
public struct Placeholder: Sendable, Hashable {
    public let name: SecretName
    public let range: Range<Int>

    public init(name: SecretName, range: Range<Int>) {
        self.name = name
        self.range = range
    }
}

/// Text that looks as if it meant to be a placeholder but is not one: always an error,
/// in `validate` and in `render`, so a typo never ships a literal `{{ secret:X }}` to an
/// engine.
public struct NearMiss: Sendable, Hashable {
    /// Which rule of the grammar the text breaks.
    public enum Kind: String, Sendable, Hashable {
        /// White space inside the braces: `{{ secret:NAME }}`.
        case whiteSpace = "white space inside the braces"
        /// `Secret`, `SECRET`, `secrets` or a misspelling (`sercet`) where `secret` is
        /// meant.
        case keyword = "the keyword is written differently"
        /// The Camunda form `{{secrets.NAME}}`.
        case camundaForm = "Camunda's {{secrets.NAME}} form"
        /// `.` or another separator where `:` is meant: `{{secret.NAME}}`,
        /// `{{secret-NAME}}`, `{{secret NAME}}`.
        case separator = "a separator other than ':'"
        /// One brace where two are meant: `{secret:NAME}`.
        case singleBrace = "a single brace"
        /// `{{secret:NAME` with no closing `}}`.
        case unclosed = "the placeholder is not closed"
        /// A name that breaks the name rules: `{{secret:ftp-password}}`.
        case invalidName = "the name breaks the name rules"
        /// A name of the right form that no secret may have: `VAULT`, or a variable
        /// programs read from their environment (`PATH`, `LD_PRELOAD`).
        case reservedName = "the name is reserved"
    }

    public let kind: Kind
    /// Bytes of the scanned text that hold the near-miss.
    public let range: Range<Int>
    /// The offending text, at most 80 bytes, control characters escaped, for messages.
    public let text: String
    /// The canonical `{{secret:NAME}}` the text most likely meant, when the intended name
    /// is clear and valid.
    public let suggestion: String?

    public init(kind: Kind, range: Range<Int>, text: String, suggestion: String?) {
        self.kind = kind
        self.range = range
        self.text = text
        self.suggestion = suggestion
    }
}

/// What scanning one piece of text found, in order of position.
public struct PlaceholderScan: Sendable, Hashable {
    public var placeholders: [Placeholder] = []
    public var nearMisses: [NearMiss] = []

    public init(placeholders: [Placeholder] = [], nearMisses: [NearMiss] = []) {
        self.placeholders = placeholders
        self.nearMisses = nearMisses
    }

    public var isEmpty: Bool { placeholders.isEmpty && nearMisses.isEmpty }
}
