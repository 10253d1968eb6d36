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
    /// reference. The row's pieces are measured first, `line` grows once, and each piece
    /// is copied into place: a dozen appends, each checking and growing the array, cost
    /// more than the row's bytes.
    public static func appendText(_ reference: PlaceholderReference, to line: inout [UInt8]) {
        // Control characters from the file as C escapes, so a row stays one line and drives
        // no terminal (a new string only when there is one).
        let path = TerminalText.quoted(reference.location.path)
        let process = reference.process.map {
            (id: TerminalText.escaped($0.id), name: $0.name.map(TerminalText.escaped))
        }
        let task = reference.task.map {
            (id: TerminalText.escaped($0.id), name: $0.name.map(TerminalText.escaped), $0.kind)
        }
        let parameter = TerminalText.escaped(reference.parameter)
        let field = TerminalText.escaped(reference.fieldPath)
        func pieces(_ row: inout RowWriter) {
            row.put(path)
            row.put(":")
            row.put(reference.location.line)
            row.put(":")
            row.put(reference.location.column)
            if let process {
                row.put("  process ")
                row.putIdentity(process.id, process.name)
            }
            if let task {
                row.put("  task ")
                row.putIdentity(task.id, task.name)
                row.put(" (")
                row.put(task.2)
                row.put(")")
            }
            row.put("  parameter ")
            row.put(parameter)
            row.put("  field ")
            row.put(field)
        }
        var measure = RowWriter(into: nil)
        pieces(&measure)
        let start = line.count
        line.append(contentsOf: repeatElement(0, count: measure.count))
        line.withUnsafeMutableBytes { buffer in
            var write = RowWriter(into: buffer.baseAddress! + start)
            pieces(&write)
        }
    }

    /// Measures a row's pieces (with no destination) or copies them to one.
    private struct RowWriter {
        let destination: UnsafeMutableRawPointer?
        private(set) var count = 0

        init(into destination: UnsafeMutableRawPointer?) { self.destination = destination }

        mutating func put(_ literal: StaticString) {
            copy(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }

        mutating func put(_ text: String) {
            let copied: Void? = text.utf8.withContiguousStorageIfAvailable {
                copy(UnsafeRawBufferPointer($0))
            }
            if copied == nil {
                var native = text
                native.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
            }
        }

        /// `id "name"`, or `id` alone.
        mutating func putIdentity(_ id: String, _ name: String?) {
            put(id)
            guard let name else { return }
            put(" \"")
            put(name)
            put("\"")
        }

        /// The decimal digits of `number` (line and column numbers: never negative).
        mutating func put(_ number: Int) {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var value = max(number, 0)
            var length = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[23 - length] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                    length += 1
                } while value > 0 && length < 24
                copy(UnsafeRawBufferPointer(rebasing: buffer[(24 - length)...]))
            }
        }

        private mutating func copy(_ bytes: UnsafeRawBufferPointer) {
            if let destination, let base = bytes.baseAddress {
                (destination + count).copyMemory(from: base, byteCount: bytes.count)
            }
            count += bytes.count
        }
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
