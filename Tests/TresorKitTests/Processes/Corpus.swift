import Foundation

/// The public BPMN corpus in `../shared/corpus/bpmn-public` next to the package root (where
/// CI lays it), else in `TRESOR_CORPUS` or `/work/shared/corpus/bpmn-public`.
enum Corpus {
    /// The corpus folder: the first candidate that exists.
    static let root: URL = {
        let beside = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus/bpmn-public")
        let candidates = [
            beside.path, ProcessInfo.processInfo.environment["TRESOR_CORPUS"],
            "/work/shared/corpus/bpmn-public",
        ].compactMap { $0 }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0) }
        return URL(fileURLWithPath: found ?? beside.path)
    }()

    /// Relative paths of the corpus files whose names end with one of `suffixes`.
    static func files(_ suffixes: [String] = [".bpmn", ".bpmn20.xml"]) -> [String] {
        let items = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
        return items.filter { path in suffixes.contains { path.hasSuffix($0) } }.sorted()
    }

    /// The bytes of the corpus file at `path`.
    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }
}
