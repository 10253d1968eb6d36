import Dispatch

/// Reads every process file of a folder, on all cores, in a stable order.
public enum ProcessScan {
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
        let files = try ProcessFolder.files(in: folder)
        let prefix = displayPrefix ?? folder
        let results = ResultSlots<ProcessDocument>(count: files.count)
        let counter = progress.map { ProgressCounter(total: files.count, handler: $0) }
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index) {
                var document =
                    referencesOnly
                    ? try ProcessFolder.readReferences(root: folder, relativePath: files[index])
                    : try ProcessFolder.read(root: folder, relativePath: files[index])
                document.prefixPaths(with: prefix)
                return document
            }
            counter?.advance()
        }
        return try results.values()
    }
}

extension ProcessScan {
    /// Warnings about what the process folder holds but Tresor does not read: symbolic
    /// links (never followed) and other files that look as if they held placeholders
    /// (copied as they are by `render`, never resolved).
    public static func unreadFindings(in folder: String, displayPrefix: String? = nil) throws
        -> [Finding]
    {
        let (files, links) = try FileTree.walk(under: folder)
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
