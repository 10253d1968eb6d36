/// What the process reader learns from one process file: the processes it defines, every
/// placeholder reference with the task and field that hold it, and the findings.
///
/// The renderer needs nothing else: each reference carries the byte range to replace in
/// the file and the context that decides how its value is escaped.
public struct ProcessDocument: Sendable {
    /// What kind of file this is.
    public enum Kind: String, Sendable, Hashable {
        case bpmn, json
    }

    /// Path relative to the processes folder, `/`-separated; used in every message.
    public var path: String
    public var kind: Kind
    /// Processes defined in the file (a BPMN file may hold several; a JSON task input
    /// names its process through its folder).
    public var processes: [ProcessIdentity]
    /// Every well-formed placeholder in a supported place, in file order.
    public var references: [PlaceholderReference]
    /// Near-misses, placeholders in unsupported places, unsafe contexts, malformed files
    /// (errors), and placeholders in documentation (notes).
    public var findings: [Finding]

    public init(
        path: String, kind: Kind, processes: [ProcessIdentity] = [],
        references: [PlaceholderReference] = [], findings: [Finding] = []
    ) {
        self.path = path
        self.kind = kind
        self.processes = processes
        self.references = references
        self.findings = findings
    }

    /// True when rendering this file is safe: no finding is an error.
    public var isRenderable: Bool { !findings.contains { $0.severity == .error } }

    /// The error that kept the reader from reading the file (malformed XML or JSON, a
    /// DOCTYPE, bytes that are not UTF-8), or nil: references past it were not found.
    public var unreadable: Finding? {
        findings.first { $0.severity == .error && Rule.unreadable.contains($0.rule) }
    }
}

/// A process as usage reports it.
public struct ProcessIdentity: Sendable, Hashable {
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// A task as usage reports it: id, name, and kind (`serviceTask`, `sendTask`, ...).
public struct TaskIdentity: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var kind: String

    public init(id: String, name: String? = nil, kind: String) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// One `{{secret:NAME}}` in a supported place of a process file.
public struct PlaceholderReference: Sendable, Hashable {
    public var name: SecretName
    /// Where the placeholder starts in the file.
    public var location: SourceLocation
    public var process: ProcessIdentity?
    public var task: TaskIdentity?
    /// The task input that holds it: a Camunda 7 input parameter's name, a Zeebe input's
    /// target, a header's key, a Flowable field's name; for JSON files the top-level key.
    public var parameter: String
    /// The path to the exact field: `FTPAccess.password`, `headers.Authorization`,
    /// `payload.recipients[0]`.
    public var fieldPath: String
    /// How the value is escaped where it lands.
    public var context: EscapeContext
    /// Bytes of the file that the rendered value replaces (the placeholder as written,
    /// entities or escapes included).
    public var sourceRange: Range<Int>
    /// The text next to the placeholder, which the value must not join into an expression.
    public var edges: ValueEdges
    /// Where the element that starts its task input is (a BPMN input parameter, field,
    /// Zeebe input or header), to tell two inputs of one name apart; nil in a JSON file.
    public var inputElement: Int?

    public init(
        name: SecretName, location: SourceLocation, process: ProcessIdentity?, task: TaskIdentity?,
        parameter: String, fieldPath: String, context: EscapeContext, sourceRange: Range<Int>,
        edges: ValueEdges = ValueEdges(), inputElement: Int? = nil
    ) {
        self.name = name
        self.location = location
        self.process = process
        self.task = task
        self.parameter = parameter
        self.fieldPath = fieldPath
        self.context = context
        self.sourceRange = sourceRange
        self.edges = edges
        self.inputElement = inputElement
    }
}

extension ProcessDocument {
    /// Prefixes every location of the document with `prefix/`, for messages that name
    /// files as the user sees them (`processes/order.bpmn` rather than `order.bpmn`).
    public mutating func prefixPaths(with prefix: String) {
        guard !prefix.isEmpty else { return }
        let full = prefix.hasSuffix("/") ? prefix + path : prefix + "/" + path
        for index in references.indices { references[index].location.path = full }
        for index in findings.indices where findings[index].location.path.isSamePath(as: path) {
            findings[index].location.path = full
        }
    }
}
