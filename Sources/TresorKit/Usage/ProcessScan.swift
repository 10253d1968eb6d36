import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Reads every process file of a folder, on all cores, in a stable order.
public enum ProcessScan {
    /// Files read at once by `forEachDocument`: 64 per core, enough that waiting for the
    /// slowest file of a batch costs little, few enough that a batch of documents is small.
    public static let defaultBatchSize = 64 * max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// The documents of all process files under `folder`; locations use paths relative to
    /// the current folder when `folder` lies under it (`processes/order.bpmn`). `progress`
    /// hears of each file read.
    ///
    /// With `referencesOnly`, files are read only as far as their references need (see
    /// ``ProcessFolder/readReferences(root:relativePath:)``): the findings are incomplete.
    public static func documents(
        in folder: String, displayPrefix: String? = nil, referencesOnly: Bool = false,
        progress: ProgressCounter.Handler? = nil
    ) throws -> [ProcessDocument] {
        var documents: [ProcessDocument] = []
        try forEachDocument(
            in: folder, displayPrefix: displayPrefix, referencesOnly: referencesOnly,
            progress: progress, transform: { $0 }
        ) { documents.append($0) }
        return documents
    }

    /// Reads the process files under `folder` as `documents(in:)` does, but `batchSize` files
    /// at a time on all cores, and hands `body` what `transform` makes of
    /// each document, in file order. Only one batch is held at once, so memory does not
    /// grow with the folder; `transform` runs on the reading threads, `body` on the
    /// caller's. Returns the number of files read.
    ///
    /// The first failing file (in file order) ends the scan with its error; `body` has then
    /// seen the files before its batch.
    @discardableResult
    public static func forEachDocument<Item>(
        in folder: String, displayPrefix: String? = nil, referencesOnly: Bool = false,
        batchSize: Int = defaultBatchSize, progress: ProgressCounter.Handler? = nil,
        transform: @Sendable (ProcessDocument) throws -> Item,
        _ body: (Item) throws -> Void
    ) throws -> Int {
        let files = try ProcessFolder.files(in: folder)
        let prefix = displayPrefix ?? folder
        let counter = progress.map { ProgressCounter(total: files.count, handler: $0) }
        let size = max(1, batchSize)
        // While `body` takes one batch on this thread, the next batch is read on the others;
        // every read has ended before this function returns, so `transform` never escapes.
        try withoutActuallyEscaping(transform) { transform in
            let reading = DispatchGroup()
            defer { reading.wait() }
            var previous: ResultSlots<Item>?
            for start in stride(from: 0, to: files.count, by: size) {
                let batch = files[start..<min(start + size, files.count)]
                let results = ResultSlots<Item>(count: batch.count)
                DispatchQueue.global().async(group: reading) {
                    DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                        results.set(index) {
                            let path = batch[batch.startIndex + index]
                            var document = try ProcessFolder.scan(
                                root: folder, relativePath: path, referencesOnly: referencesOnly)
                            document.prefixPaths(with: prefix)
                            return try transform(document)
                        }
                        counter?.advance()
                    }
                }
                if let previous { for item in try previous.values() { try body(item) } }
                reading.wait()
                previous = results
            }
            if let previous { for item in try previous.values() { try body(item) } }
        }
        return files.count
    }
}

extension ProcessScan {
    /// Warnings about what the process folder holds but Tresor does not read: symbolic
    /// links (never followed) and other files that look as if they held placeholders
    /// (copied as they are by `render`, never resolved). `listing` is
    /// ``FileTree/walk(under:)`` of `folder` when the caller has it; nil walks the folder.
    public static func unreadFindings(
        in folder: String, displayPrefix: String? = nil,
        listing: (files: [String], links: [String])? = nil
    ) throws -> [Finding] {
        let (files, links) = try listing ?? FileTree.walk(under: folder)
        let prefix = (displayPrefix ?? folder).isEmpty ? "" : (displayPrefix ?? folder) + "/"
        var findings = links.map { link in
            Finding(
                .warning, .unreadFile, at: .file(prefix + link),
                "symbolic link skipped: Tresor reads and renders regular files only",
                hint: "replace the link with the file itself if it is a process file")
        }
        for file in files where !ProcessFolder.isProcessFile(file) {
            let path = folder + "/" + file
            guard let bytes = try? FileReader.read(path, limit: ProcessFolder.maximumFileSize),
                !PlaceholderScanner.scan(bytes).isEmpty
            else { continue }
            findings.append(
                Finding(
                    .warning, .unreadFile, at: .file(prefix + file),
                    "holds placeholders, but only .bpmn, .bpmn20.xml and .json files are "
                        + "resolved; render copies this file as it is",
                    hint: "rename it if it is a process file, or move it out of the folder"))
        }
        return findings
    }
}

extension Rule {
    /// A file in the process folder that Tresor does not read.
    public static let unreadFile = Rule("unread-file")
}

/// Fixed slots that concurrent workers fill, each its own; the first error wins.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = Mutex()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ work: () throws -> Value) {
        let result = Result { try work() }
        lock.withLock { slots[index] = result }
    }

    func values() throws -> [Value] {
        try slots.map { try $0!.get() }
    }
}
