/// How `tresor usage` shows one reference: a line of text or a JSON object.
public enum UsageRow {
    /// `processes/order.bpmn:12:9  process order "Order"  task pay "Pay" (serviceTask)
    /// parameter ftp  field FTPAccess.password`: the location, the process and task when
    /// the reference has them, the parameter and the field path, two spaces apart.
    public static func text(_ reference: PlaceholderReference) -> String {
        var line: [UInt8] = []
        appendText(reference, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends the text of ``text(_:)`` to `line` as bytes: a large listing has a row per
    /// reference, and building them as bytes skips the string interpolation.
    public static func appendText(_ reference: PlaceholderReference, to line: inout [UInt8]) {
        let location = reference.location
        append(TerminalText.quoted(location.path), to: &line)
        line.append(UInt8(ascii: ":"))
        appendDecimal(location.line, to: &line)
        line.append(UInt8(ascii: ":"))
        appendDecimal(location.column, to: &line)
        if let process = reference.process {
            append("  process ", to: &line)
            appendIdentity(process.id, process.name, to: &line)
        }
        if let task = reference.task {
            append("  task ", to: &line)
            appendIdentity(task.id, task.name, to: &line)
            append(" (", to: &line)
            append(task.kind, to: &line)
            line.append(UInt8(ascii: ")"))
        }
        append("  parameter ", to: &line)
        append(TerminalText.escaped(reference.parameter), to: &line)
        append("  field ", to: &line)
        append(TerminalText.escaped(reference.fieldPath), to: &line)
    }

    /// Appends the UTF-8 of `text` in one copy (the generic path goes byte by byte).
    private static func append(_ text: String, to line: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable {
            line.append(contentsOf: $0)
        }
        if copied == nil { line.append(contentsOf: text.utf8) }
    }

    /// `id "name"`, or `id` alone; control characters from the file as C escapes, so a
    /// row stays one line and drives no terminal.
    private static func appendIdentity(_ id: String, _ name: String?, to line: inout [UInt8]) {
        append(TerminalText.escaped(id), to: &line)
        guard let name else { return }
        line.append(contentsOf: " \"".utf8)
        append(TerminalText.escaped(name), to: &line)
        line.append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `number` (line and column numbers: never negative).
    private static func appendDecimal(_ number: Int, to line: inout [UInt8]) {
        guard number >= 10 else {
            line.append(UInt8(ascii: "0") + UInt8(max(number, 0)))
            return
        }
        appendDecimal(number / 10, to: &line)
        line.append(UInt8(ascii: "0") + UInt8(number % 10))
    }

    /// The reference as a JSON object: secret, path, line, column, parameter, field, the
    /// escaping context, and the process (id, name) and task (id, kind, name) when known.
    /// A name the file does not give is left out rather than `null`.
    public static func json(_ reference: PlaceholderReference) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("secret", .string(reference.name.text)), ("path", .string(reference.location.path)),
            ("line", .integer(reference.location.line)),
            ("column", .integer(reference.location.column)),
            ("parameter", .string(reference.parameter)), ("field", .string(reference.fieldPath)),
            ("context", .string(reference.context.description)),
        ]
        if let process = reference.process {
            members.append(("process", .object(identity(process.id, process.name))))
        }
        if let task = reference.task {
            let kind = (key: "kind", value: JSONValue.string(task.kind))
            members.append(("task", .object(identity(task.id, task.name) + [kind])))
        }
        return .object(members)
    }

    private static func identity(_ id: String, _ name: String?) -> [(key: String, value: JSONValue)]
    {
        [("id", .string(id))] + (name.map { [("name", .string($0))] } ?? [])
    }
}
