import Foundation
import TresorKit

/// Builds the library's ``TresorEnvironment`` from the real process: its variables, its
/// working folder, the clock, and the user from git's configuration.
enum ProcessEnvironment {
    static func current() -> TresorEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let folder = FileManager.default.currentDirectoryPath
        return TresorEnvironment(
            variables: variables, currentDirectory: folder,
            user: { gitUser(in: folder) ?? variables["USER"] ?? variables["LOGNAME"] ?? "unknown" })
    }

    /// git's user.email, else user.name, for audit stamps.
    static func gitUser(in folder: String) -> String? {
        for key in ["user.email", "user.name"] {
            if let value = gitConfig(key, in: folder), !value.isEmpty { return value }
        }
        return nil
    }

    private static func gitConfig(_ key: String, in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "--get", key]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
