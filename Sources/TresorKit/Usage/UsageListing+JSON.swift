/// The JSON form of `tresor usage`, streamed: `{"missing": [names], "secrets": [{"exists",
/// "name", "uses": [references]}], "unused": [names]}` (only `secrets` for one secret asked
/// for), laid out byte for byte as
/// `JSONSerialization` lays it out with sorted keys and pretty printing (see ``JSONValue``),
/// without ever holding the document.
extension UsageListing {
    func writeJSON(_ summary: Summary, rows: SortedRows, to output: inout ChunkedOutput) throws {
        // One secret asked for: no summary lists, as in the text form.
        let summarises = options.only == nil
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        if summarises {
            JSONValue.writeKey("missing", first: true, to: &bytes, level: 0)
            JSONValue.array(summary.missing.map { .string($0.text) }).write(to: &bytes, level: 1)
        }
        JSONValue.writeKey("secrets", first: !summarises, to: &bytes, level: 0)
        bytes.append(UInt8(ascii: "["))
        output.append(bytes)
        for (index, name) in summary.names.enumerated() {
            bytes = []
            JSONValue.writeElementStart(first: index == 0, to: &bytes, level: 1)
            bytes.append(UInt8(ascii: "{"))
            JSONValue.writeKey("exists", first: true, to: &bytes, level: 2)
            JSONValue.bool(!summary.absent.contains(name)).write(to: &bytes, level: 3)
            JSONValue.writeKey("name", first: false, to: &bytes, level: 2)
            JSONValue.string(name.text).write(to: &bytes, level: 3)
            JSONValue.writeKey("uses", first: false, to: &bytes, level: 2)
            bytes.append(UInt8(ascii: "["))
            output.append(bytes)
            let count = try writeUses(of: name, rows: rows, to: &output)
            bytes = []
            JSONValue.writeEnd("]", count: count, to: &bytes, level: 3)
            JSONValue.writeEnd("}", count: 3, to: &bytes, level: 2)
            output.append(bytes)
        }
        bytes = []
        JSONValue.writeEnd("]", count: summary.names.count, to: &bytes, level: 1)
        if summarises {
            JSONValue.writeKey("unused", first: false, to: &bytes, level: 0)
            JSONValue.array(summary.unused.map { .string($0.text) }).write(to: &bytes, level: 1)
        }
        JSONValue.writeEnd("}", count: summarises ? 3 : 1, to: &bytes, level: 0)
        output.append(bytes)
        output.line("")
    }

    /// The elements of the `uses` array of `name` (its rows are JSON objects written four
    /// levels deep); returns how many there were.
    private func writeUses(
        of name: SecretName, rows: SortedRows, to output: inout ChunkedOutput
    ) throws -> Int {
        guard rows.key == name.text else { return 0 }
        var count = 0
        try rows.forEachRow { row in
            var start: [UInt8] = []
            JSONValue.writeElementStart(first: count == 0, to: &start, level: 3)
            output.append(start)
            output.append(row)
            count += 1
        }
        return count
    }
}
