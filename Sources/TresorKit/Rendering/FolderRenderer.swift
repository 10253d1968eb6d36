#if canImport(Glibc)
    import Glibc
#endif

/// Renders a whole process folder into an output folder, all or nothing: every file is
/// checked first; only when no file has a problem are values opened and the tree written,
/// into a private temporary sibling that is renamed into place at the end.
///
/// BPMN and JSON files are rendered in place; other files are copied. Outputs are mode
/// 0600, folders 0700. Both passes (check, then write) and the opening of values run on
/// all cores; see `FolderRenderer+Passes.swift`.
public struct FolderRenderer: Sendable {
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
        /// The previous output, set aside and not removable: it may hold rendered values.
        public var leftover: String?
    }

    /// Checks every file, then renders them; throws with every problem found and writes
    /// nothing when any file has one. `listing` is the folder's (``FileTree/walk(under:)``
    /// of ``source``) when the caller has it already; nil lists the folder. Its folders are
    /// made in the output too, empty ones included.
    public func render(
        resolver: ValueResolver, listing listed: FileTree.Listing? = nil
    ) throws(RenderError) -> Summary {
        let listing: FileTree.Listing
        if let listed { listing = listed } else { listing = try walkSource() }
        let files = listing.files
        try checkNoEarlierOutput(in: listing)
        try OutputGuard(protected: protected + [source]).checkFolder(output, replace: replace)
        // What is there now may be replaced at the end (with --force); what appears later
        // never is.
        let found = FileIdentity(at: output)
        let replacing = replace ? found : nil
        let counter = progress.map { ProgressCounter(total: files.count * 2, handler: $0) }
        let sourceFolder = try openSource()
        let checked = try check(files, in: sourceFolder, resolver: resolver, counter: counter)
        do { try resolver.open(Self.namesInOrderOfUse(checked)) } catch {
            // A secret deleted since the check is named where it is used, as before it.
            if case .secretNotFound(let name) = error,
                let reference = checked.lazy.compactMap(\.?.document)
                    .flatMap(\.references).first(where: { $0.name == name })
            {
                throw .blocked([DocumentRenderer.notFound(reference)])
            }
            throw .vault(error)
        }
        let temporary: String
        do { temporary = try FileTree.buildFolder(for: output, found: found) } catch {
            throw .output(error)
        }
        defer { SignalCleanup.forget(tree: temporary) }
        do throws(RenderError) {
            var summary = try write(
                files, checked, from: sourceFolder, into: temporary, folders: listing.folders,
                resolver: resolver, counter: counter)
            try Self.writeMarker(into: temporary)
            summary.secrets = resolver.openedCount
            do {
                summary.leftover = try FileTree.replace(
                    output, with: temporary, marker: OutputGuard.marker, replacing: replacing)
            } catch {
                throw .output(error)
            }
            return summary
        } catch {
            FileTree.remove(temporary)
            throw error
        }
    }

    /// Checks every file, then renders the tree into `folder` (an existing, private
    /// folder the caller later moves into place or removes), handing each rendered process
    /// file to `visit`, one at a time in file order, with its path relative to ``source``,
    /// its document and its bytes (which are wiped when `visit` returns: copy nothing of
    /// them into ordinary memory).
    public func write(
        into folder: String, resolver: ValueResolver,
        visit: (String, ProcessDocument, WipedArray<UInt8>) -> Void
    ) throws(RenderError) -> Summary {
        let listing = try walkSource()
        let files = listing.files
        let sourceFolder = try openSource()
        let checked = try check(files, in: sourceFolder, resolver: resolver, counter: nil)
        var summary = Summary()
        try Self.makeFolders(for: files, and: listing.folders, under: folder)
        var results: [Result<Int?, RenderError>] = []
        for (file, entry) in zip(files, checked) {
            // A blocked file does not stop the others: every file's problems are reported.
            results.append(
                Result { () throws(RenderError) in
                    try write(file, entry, from: sourceFolder, into: folder, resolver: resolver) {
                        visit(file, $0, $1)
                    }
                })
            if case .failure(let error) = results.last, case .blocked = error {
                continue
            } else if case .failure = results.last {
                break
            }
        }
        for count in try Self.combined(results) {
            if let count {
                summary.rendered += 1
                summary.placeholders += count
            } else {
                summary.copied += 1
            }
        }
        summary.secrets = resolver.openedCount
        return summary
    }

    /// Refuses a source folder that holds an earlier render's output: it would be copied,
    /// plaintext and all, into the new one (one got there through a bind mount; found by a
    /// fresh tester). Walks ``source`` when `listing` is not given.
    public func checkNoEarlierOutput(in listing: FileTree.Listing? = nil) throws(RenderError) {
        let listing = if let listing { listing } else { try walkSource() }
        if let earlier = ProcessScan.renderOutputs(in: listing).first {
            throw .sourceHoldsOutput(source, output: earlier.isEmpty ? "." : earlier)
        }
    }

    func walkSource() throws(RenderError) -> FileTree.Listing {
        do { return try FileTree.walk(under: source) } catch { throw .output(error) }
    }

    /// ``source`` held open for both passes: each file is opened beneath it, rather than
    /// the folder opened and closed again for every file.
    func openSource() throws(RenderError) -> OpenFolder {
        do { return try OpenFolder(source) } catch { throw .output(error) }
    }

    /// Leaves ``OutputGuard/marker`` in an output folder, so a later `--force` may
    /// replace it.
    public static func writeMarker(into folder: String) throws(RenderError) {
        let text = Array(OutputGuard.markerText.utf8)
        do { try AtomicFile.write(text, to: folder + "/" + OutputGuard.marker, mode: 0o600) } catch
        { throw .output(error) }
    }
}
