/// Renders one process file in place: only the bytes of each placeholder change, replaced
/// by its value escaped for where it lands; every other byte stays as it was (line ends,
/// existing escapes, formatting).
public enum DocumentRenderer {
    /// The problems that would stop `document` from rendering, without opening any value:
    /// error findings of the reader, and placeholders naming secrets the vault lacks.
    public static func problems(
        in document: ProcessDocument, exists: (SecretName) -> Bool
    ) -> [Finding] {
        var problems = document.findings.filter { $0.severity == .error }
        for reference in document.references where !exists(reference.name) {
            problems.append(
                Finding(
                    .error, .unknownSecret, at: reference.location,
                    "secret not found: \(reference.name) (\(reference.whereabouts))",
                    hint: "create it with `tresor create \(reference.name) --display-name TEXT "
                        + "--type TYPE`, or fix the name"))
        }
        return problems
    }

    /// The rendered bytes of `document`, whose file bytes are `source`. Call only when
    /// ``problems(in:exists:)`` is empty.
    public static func render(
        _ source: [UInt8], _ document: ProcessDocument, resolver: ValueResolver
    ) throws(RenderError) -> [UInt8] {
        let references = document.references.sorted {
            $0.sourceRange.lowerBound < $1.sourceRange.lowerBound
        }
        var output: [UInt8] = []
        output.reserveCapacity(source.count)
        var cursor = 0
        for reference in references {
            output.append(contentsOf: source[cursor..<reference.sourceRange.lowerBound])
            output.append(contentsOf: try escapedValue(reference, resolver))
            cursor = reference.sourceRange.upperBound
        }
        output.append(contentsOf: source[cursor...])
        return output
    }

    private static func escapedValue(
        _ reference: PlaceholderReference, _ resolver: ValueResolver
    ) throws(RenderError) -> [UInt8] {
        let value: SecretBytes
        do { value = try resolver.value(of: reference.name) } catch { throw .vault(error) }
        do {
            return try value.withUnsafeBytes { bytes throws(EscapeError) in
                try ValueEscaper.escape(bytes, for: reference.context)
            }
        } catch {
            throw .blocked([
                Finding(
                    .error, .unsafeValue, at: reference.location,
                    "the value of \(reference.name) cannot be written into a "
                        + "\(reference.context) (\(reference.whereabouts)): \(error.message)",
                    hint: error.hint)
            ])
        }
    }
}

extension PlaceholderReference {
    /// "process P, task T, field F" for messages.
    public var whereabouts: String {
        var parts: [String] = []
        if let process { parts.append("process \(process.id)") }
        if let task { parts.append("task \(task.id)") }
        parts.append("field \(fieldPath)")
        return parts.joined(separator: ", ")
    }
}
