import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads every process file of a folder, on all cores, in a stable order.
public enum ProcessScan {
    /// How far `forEachDocument`'s readers may run ahead of its caller: 64 files per core,
    /// enough that a slow file or a slow caller seldom stops a reader, few enough that the
    /// documents held at once are few.
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

    /// Reads the process files under `folder` as `documents(in:)` does, on all cores, and
    /// hands `body` what `transform` makes of each document, in file order. The readers
    /// run at most `batchSize` files ahead of `body`, so memory does not grow with the
    /// folder, and never wait for each other: a slow file holds up only `body`, while the
    /// readers go on with the files after it. `transform` runs on the reading threads (the
    /// caller's among them, while the file `body` needs next is not read yet), `body` on
    /// the caller's. Returns the number of files read.
    ///
    /// The first failing file (in file order) ends the scan with its error, as does an
    /// error `body` throws; `body` has then seen every file before it. `files` are the
    /// process files under `folder` when the caller has listed them already
    /// (``ProcessFolder/files(in:)``); nil lists them.
    @discardableResult
    public static func forEachDocument<Item>(
        in folder: String, files listed: [String]? = nil, displayPrefix: String? = nil,
        referencesOnly: Bool = false, batchSize: Int = defaultBatchSize,
        progress: ProgressCounter.Handler? = nil,
        transform: @Sendable (consuming ProcessDocument) throws -> Item,
        _ body: (Item) throws -> Void
    ) throws -> Int {
        let files = try listed ?? ProcessFolder.files(in: folder)
        let prefix = displayPrefix ?? folder
        let counter = progress.map { ProgressCounter(total: files.count, handler: $0) }
        let pipeline = ReadAhead<Item>(count: files.count, window: max(1, batchSize))
        // Held open for the whole scan: each file is opened beneath it.
        let opened: OpenFolder
        do { opened = try OpenFolder(folder) } catch {
            throw ProcessFolderError(
                .unreadableFolder, path: folder, reason: error.reason,
                advice: error.pathLengthHint)
        }
        // Every reader has ended before this function returns, so `transform` never escapes.
        try withoutActuallyEscaping(transform) { transform in
            let read = { @Sendable (index: Int) in
                let result = Result { () throws -> Item in
                    var document = try ProcessFolder.scan(
                        root: folder, relativePath: files[index], referencesOnly: referencesOnly,
                        folder: opened)
                    document.prefixPaths(with: prefix)
                    return try transform(consume document)
                }
                counter?.advance()
                pipeline.put(index, result)
            }
            let reading = DispatchGroup()
            defer {
                pipeline.stop()
                reading.wait()
            }
            // The caller's thread reads too while the file it waits for is not there, so
            // one reader fewer than cores keeps them all busy without the caller sleeping
            // and waking for each file.
            let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
            for _ in 0..<min(max(1, cores - 1), files.count) {
                DispatchQueue.global().async(group: reading) {
                    while let index = pipeline.claim() { read(index) }
                }
            }
            for index in files.indices {
                try body(try pipeline.take(index, readingMeanwhile: read).get())
            }
        }
        return files.count
    }
}

/// The files of a scan in flight: readers claim the next file, up to `window` files ahead
/// of the one `body` waits for, and leave each result in its slot; the caller takes the
/// results in file order.
private final class ReadAhead<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Result<Item, any Error>?]
    private let count: Int
    private let window: Int
    /// The next file a reader may claim.
    private var next = 0
    /// The files the caller has taken.
    private var taken = 0
    private var stopped = false
    /// The file the caller sleeps for, and how many readers sleep for room: each side
    /// is woken only when the other has something for it.
    private var awaited: Int?
    private var readersWaiting = 0

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        slots = Array(repeating: nil, count: window)
    }

    /// The next file to read, once it is less than `window` files ahead of the caller;
    /// nil when every file is claimed or the scan stopped.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, next < count, next >= taken + window {
            readersWaiting += 1
            condition.wait()
            readersWaiting -= 1
        }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ index: Int, _ result: Result<Item, any Error>) {
        condition.lock()
        slots[index % window] = result
        if awaited == index { condition.broadcast() }
        condition.unlock()
    }

    /// The result of file `index`, once read; called for 0, 1, 2, ... in turn. Until it
    /// is there, the caller claims files within the window itself and hands each to
    /// `read`, which must `put` its result; it sleeps only when none is left to claim.
    func take(
        _ index: Int, readingMeanwhile read: (Int) -> Void
    ) -> Result<Item, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while slots[index % window] == nil {
            if !stopped, next < count, next < index + window {
                // Claimed under the lock: once it is released, a reader may move `next`.
                let claimed = next
                next += 1
                condition.unlock()
                read(claimed)
                condition.lock()
                continue
            }
            awaited = index
            condition.wait()
        }
        awaited = nil
        let result = slots[index % window]!
        slots[index % window] = nil
        taken = index + 1
        if readersWaiting > 0 { condition.broadcast() }
        return result
    }

    /// Lets every reader end after the file it is reading.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

