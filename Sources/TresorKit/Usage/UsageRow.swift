#if canImport(Glibc)
    import Glibc
#endif

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

    /// Appends the text of ``text(_:)`` to `line` as bytes. A listing writes its rows
    /// with ``textRows(_:)`` instead.
    public static func appendText(_ reference: PlaceholderReference, to line: inout [UInt8]) {
        var row = escaped(reference)
        var measure = RowWriter(into: nil)
        write(&row, to: &measure)
        let start = line.count
        line.append(contentsOf: repeatElement(0, count: measure.count))
        line.withUnsafeMutableBytes { buffer in
            var copy = RowWriter(into: buffer.baseAddress! + start)
            write(&row, to: &copy)
        }
    }

    /// The rows of `references` as ``text(_:)`` has them, each after two spaces and
    /// before a line feed, one after another in one new buffer, with where each row ends.
    ///
    /// A large listing has a row per reference, so the rows are measured first and written
    /// into a buffer of their total size: a dozen appends a row, each checking and growing
    /// the array, cost more than the row's bytes. Control characters from the file become
    /// C escapes, so that a row stays one line and drives no terminal; nearly no row has
    /// one, so the rows are written as the file has them and checked in one pass over the
    /// bytes, and only when one is found are they written again, escaped.
    static func textRows(
        _ references: UnsafeMutableBufferPointer<PlaceholderReference>
    ) -> (bytes: [UInt8], ends: [Int]) {
        var total = 0
        for index in references.indices {
            var measure = RowWriter(into: nil)
            write(&references[index], to: &measure)
            total += measure.count + 3
        }
        var ends: [Int] = []
        ends.reserveCapacity(references.count)
        var clean = true
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            var row = RowWriter(into: UnsafeMutableRawPointer(buffer.baseAddress))
            for index in references.indices {
                row.put("  ")
                let start = row.count
                write(&references[index], to: &row)
                let written = row.written(from: start)
                clean =
                    clean && !TerminalText.needsEscaping(written)
                    && !hasQuotedQuote(written, references[index])
                row.put("\n")
                ends.append(row.count)
            }
            count = total
        }
        // A master key in a name (a file named with one) is masked in the escaped rows:
        // asked once of all the rows, which seldom hold the `Y` it is found through.
        if clean { clean = !bytes.withUnsafeBytes(MasterKey.mayHoldKey) }
        guard !clean else { return (bytes, ends) }
        var escapedBytes: [UInt8] = []
        for index in references.indices {
            escapedBytes += [0x20, 0x20]
            appendText(references[index], to: &escapedBytes)
            escapedBytes.append(0x0A)
            ends[index] = escapedBytes.count
        }
        return (escapedBytes, ends)
    }

    /// `reference` with the control characters of its texts as C escapes, its path quoted
    /// as git quotes such paths, and `"` escaped in the names the row shows in quotes (a
    /// new string only where there is one). The field path is written in its own notation
    /// (`["k\"x"]`), whose backslashes stay as they are. A master key in a name (pasted
    /// into a file name, say) is shown as `[master key]`.
    private static func escaped(_ reference: PlaceholderReference) -> PlaceholderReference {
        var row = reference
        row.location.path = TerminalText.quoted(unkeyed(reference.location.path))
        if let process = reference.process {
            row.process = ProcessIdentity(
                id: TerminalText.escaped(unkeyed(process.id)),
                name: process.name.map { TerminalText.quotedContent(unkeyed($0)) })
        }
        if let task = reference.task {
            row.task = TaskIdentity(
                id: TerminalText.escaped(unkeyed(task.id)),
                name: task.name.map { TerminalText.quotedContent(unkeyed($0)) }, kind: task.kind)
        }
        row.parameter = TerminalText.escaped(unkeyed(reference.parameter))
        row.fieldPath = TerminalText.escaped(unkeyed(reference.fieldPath), backslashes: false)
        return row
    }

    /// True when the row `written` holds more `"` than the two around each name it shows
    /// in quotes: a name holds one, and the row must be escaped though no control
    /// character is in it (a path or id holding one only costs the escaped rewrite).
    /// Counted with `memchr`, as rows hold a few: every row is asked.
    private static func hasQuotedQuote(
        _ written: UnsafeRawBufferPointer, _ reference: PlaceholderReference
    ) -> Bool {
        guard let base = written.baseAddress else { return false }
        let around =
            (reference.process?.name == nil ? 0 : 2) + (reference.task?.name == nil ? 0 : 2)
        var quotes = 0
        var offset = 0
        while offset < written.count,
            let found = memchr(base + offset, 0x22, written.count - offset)
        {
            quotes += 1
            offset = base.distance(to: found) + 1
        }
        return quotes > around
    }

    /// The row of `reference`, its texts as they are. `reference` is `inout` only so that
    /// it is read where it is: passed by value, it was copied for every row, a retain and a
    /// release for each of its nine strings.
    private static func write(_ reference: inout PlaceholderReference, to row: inout RowWriter) {
        row.put(reference.location.path)
        row.put(":")
        row.put(reference.location.line)
        row.put(":")
        row.put(reference.location.column)
        if let process = reference.process {
            row.put("  process ")
            row.putIdentity(process.id, process.name)
        }
        if let task = reference.task {
            row.put("  task ")
            row.putIdentity(task.id, task.name)
            row.put(" (")
            row.put(task.kind)
            row.put(")")
        }
        // Limitation: a task input that is a bare JSON string has no parameter or field
        // name, and its row shows both empty; `validate` reports the file as an error
        // (README, Known limitations).
        row.put("  parameter ")
        row.put(reference.parameter)
        row.put("  field ")
        row.put(reference.fieldPath)
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

        /// The bytes written since `start` (none when measuring).
        func written(from start: Int) -> UnsafeRawBufferPointer {
            guard let destination else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: destination + start, count: count - start)
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
    /// A master key in a name (pasted into a file name) is written `[master key]`.
    public static func json(_ reference: PlaceholderReference) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("secret", .string(reference.name.text)),
            ("path", .string(unkeyed(reference.location.path))),
            ("line", .integer(reference.location.line)),
            ("column", .integer(reference.location.column)),
            ("parameter", .string(unkeyed(reference.parameter))),
            ("field", .string(unkeyed(reference.fieldPath))),
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
        [("id", .string(unkeyed(id)))] + (name.map { [("name", .string(unkeyed($0)))] } ?? [])
    }

    /// `text` with a master key in it (pasted into a file name) written `[master key]`.
    private static func unkeyed(_ text: String) -> String { MasterKey.masked(text) ?? text }
}
