import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Renders a whole process folder into an output folder, all or nothing: every file is
/// checked first; only when no file has a problem are values opened and the tree written,
/// into a private temporary sibling that is renamed into place at the end.
///
/// BPMN and JSON files are rendered in place; other files are copied. Outputs are mode
/// 0600, folders 0700. Both passes (check, then write) run on all cores.
public struct FolderRenderer: Sendable {
    public let source: String
    public let output: String
    /// Replace an existing, non-empty output folder.
    public var replace = false
    /// How `source` is shown in messages (`processes`), so locations read
    /// `processes/order.bpmn:12:7`.
    public var displayPrefix: String

    public init(source: String, output: String, replace: Bool = false, displayPrefix: String? = nil)
    {
        self.source = source
        self.output = output
        self.replace = replace
        self.displayPrefix = displayPrefix ?? source
    }

    /// What a render did, for the command's log.
    public struct Summary: Sendable {
        public var rendered = 0
        public var copied = 0
        public var placeholders = 0
        public var secrets = 0
    }

    /// Checks every file, then renders them; throws with every problem found and writes
    /// nothing when any file has one.
    public func render(resolver: ValueResolver) throws(RenderError) -> Summary {
        let files: [String]
        do { files = try FileTree.files(under: source) } catch { throw .output(error) }
        try check(files, resolver: resolver)
        try checkOutput()
        let temporary: String
        do { temporary = try FileTree.temporarySibling(of: output) } catch {
            throw .output(error)
        }
        do throws(RenderError) {
            var summary = try write(files, into: temporary, resolver: resolver)
            summary.secrets = resolver.openedCount
            try moveIntoPlace(temporary)
            return summary
        } catch {
            FileTree.remove(temporary)
            throw error
        }
    }

    private func check(_ files: [String], resolver: ValueResolver) throws(RenderError) {
        let processFiles = files.filter(ProcessFolder.isProcessFile)
        let problems = try Self.onAllCores(processFiles.count) { index throws(RenderError) in
            let document = try read(processFiles[index]).document
            return DocumentRenderer.problems(in: document, exists: resolver.exists)
        }
        guard problems.allSatisfy(\.isEmpty) else { throw .blocked(problems.flatMap { $0 }) }
    }

    private func read(
        _ file: String
    ) throws(RenderError) -> (bytes: [UInt8], document: ProcessDocument) {
        do {
            var loaded = try ProcessFolder.load(root: source, relativePath: file)
            loaded.document.prefixPaths(with: displayPrefix)
            return loaded
        } catch {
            throw .input(error)
        }
    }

    private func write(
        _ files: [String], into folder: String, resolver: ValueResolver
    ) throws(RenderError) -> Summary {
        let placeholders = try Self.onAllCores(files.count) { index throws(RenderError) in
            try write(files[index], into: folder, resolver: resolver)
        }
        var summary = Summary()
        for count in placeholders {
            if let count {
                summary.rendered += 1
                summary.placeholders += count
            } else {
                summary.copied += 1
            }
        }
        return summary
    }

    /// Renders (a process file) or copies (any other file) `file` into `folder`; returns the
    /// number of placeholders rendered, nil for a copied file.
    ///
    /// The output is a new file in the private temporary folder, written without its own
    /// temporary file and fsync: the folder as a whole is renamed into place at the end.
    private func write(
        _ file: String, into folder: String, resolver: ValueResolver
    ) throws(RenderError) -> Int? {
        var bytes: [UInt8]
        var placeholders: Int?
        if ProcessFolder.isProcessFile(file) {
            let loaded = try read(file)
            let problems = DocumentRenderer.problems(in: loaded.document, exists: resolver.exists)
            guard problems.isEmpty else { throw .blocked(problems) }
            bytes = try DocumentRenderer.render(loaded.bytes, loaded.document, resolver: resolver)
            placeholders = loaded.document.references.count
        } else {
            do {
                bytes = try FileReader.read(
                    source + "/" + file, limit: ProcessFolder.maximumFileSize, followLinks: false)
            } catch { throw .output(error) }
        }
        do {
            let path = folder + "/" + file
            try FileTree.makeFolders(AtomicFile.parent(of: path))
            try FileTree.writeNewFile(bytes, to: path, mode: 0o600)
        } catch { throw .output(error) }
        return placeholders
    }

    /// `work(0..<count)` on all cores; the results in index order, or the error of the
    /// lowest failing index, so messages do not depend on scheduling.
    private static func onAllCores<Value>(
        _ count: Int, _ work: @Sendable (Int) throws(RenderError) -> Value
    ) throws(RenderError) -> [Value] {
        let slots = ResultSlots<Result<Value, RenderError>>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index) { Result { () throws(RenderError) in try work(index) } }
        }
        // Each slot holds a Result, so reading them cannot throw.
        let results = (try? slots.values()) ?? []
        return try results.map { result throws(RenderError) in try result.get() }
    }

    private func checkOutput() throws(RenderError) {
        guard FileReader.exists(output), !replace else { return }
        let empty = (try? FileTree.files(under: output).isEmpty) ?? false
        guard FileReader.isFolder(output), empty else { throw .output(.exists(output)) }
    }

    private func moveIntoPlace(_ temporary: String) throws(RenderError) {
        var old: String?
        if FileReader.exists(output) {
            let aside = temporary + ".old"
            guard rename(output, aside) == 0 else {
                throw .output(.system("replace", output, errno))
            }
            old = aside
        }
        guard rename(temporary, output) == 0 else {
            if let old { rename(old, output) }
            throw .output(.system("rename", output, errno))
        }
        AtomicFile.syncFolder(of: output)
        if let old { FileTree.remove(old) }
    }
}
