/// Why an XML document was refused, and where: the tokenizer, the namespace check and
/// libxml2's parser all report through this one type.
public struct XMLSyntaxError: Error, Sendable, Hashable {
    /// `xml` for malformed documents, `xml-doctype` for a document type declaration.
    public let rule: Rule
    /// Byte offset of the problem in the file.
    public let offset: Int
    /// What is wrong, without quoting the file's content beyond a name (libxml2's own
    /// words may also quote a namespace URI or an XML version).
    public let message: String
    /// Line and column when libxml2 reported the problem (it counts them itself);
    /// nil when `offset` locates it.
    public let line: Int?
    /// See `line`.
    public let column: Int?

    /// A problem at a byte offset.
    public init(_ message: String, at offset: Int, rule: Rule = .xml) {
        self.rule = rule
        self.offset = offset
        self.message = message
        line = nil
        column = nil
    }

    /// A problem libxml2 reported by line and column.
    public init(_ message: String, line: Int, column: Int) {
        rule = .xml
        offset = 0
        self.message = message
        self.line = line
        self.column = column
    }

    /// This error, saying first that the file ends too early when it lies at the end of a
    /// file of `count` bytes: a truncated file read "'=' expected after attribute na"
    /// (found by a sixteenth fresh tester).
    func saidOfAnEarlyEnd(_ count: Int) -> XMLSyntaxError {
        guard line == nil, offset >= count else { return self }
        return XMLSyntaxError("the file ends too early: " + message, at: offset, rule: rule)
    }

    /// The finding that reports this error in the file at `path`.
    public func finding(path: String, lines: LineIndex) -> Finding {
        let position = line.map { (line: $0, column: column ?? 1) } ?? lines.position(of: offset)
        let location = SourceLocation(path: path, line: position.line, column: position.column)
        let hint: String =
            rule == .xmlDoctype
            ? "process files need no DOCTYPE; remove it (Tresor never expands entities)"
            : "fix the XML so that a BPMN modeler can open the file"
        return Finding(.error, rule, at: location, message, hint: hint)
    }
}
