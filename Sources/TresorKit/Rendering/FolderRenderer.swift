#if canImport(Glibc)
    import Glibc
#endif

/// Renders a whole process folder into an output folder, all or nothing: every file is
/// checked first; only when no file has a problem are values opened and the tree written,
/// into a private temporary sibling that is renamed into place at the end.
///
/// BPMN and JSON files are rendered in place; other files are copied. Outputs are mode
/// 0600, folders 0700.
public struct FolderRenderer {
    public let source: String
    public let output: String
    /// Replace an existing output folder that an earlier render wrote.
    public var replace = false
    /// Places the output must stay clear of besides `source` (the vault).
    public var protected: [String] = []
    /// How `source` is shown in messages (`processes`), so locations read
    /// `processes/order.bpmn:12:7`.
    public var displayPrefix: String
    /// Hears of each step: every file is checked, then written, so a folder of N files
    /// takes 2N steps.
    public var progress: ProgressCounter.Handler?

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
        let files = try listFiles()
        try OutputGuard(protected: protected + [source]).checkFolder(output, replace: replace)
        let counter = progress.map { ProgressCounter(total: files.count * 2, handler: $0) }
        try check(files, resolver: resolver, counter: counter)
        let temporary: String
        do { temporary = try FileTree.temporarySibling(of: output) } catch {
            throw .output(error)
        }
        do throws(RenderError) {
            var summary = try write(
                files, into: temporary, resolver: resolver, counter: counter
            ) { _, _, _ in }
            try Self.writeMarker(into: temporary)
            summary.secrets = resolver.openedCount
            do { try FileTree.replace(output, with: temporary) } catch { throw .output(error) }
            return summary
        } catch {
            FileTree.remove(temporary)
            throw error
        }
    }

    /// Checks every file, then renders the tree into `folder` (an existing, private
    /// folder the caller later moves into place or removes), handing each rendered process
    /// file to `visit` with its path relative to ``source``, its document and its bytes.
    public func write(
        into folder: String, resolver: ValueResolver,
        visit: (String, ProcessDocument, [UInt8]) -> Void
    ) throws(RenderError) -> Summary {
        let files = try listFiles()
        try check(files, resolver: resolver, counter: nil)
        var summary = try write(
            files, into: folder, resolver: resolver, counter: nil, visit: visit)
        summary.secrets = resolver.openedCount
        return summary
    }

    private func listFiles() throws(RenderError) -> [String] {
        do { return try FileTree.files(under: source) } catch { throw .output(error) }
    }

    private func check(
        _ files: [String], resolver: ValueResolver, counter: ProgressCounter?
    ) throws(RenderError) {
        var problems: [Finding] = []
        for file in files {
            defer { counter?.advance() }
            guard ProcessFolder.isProcessFile(file) else { continue }
            let document = try read(file).document
            problems += DocumentRenderer.problems(in: document, exists: resolver.exists)
        }
        guard problems.isEmpty else { throw .blocked(problems) }
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
        _ files: [String], into folder: String, resolver: ValueResolver,
        counter: ProgressCounter?, visit: (String, ProcessDocument, [UInt8]) -> Void
    ) throws(RenderError) -> Summary {
        var summary = Summary()
        for file in files {
            defer { counter?.advance() }
            var bytes: [UInt8]
            if ProcessFolder.isProcessFile(file) {
                let loaded = try read(file)
                let problems = DocumentRenderer.problems(
                    in: loaded.document, exists: resolver.exists)
                guard problems.isEmpty else { throw .blocked(problems) }
                bytes = try DocumentRenderer.render(
                    loaded.bytes, loaded.document, resolver: resolver)
                summary.rendered += 1
                summary.placeholders += loaded.document.references.count
                visit(file, loaded.document, bytes)
            } else {
                do {
                    bytes = try FileReader.read(
                        source + "/" + file, limit: ProcessFolder.maximumFileSize,
                        followLinks: false)
                } catch { throw .output(error) }
                summary.copied += 1
            }
            do {
                let path = folder + "/" + file
                try FileTree.makeFolders(AtomicFile.parent(of: path))
                try AtomicFile.write(bytes, to: path, mode: 0o600)
            } catch { throw .output(error) }
        }
        return summary
    }

    /// Leaves ``OutputGuard/marker`` in an output folder, so a later `--force` may
    /// replace it.
    public static func writeMarker(into folder: String) throws(RenderError) {
        let text = Array(OutputGuard.markerText.utf8)
        do { try AtomicFile.write(text, to: folder + "/" + OutputGuard.marker, mode: 0o600) } catch
        { throw .output(error) }
    }
}
