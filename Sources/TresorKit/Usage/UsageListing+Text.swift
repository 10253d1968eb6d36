/// The text form of `tresor usage`: per secret a line with its name (and
/// `(not in the vault)` when it is missing), then a row per reference or `used nowhere`;
/// then, unless one secret was asked for, the unused and missing lists.
extension UsageListing {
    func writeText(_ summary: Summary, rows: SortedRows, to output: inout ChunkedOutput) throws {
        for name in summary.names {
            let absent = summary.absent.contains(name)
            output.line(name.text + (absent ? "  (not in the vault)" : ""))
            // A name's rows are lines: copied out in blocks, as they lie in the sorted runs.
            if rows.key == name.text, rows.count > 0 {
                try rows.forEachBlock { output.append($0) }
            } else {
                output.line("  used nowhere")
            }
        }
        guard options.only == nil else { return }
        output.line("")
        output.line("unused secrets: " + Self.list(summary.unused))
        output.line("references to missing secrets: " + Self.list(summary.missing))
    }

    private static func list(_ names: [SecretName]) -> String {
        names.isEmpty ? "none" : names.map(\.text).joined(separator: ", ")
    }
}
