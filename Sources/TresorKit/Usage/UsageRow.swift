/// How `tresor usage` shows one reference: a line of text or a JSON object.
public enum UsageRow {
    /// `processes/order.bpmn:12:9  process order "Order"  task pay "Pay" (serviceTask)
    /// parameter ftp  field FTPAccess.password`: the location, the process and task when
    /// the reference has them, the parameter and the field path, two spaces apart.
    public static func text(_ reference: PlaceholderReference) -> String {
        var parts = ["\(reference.location)"]
        if let process = reference.process {
            parts.append("process \(process.id)" + (process.name.map { " \"\($0)\"" } ?? ""))
        }
        if let task = reference.task {
            parts.append(
                "task \(task.id)" + (task.name.map { " \"\($0)\"" } ?? "") + " (\(task.kind))")
        }
        parts.append("parameter \(reference.parameter)")
        parts.append("field \(reference.fieldPath)")
        return parts.joined(separator: "  ")
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
