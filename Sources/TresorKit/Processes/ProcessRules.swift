extension Rule {
    /// Text that looks like a placeholder but breaks its grammar.
    public static let nearMiss = Rule("near-miss")
    /// A placeholder where Tresor does not resolve placeholders (only task inputs of
    /// service, script, send and business-rule tasks).
    public static let unsupportedPlace = Rule("unsupported-place")
    /// A placeholder whose value could not be escaped safely where it stands (bare FEEL
    /// code, a JSON object key).
    public static let unsafeContext = Rule("unsafe-context")
    /// A placeholder in `bpmn:documentation`: a remark, not a reference.
    public static let documentation = Rule("documentation")
    /// A malformed XML process file.
    public static let xml = Rule("xml")
    /// An XML process file with a document type declaration, which Tresor refuses.
    public static let xmlDoctype = Rule("xml-doctype")
    /// A malformed JSON file.
    public static let json = Rule("json")
    /// Camunda's legacy bare `secrets.NAME` reference, which Tresor does not resolve.
    public static let camundaSecretReference = Rule("camunda-secret-reference")
    /// A process file that could not be opened or read (permissions, an I/O error).
    public static let unreadableFile = Rule("unreadable-file")
    /// The rules of findings that stop a file being read: its references are incomplete.
    static let unreadable: Set<Rule> = [.xml, .xmlDoctype, .json, .unreadableFile]
}