extension ProcessScan {
    /// Warnings about what the process folder holds but Tresor does not read: symbolic
    /// links (never followed), hidden files and folders (a `.git` excepted), FIFOs,
    /// sockets and devices, and other files that look as if they held placeholders
    /// (copied as they are by `render`, never resolved). `listing` is
    /// ``FileTree/walk(under:)`` of `folder` when the caller has it; nil walks the folder.
    public static func unreadFindings(
        in folder: String, displayPrefix: String? = nil, listing: FileTree.Listing? = nil
    ) throws -> [Finding] {
        let listing = try listing ?? FileTree.walk(under: folder)
        let prefix = (displayPrefix ?? folder).isEmpty ? "" : (displayPrefix ?? folder) + "/"
        var findings = listing.links.map { linkSkipped(prefix + $0) }
        let outputs = renderOutputs(in: listing)
        findings += outputs.map { output in
            Finding(
                .error, .unreadFile, at: .file(output.isEmpty ? folder : prefix + output),
                "an earlier render's output (it holds \(OutputGuard.marker)): its files hold "
                    + "plaintext values, and render and deploy refuse to copy them",
                hint: "delete it; render outside the repository, into a folder made with "
                    + "mktemp -d")
        }
        findings += listing.hidden.filter {
            $0 != ".git" && !$0.hasSuffix("/.git") && !isRenderMarker($0)
        }.map { hiddenSkipped(prefix + $0) }
        findings += listing.special.map {
            Finding(
                .warning, .unreadFile, at: .file(prefix + $0),
                "not a regular file (a FIFO, socket or device), so skipped",
                hint: "move it out of the process folder")
        }
        for file in listing.files where !ProcessFolder.isProcessFile(file) {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(
                    file, beneath: folder, limit: ProcessFolder.maximumFileSize)
            } catch {
                // Render and deploy copy every other file: say now what will stop them, as
                // an error, since it will (it was a warning; found by a fresh tester).
                findings.append(
                    Finding(
                        .error, .unreadFile, at: .file(prefix + file),
                        "render and deploy cannot copy it: " + (error.reason ?? error.message),
                        hint: "make it readable and smaller than 64 MiB, or move it out of the "
                            + "process folder"))
                continue
            }
            guard !PlaceholderScanner.scan(bytes).isEmpty else { continue }
            findings.append(unresolvedPlaceholders(prefix + file))
        }
        return findings
    }

    /// The warning for a file at `path` in the process folder that holds placeholders but
    /// is no process file: render copies it as it is.
    static func unresolvedPlaceholders(_ path: String) -> Finding {
        Finding(
            .warning, .unreadFile, at: .file(path),
            "holds placeholders, but only .bpmn, .bpmn20.xml and .json files are "
                + "resolved; render copies this file as it is",
            hint: "rename it if it is a process file, or move it out of the folder")
    }
}

extension ProcessScan {
    /// The folders of `listing` (relative to its top, "" for the top itself) that hold a
    /// render's marker: earlier outputs, whose files hold plaintext values.
    public static func renderOutputs(in listing: FileTree.Listing) -> [String] {
        listing.hidden.filter(isRenderMarker).map { String($0.pathParent ?? "") }
    }

    /// True for a path whose last name is the render marker (as the hook tells one).
    private static func isRenderMarker(_ path: String) -> Bool {
        path.lastPathName.isSamePath(as: OutputGuard.marker)
    }

    /// The warning for a hidden file or folder at `path` in the process folder (its name
    /// starts with `.`): never read, by any command or the hook.
    static func hiddenSkipped(_ path: String) -> Finding {
        Finding(
            .warning, .unreadFile, at: .file(path),
            "hidden, so skipped: Tresor neither reads nor renders files and folders whose "
                + "names start with '.'",
            hint: "rename it if it is or holds a process file")
    }

    /// The warning for a symbolic link at `path` in the process folder: never followed, by
    /// any command or the hook.
    static func linkSkipped(_ path: String) -> Finding {
        Finding(
            .warning, .unreadFile, at: .file(path),
            "symbolic link skipped: Tresor reads and renders regular files only",
            hint: "replace the link with the file itself if it is a process file")
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
