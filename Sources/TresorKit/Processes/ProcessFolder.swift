import Foundation

/// The process folder: which files Tresor reads in it, and reading one of them.
///
/// Process files are `.bpmn`, `.bpmn20.xml` (BPMN) and `.json` (task inputs). Entries whose
/// name starts with a dot are skipped (`.git`, editor files), and symbolic links are not
/// followed at all: rendering writes files in place, and a link could lead it outside the
/// folder.
public enum ProcessFolder {
    /// Files larger than this are not read (an error finding instead).
    public static let maximumFileSize = 64 << 20

    /// Relative, `/`-separated paths of the process files under `root`, sorted.
    // Limitation: symbolic links, to folders and to files alike, are skipped without a
    // finding; a process file reached only through a link is not read.
    public static func files(in root: String) throws(ProcessFolderError) -> [String] {
        try listing(of: root).files.filter(isProcessFile)
    }

    /// Every regular file under `root` and every symbolic link skipped
    /// (``FileTree/walk(under:)``), for a command that needs both the process files and
    /// what is not read, from one walk.
    public static func listing(
        of root: String
    ) throws(ProcessFolderError) -> FileTree.Listing {
        do { return try FileTree.walk(under: root) } catch {
            // Why, and when a folder or name inside failed, which ("cannot list
            // processes/a/b: Permission denied"), not just the top.
            if case .system(_, let path, _) = error, path == root {
                throw ProcessFolderError(
                    .unreadableFolder, path: root, reason: error.reason,
                    advice: error.pathLengthHint)
            }
            throw ProcessFolderError(
                .unreadableFolder, path: root, reason: error.message, advice: error.hint)
        }
    }

    /// Reads the process file `relativePath` under `root`, choosing the reader by extension.
    public static func read(
        root: String, relativePath: String
    ) throws(ProcessFolderError) -> ProcessDocument {
        try load(root: root, relativePath: relativePath).document
    }

    /// The reader `readReferences` uses: BPMN files as cheaply as possible.
    private static func referencesReader(
        _ bytes: [UInt8], _ path: String, _ kind: ProcessDocument.Kind
    ) -> ProcessDocument {
        kind == .bpmn
            ? BPMNReader.readReferences(bytes: bytes, path: path)
            : document(bytes: bytes, path: path, kind: kind)
    }

    /// The references of the process file `relativePath` under `root`, read as cheaply as
    /// possible (see ``BPMNReader/readReferences(bytes:path:)``); findings are incomplete.
    public static func readReferences(
        root: String, relativePath: String
    ) throws(ProcessFolderError) -> ProcessDocument {
        try load(root: root, relativePath: relativePath, reader: referencesReader).document
    }

    /// `read` or `readReferences` for a scan of the whole folder (`validate`, `usage`,
    /// deploy's check): a file that cannot be read is not an error that ends the scan but
    /// a document with an `unreadable-file` finding, so the scan reports it with the rest.
    /// `folder`, when given, is `root` held open.
    public static func scan(
        root: String, relativePath: String, referencesOnly: Bool, folder: OpenFolder? = nil
    ) throws(ProcessFolderError) -> ProcessDocument {
        do {
            let reader = referencesOnly ? referencesReader : document
            return try load(root: root, relativePath: relativePath, folder: folder, reader: reader)
                .document
        } catch  where error.problem == .unreadableFile {
            let finding = Finding(
                .error, .unreadableFile, at: .file(relativePath),
                "cannot read the file" + (error.reason.map { ": \($0)" } ?? ""),
                hint: "check that the file is readable")
            return ProcessDocument(
                path: relativePath, kind: kind(of: relativePath) ?? .bpmn, findings: [finding])
        }
    }

    /// The bytes of the process file `relativePath` under `root` and what its reader found;
    /// rendering needs both. `folder`, when given, is `root` held open.
    public static func load(
        root: String, relativePath: String, folder: OpenFolder? = nil
    ) throws(ProcessFolderError) -> (bytes: [UInt8], document: ProcessDocument) {
        try load(root: root, relativePath: relativePath, folder: folder, reader: document)
    }

    private static func load(
        root: String, relativePath: String, folder: OpenFolder? = nil,
        reader: ([UInt8], String, ProcessDocument.Kind) -> ProcessDocument
    ) throws(ProcessFolderError) -> (bytes: [UInt8], document: ProcessDocument) {
        guard let kind = kind(of: relativePath) else {
            throw ProcessFolderError(.unknownKind, path: relativePath)
        }
        let bytes: [UInt8]
        do {
            if let folder {
                bytes = try FileReader.read(relativePath, beneath: folder, limit: maximumFileSize)
            } else {
                bytes = try FileReader.read(relativePath, beneath: root, limit: maximumFileSize)
            }
        } catch .tooLarge {
            return ([], tooLarge(relativePath, kind: kind))
        } catch {
            throw ProcessFolderError(
                .unreadableFile, path: relativePath, reason: error.reason,
                advice: error.pathLengthHint)
        }
        return (bytes, reader(bytes, relativePath, kind))
    }

    /// What the reader for `kind` finds in `bytes`; `path` is used in locations.
    public static func document(
        bytes: [UInt8], path: String, kind: ProcessDocument.Kind
    ) -> ProcessDocument {
        switch kind {
        case .bpmn: BPMNReader.read(bytes: bytes, path: path)
        case .json: JSONInputReader.read(bytes: bytes, path: path)
        }
    }

    /// True when `path` names a file the process readers handle.
    public static func isProcessFile(_ path: String) -> Bool { kind(of: path) != nil }

    /// The kind of process file `name` is, by extension (its bytes, ASCII letters in either
    /// case), or nil for other files.
    public static func kind(of name: String) -> ProcessDocument.Kind? {
        func named(_ suffix: String) -> Bool {
            name.hasSuffixBytes(suffix, ignoringASCIICase: true)
        }
        if named(".bpmn") || named(".bpmn20.xml") { return .bpmn }
        if named(".json") { return .json }
        return nil
    }

    private static func tooLarge(_ path: String, kind: ProcessDocument.Kind) -> ProcessDocument {
        let finding = Finding(
            .error, kind == .bpmn ? .xml : .json, at: .file(path),
            "the file is larger than \(maximumFileSize >> 20) MiB and was not read",
            hint: "process files are expected to be far smaller; check that this is one")
        return ProcessDocument(path: path, kind: kind, findings: [finding])
    }
}
