/// Where a placeholder's value lands, as two layers: the inner syntax the value must be a
/// valid part of, and the outer file syntax that inner text is then written into.
///
/// A JSON task input file has inner `.jsonString` and outer `.none`; a Camunda 7 input
/// parameter whose text is a JSON payload has inner `.jsonString` and outer `.xmlText`
/// (or `.cdata`); a Zeebe `source="=..."` FEEL expression has inner `.feelString` and outer
/// `.xmlAttribute`. Contexts that cannot hold a value safely (a JSON key, bare FEEL code)
/// never become an `EscapeContext`: the process reader reports them as errors instead.
public struct EscapeContext: Sendable, Hashable, CustomStringConvertible {
    /// The syntax around the placeholder once the file's own encoding is removed.
    public enum Inner: String, Sendable, Hashable, CaseIterable {
        /// Text taken as it is (a Camunda 7 text parameter, a Zeebe static value).
        case plainText = "text"
        /// Inside a JSON string literal, between its quotes.
        case jsonString = "JSON string"
        /// Inside a FEEL string literal, between its double quotes.
        case feelString = "FEEL string"
        /// In the character data of a text that is an XML document (a SOAP envelope).
        case xmlPayloadText = "XML payload's text"
        /// In an attribute value of a text that is an XML document.
        case xmlPayloadAttribute = "XML payload's attribute"
    }

    /// The file syntax the inner text is written into.
    public enum Outer: Sendable, Hashable {
        /// Nothing more: the inner text is the file's bytes (JSON files).
        case none
        /// XML character data between tags.
        case xmlText
        /// Inside a `<![CDATA[ ... ]]>` section.
        case cdata
        /// Inside an XML attribute value delimited by `quote` (`"` or `'`).
        case xmlAttribute(quote: UInt8)
    }

    public var inner: Inner
    public var outer: Outer
    /// True where the engine evaluates `${...}` and `#{...}` in the text (Camunda 7 and
    /// Flowable parameters and fields): a value holding either would become code there,
    /// and EL has no escape that every engine honours, so such a value is refused.
    public var evaluatesExpressions: Bool

    public init(inner: Inner, outer: Outer, evaluatesExpressions: Bool = false) {
        self.inner = inner
        self.outer = outer
        self.evaluatesExpressions = evaluatesExpressions
    }

    /// Where a value lands, as a message says it: "a JSON string in XML text", "an XML
    /// attribute" (plain text is named by its outer syntax alone).
    public var phrase: String {
        let place: String? =
            switch outer {
            case .none: nil
            case .xmlText: "XML text"
            case .cdata: "a CDATA section"
            case .xmlAttribute: "an XML attribute"
            }
        guard inner != .plainText else { return place ?? "plain text" }
        let article = inner.rawValue.hasPrefix("XML") ? "an" : "a"
        return place.map { "\(article) \(inner.rawValue) in \($0)" }
            ?? "\(article) \(inner.rawValue)"
    }

    public var description: String {
        switch outer {
        case .none: inner.rawValue
        case .xmlText: "\(inner.rawValue) in XML text"
        case .cdata: "\(inner.rawValue) in CDATA"
        case .xmlAttribute: "\(inner.rawValue) in an XML attribute"
        }
    }
}
