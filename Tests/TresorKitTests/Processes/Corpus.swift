import Foundation

/// The public BPMN corpus in `../shared/corpus/bpmn-public` next to the package root.
enum Corpus {
    /// The corpus folder, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus/bpmn-public")

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
