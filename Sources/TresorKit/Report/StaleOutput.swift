import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An output file of an earlier `render` or `deploy` that no longer matches: a secret it
/// holds changed or was deleted after it was written, its process file changed, or it was
/// never rendered.
public struct StaleOutput: Sendable, Hashable {
    /// The output's path relative to the deploy folder (the same as the process file's
    /// path relative to the process folder).
    public var path: String
    public var reason: String

    /// Compares each process file that holds placeholders with its rendered copy in
    /// `deployFolder`. `references` carry paths starting with `displayPrefix/`.
    ///
    // Limitation: a render's output, which has no manifest, is judged by time: a secret's
    // `updated.at` (whole seconds) not before the output's modification time (cut to the
    // second), or a process file newer than its output. A render in the same second as a
    // change counts as stale (the safe side). A deploy's output is judged by its manifest
    // (StaleOutput+Deploy.swift).
    public static func find(
        deployFolder: String, processesFolder: String, displayPrefix: String,
        references: [PlaceholderReference], secrets: [SecretSummary]
    ) -> [StaleOutput] {
        let updated = Dictionary(
            secrets.map { ($0.name, Self.date($0.updated.at)) }, uniquingKeysWith: { a, _ in a })
        // Files are grouped and their prefix taken off by bytes (see `PathNames.swift`): two
        // spellings of a name are two files.
        let byFile = Dictionary(grouping: references, by: { Array($0.location.path.utf8) })
        return byFile.keys.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { key in
            let relative = Self.inProcessFolder(
                String(decoding: key, as: UTF8.self), displayPrefix: displayPrefix)
            let names = Set(byFile[key, default: []].map(\.name)).sorted()
            guard let written = modified(deployFolder + "/" + relative) else {
                return StaleOutput(path: relative, reason: "not rendered yet")
            }
            if let reason = changed(names, after: written, updated: updated) {
                return StaleOutput(path: relative, reason: reason)
            }
            if let source = modified(processesFolder + "/" + relative), source > written {
                return StaleOutput(path: relative, reason: "the process file changed since")
            }
            return nil
        }
    }

    private static func changed(
        _ names: [SecretName], after written: Date, updated: [SecretName: Date?]
    ) -> String? {
        let deleted = names.filter { updated[$0] == nil }
        if !deleted.isEmpty {
            return "uses deleted secrets: " + deleted.map(\.text).joined(separator: ", ")
        }
        let second = Date(timeIntervalSince1970: written.timeIntervalSince1970.rounded(.down))
        let newer = names.filter { name in (updated[name] ?? nil).map { $0 >= second } ?? false }
        guard !newer.isEmpty else { return nil }
        return "secrets changed since: " + newer.map(\.text).joined(separator: ", ")
    }

    /// `shown` (a reference's path, starting with `displayPrefix/`) relative to the process
    /// folder.
    static func inProcessFolder(_ shown: String, displayPrefix: String) -> String {
        displayPrefix.isEmpty
            ? shown : shown.relativePath(in: displayPrefix).map(String.init) ?? shown
    }

    /// The file's modification time, nil when it does not exist.
    static func modified(_ path: String) -> Date? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let time = info.st_mtim
        return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    static func date(_ stamp: String) -> Date? {
        try? Date(stamp, strategy: .iso8601)
    }
}
