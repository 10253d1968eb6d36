/// Why an XML document was refused, and where: the tokenizer, the namespace check and
/// FoundationXML's parser all report through this one type.
public struct XMLSyntaxError: Error, Sendable, Hashable {
    /// `xml` for malformed documents, `xml-doctype` for a document type declaration.
    public let rule: Rule
    /// Byte offset of the problem in the file.
    public let offset: Int
    /// What is wrong, without quoting the file's content beyond a name.
    public let message: String
    /// When the offset came from FoundationXML, which counts lines and columns itself.
    public let lineAndColumn: (line: Int, column: Int)?

    /// A problem at a byte offset.
    public init(_ message: String, at offset: Int, rule: Rule = .xml) {
        self.rule = rule
        self.offset = offset
        self.message = message
        lineAndColumn = nil
    }

    /// A problem FoundationXML reported by line and column.
    public init(_ message: String, line: Int, column: Int) {
        rule = .xml
        offset = 0
        self.message = message
        lineAndColumn = (line, column)
    }

    /// The finding that reports this error in the file at `path`.
    public func finding(path: String, lines: LineIndex) -> Finding {
        let position = lineAndColumn ?? lines.position(of: offset)
        let location = SourceLocation(path: path, line: position.line, column: position.column)
        let hint: String =
            rule == .xmlDoctype
            ? "process files need no DOCTYPE; remove it (Tresor never expands entities)"
            : "fix the XML so that a BPMN modeler can open the file"
        return Finding(.error, rule, at: location, message, hint: hint)
    }

    public static func == (lhs: XMLSyntaxError, rhs: XMLSyntaxError) -> Bool {
        lhs.rule == rhs.rule && lhs.offset == rhs.offset && lhs.message == rhs.message
            && lhs.lineAndColumn?.line == rhs.lineAndColumn?.line
            && lhs.lineAndColumn?.column == rhs.lineAndColumn?.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(offset)
        hasher.combine(message)
    }
}
