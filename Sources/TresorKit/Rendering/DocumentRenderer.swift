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
        // By index: a reference is copied (a retain for each of its strings) only when its
        // secret is missing.
        for index in document.references.indices where !exists(document.references[index].name) {
            problems.append(notFound(document.references[index]))
        }
        return problems
    }

    /// "secret not found", naming where `reference` stands: also when the secret's file
    /// goes between the check and the opening of its value (a delete meanwhile: it was a
    /// bare "secret not found: NAME"; found by a forty-fourth fresh tester).
    static func notFound(_ reference: PlaceholderReference) -> Finding {
        Finding(
            .error, .unknownSecret, at: reference.location,
            "secret not found: \(reference.name) (\(reference.whereabouts))",
            hint: "create it with `tresor create \(reference.name) --display-name TEXT "
                + "--type TYPE`, or fix the name")
    }

    /// The rendered bytes of `document`, whose file bytes are `source`. Call only when
    /// ``problems(in:exists:)`` is empty. A value that cannot be written where it lands
    /// blocks the file; every such placeholder of the file is reported, not only the first.
    ///
    /// The rendered document holds values, so it is built in a ``WipedArray``: let it go as
    /// soon as it is written.
    public static func render(
        _ source: [UInt8], _ document: ProcessDocument, resolver: ValueResolver
    ) throws(RenderError) -> WipedArray<UInt8> {
        let references = document.references.sorted {
            $0.sourceRange.lowerBound < $1.sourceRange.lowerBound
        }
        let output = WipedArray<UInt8>(capacity: source.count + 256)
        var unsafe: [Finding] = []
        var cursor = 0
        for reference in references {
            output.append(contentsOf: source[cursor..<reference.sourceRange.lowerBound])
            if let finding = try writeValue(reference, resolver, into: output) {
                unsafe.append(finding)
            }
            cursor = reference.sourceRange.upperBound
        }
        guard unsafe.isEmpty else { throw .blocked(unsafe) }
        output.append(contentsOf: source[cursor...])
        return output
    }

    /// Writes the value of `reference`, escaped, to `output`; or returns the finding that
    /// says why it cannot be written there (`output` is then incomplete).
    private static func writeValue(
        _ reference: PlaceholderReference, _ resolver: ValueResolver,
        into output: WipedArray<UInt8>
    ) throws(RenderError) -> Finding? {
        let value: SecretBytes
        do { value = try resolver.value(of: reference.name) } catch {
            if case .secretNotFound = error { return notFound(reference) }
            throw .vault(error)
        }
        do {
            try value.withUnsafeBytes { bytes throws(EscapeError) in
                try reference.edges.check(bytes, in: reference.context)
                try ValueEscaper.escape(bytes, for: reference.context, into: output)
            }
            return nil
        } catch {
            return Finding(
                .error, .unsafeValue, at: reference.location,
                "the value of \(reference.name) cannot be written into "
                    + "\(reference.context.phrase) (\(reference.whereabouts)): \(error.message)",
                hint: error.hint)
        }
    }
}

extension PlaceholderReference {
    /// "process P, task T, field F" for messages.
    public var whereabouts: String {
        var parts: [String] = []
        if let process { parts.append("process \(process.id)") }
        if let task { parts.append("task \(task.id)") }
        // A bare string input has no field name: said so, not "field " (found by a
        // seventh fresh tester).
        parts.append(fieldPath.isEmpty ? "the whole input" : "field \(fieldPath)")
        return parts.joined(separator: ", ")
    }
}
