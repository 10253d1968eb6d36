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
        try OutputGuard(protected: protected + [source]).checkFolder(output, replace: replace)
        let checked = try check(files, resolver: resolver)
        do { try resolver.open(Self.namesInOrderOfUse(checked)) } catch { throw .vault(error) }
        let temporary: String
        do { temporary = try FileTree.temporarySibling(of: output) } catch {
            throw .output(error)
        }
        do throws(RenderError) {
            var summary = try write(files, checked, into: temporary, resolver: resolver)
            try writeMarker(into: temporary)
            summary.secrets = resolver.openedCount
            try moveIntoPlace(temporary)
            return summary
        } catch {
            FileTree.remove(temporary)
            throw error
        }
    }

    private func writeMarker(into folder: String) throws(RenderError) {
        let text = Array(OutputGuard.markerText.utf8)
        do { try AtomicFile.write(text, to: folder + "/" + OutputGuard.marker, mode: 0o600) } catch
        { throw .output(error) }
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
