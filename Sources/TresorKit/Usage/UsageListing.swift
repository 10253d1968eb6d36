/// `tresor usage` over a process folder, in memory that does not grow with the folder.
///
/// Files are read a batch at a time (``ProcessScan``); each reference becomes its output
/// row (``UsageRow``) on the reading thread, and the rows are grouped by secret in a
/// ``UsageRowSorter``, which spills them to temporary files past its budget. The listing is
/// then written secret by secret from the merged rows. Only the set of names used is kept
/// whole: the missing and unused lists need all of it before the first line.
public final class UsageListing {
    /// Lines of text or one JSON document (the layout of `JSONSerialization`'s sorted,
    /// pretty-printed output).
    public enum Format: Sendable { case text, json }

    /// How to scan and list.
    public struct Options: Sendable {
        public var format: Format
        /// The one secret to list, or nil for all of them and the unused/missing summary.
        public var only: SecretName?
        /// Where rows beyond the budget are spilled (`$TMPDIR`).
        public var temporaryFolder: String
        /// Bytes of rows held in memory before a spill.
        public var budget = UsageRowSorter.defaultBudget
        /// Process files read at once.
        public var batchSize = ProcessScan.defaultBatchSize

        public init(format: Format, only: SecretName? = nil, temporaryFolder: String) {
            self.format = format
            self.only = only
            self.temporaryFolder = temporaryFolder
        }
    }

    /// How many process files were read.
    public let fileCount: Int
    /// Every secret name a placeholder uses.
    public let used: Set<SecretName>
    /// Why each process file that could not be read was not (one finding a file): the
    /// listing misses its references.
    public let unreadable: [Finding]
    let options: Options
    private let rows: UsageRowSorter

    /// Reads every process file of `folder`; locations start with `displayPrefix` (see
    /// ``ProcessScan``). `progress` hears of each file read.
    public init(
        folder: String, displayPrefix: String? = nil, options: Options,
        progress: ProgressCounter.Handler? = nil
    ) throws {
        // Text rows are lines; a JSON row (pretty-printed over several lines) ends with a
        // NUL, which JSON text never holds.
        let rows = UsageRowSorter(
            budget: options.budget, temporaryFolder: options.temporaryFolder,
            terminator: options.format == .text ? 0x0A : 0x00)
        var used = Set<SecretName>()
        var unreadable: [Finding] = []
        let (format, only) = (options.format, options.only)
        // usage prints references only, so files are read no further than those need.
        fileCount = try ProcessScan.forEachDocument(
            in: folder, displayPrefix: displayPrefix, referencesOnly: true,
            batchSize: options.batchSize, progress: progress,
            transform: { DocumentRows($0, format: format, only: only) }
        ) { document in
            // Listing every secret, each name used has rows: the sorter's keys say which,
            // and this thread, which must keep up with all the readers, skips a set insert
            // per reference.
            if only != nil { used.formUnion(document.names) }
            if let finding = document.unreadable { unreadable.append(finding) }
            for (key, range) in document.rows {
                try rows.add(document.bytes[range], key: key.text)
            }
        }
        if only == nil { used = Set(rows.keysSeen.map(SecretName.init(checked:))) }
        self.used = used
        self.unreadable = unreadable
        self.options = options
        self.rows = rows
    }

    /// The number of sorted runs spilled to temporary files.
    public var spilledRuns: Int { rows.spilledRuns }

    /// Writes the listing for a vault holding `secrets` to `sink`, in chunks. Call once.
    public func write(secrets: [SecretName], to sink: @escaping ChunkedOutput.Sink) throws {
        let summary = Summary(secrets: secrets, used: used, only: options.only)
        let sorted = try rows.sorted()
        var output = ChunkedOutput(sink: sink)
        defer { output.flush() }
        switch options.format {
        case .text: try writeText(summary, rows: sorted, to: &output)
        case .json: try writeJSON(summary, rows: sorted, to: &output)
        }
    }

    /// The secrets to list and the two summary lists.
    struct Summary {
        /// The secrets listed, sorted: the one asked for, or every secret in the vault and
        /// every name used that is not.
        var names: [SecretName]
        /// Names used by placeholders that have no secret in the vault, sorted.
        var missing: [SecretName]
        /// Secrets in the vault that no placeholder uses, sorted.
        var unused: [SecretName]
        /// The names listed that are not in the vault: the missing ones, and the one asked
        /// for when no secret has its name, used or not.
        var absent: Set<SecretName>

        init(secrets: [SecretName], used: Set<SecretName>, only: SecretName?) {
            missing = used.subtracting(secrets).sorted()
            unused = secrets.sorted().filter { !used.contains($0) }
            names = only.map { [$0] } ?? (secrets + missing).sorted()
            absent = Set(names).subtracting(secrets)
        }
    }
}

/// What one process file adds to a listing: the names it uses, and the row of each
/// reference to be listed, under its secret's name. The rows of a file share one buffer:
/// a file has dozens of references, and one allocation is cheaper than one per row.
private struct DocumentRows: Sendable {
    /// The names the file uses, gathered only when one secret is asked for (otherwise the
    /// rows' keys are those names).
    var names: [SecretName] = []
    /// The rows, one after another.
    var bytes: [UInt8] = []
    /// Each row's secret and where it is in `bytes`.
    var rows: [(key: SecretName, range: Range<Int>)] = []
    var unreadable: Finding?

    init(_ document: consuming ProcessDocument, format: UsageListing.Format, only: SecretName?) {
        unreadable = document.unreadable
        // Without a name asked for, the listing learns the names from the rows.
        if only != nil { names = document.references.map(\.name) }
        // Taken out of the document, which is given up here: while it still held them, the
        // rows' mutable buffer below copied every reference (18 retains and releases each).
        var listed = document.references
        document.references = []
        if let only { listed = listed.filter { $0.name == only } }
        rows.reserveCapacity(listed.count)
        switch format {
        case .text:
            let text = listed.withUnsafeMutableBufferPointer { UsageRow.textRows($0) }
            bytes = text.bytes
            var start = 0
            for index in listed.indices {
                rows.append((listed[index].name, start..<text.ends[index]))
                start = text.ends[index]
            }
        case .json:
            for reference in listed {
                let start = bytes.count
                bytes.append(contentsOf: UsageRow.json(reference).text(level: 4))
                bytes.append(0x00)
                rows.append((reference.name, start..<bytes.count))
            }
        }
    }
}
