import Foundation

/// Runs `git` read-only in a folder for `tresor doctor`: nil when git is missing, the
/// folder is no repository, or the answer is empty.
struct GitQuery: Sendable {
    let folder: String

    func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The folder hooks run from, honouring `core.hooksPath`, as an absolute path.
    var hooksFolder: String? {
        guard let path = run(["rev-parse", "--git-path", "hooks"]) else { return nil }
        return path.hasPrefix("/") ? path : folder + "/" + path
    }
}
