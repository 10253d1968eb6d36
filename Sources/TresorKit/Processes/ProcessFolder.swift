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
    public static func files(in root: String) throws(ProcessFolderError) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            for name in try entries(of: root, folder) where !name.hasPrefix(".") {
                let relative = folder.isEmpty ? name : folder + "/" + name
                switch fileType(of: root + "/" + relative) {
                case .typeDirectory: pending.append(relative)
                case .typeRegular where kind(of: name) != nil: found.append(relative)
                // Limitation: symbolic links, to folders and to files alike, are skipped
                // without a finding; a process file reached only through a link is not read.
                default: break
                }
            }
        }
        return found.sorted()
    }

    /// Reads the process file `relativePath` under `root`, choosing the reader by extension.
    public static func read(
        root: String, relativePath: String
    ) throws(ProcessFolderError) -> ProcessDocument {
        guard let kind = kind(of: relativePath) else {
            throw ProcessFolderError(.unknownKind, path: relativePath)
        }
        guard let bytes = try contents(of: root + "/" + relativePath, shownAs: relativePath) else {
            return tooLarge(relativePath, kind: kind)
        }
        switch kind {
        case .bpmn: return BPMNReader.read(bytes: bytes, path: relativePath)
        case .json: return JSONInputReader.read(bytes: bytes, path: relativePath)
        }
    }

    /// The kind of process file `name` is, by extension, or nil for other files.
    public static func kind(of name: String) -> ProcessDocument.Kind? {
        let lower = name.lowercased()
        if lower.hasSuffix(".bpmn") || lower.hasSuffix(".bpmn20.xml") { return .bpmn }
        if lower.hasSuffix(".json") { return .json }
        return nil
    }

    private static func entries(of root: String, _ folder: String) throws(ProcessFolderError)
        -> [String]
    {
        let path = folder.isEmpty ? root : root + "/" + folder
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ProcessFolderError(.unreadableFolder, path: folder.isEmpty ? root : folder)
        }
    }

    /// The file's type without following a symbolic link.
    private static func fileType(of path: String) -> FileAttributeType? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return attributes?[.type] as? FileAttributeType
    }

    /// The file's bytes, or nil when it is larger than `maximumFileSize`.
    private static func contents(
        of path: String, shownAs name: String
    ) throws(ProcessFolderError) -> [UInt8]? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular,
            let handle = FileHandle(forReadingAtPath: path)
        else { throw ProcessFolderError(.unreadableFile, path: name) }
        if let size = attributes?[.size] as? Int, size > maximumFileSize { return nil }
        defer { try? handle.close() }
        do {
            // One byte more than the limit tells a file at the limit from a larger one.
            let data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
            return data.count > maximumFileSize ? nil : Array(data)
        } catch {
            throw ProcessFolderError(.unreadableFile, path: name)
        }
    }

    private static func tooLarge(_ path: String, kind: ProcessDocument.Kind) -> ProcessDocument {
        let finding = Finding(
            .error, kind == .bpmn ? .xml : .json, at: .file(path),
            "the file is larger than \(maximumFileSize >> 20) MiB and was not read",
            hint: "process files are expected to be far smaller; check that this is one")
        return ProcessDocument(path: path, kind: kind, findings: [finding])
    }
}
