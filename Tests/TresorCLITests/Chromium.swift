import Foundation

/// Headless Chromium from Debian, loading one local file and nothing else: it runs in a
/// network namespace of its own with no interface (`unshare --net`) when the system allows
/// it, and with every host name unresolvable either way.
enum Chromium {
    static let executable = "/usr/bin/chromium"

    /// The DOM after the page's scripts ran (`--dump-dom`).
    static func dom(_ url: URL, profile: URL) throws -> String {
        try run(["--dump-dom", url.absoluteString], profile: profile).stdout
    }

    /// A PNG of the page, 1280 pixels wide.
    static func screenshot(_ url: URL, to file: URL, profile: URL) throws {
        _ = try run(
            ["--window-size=1280,1800", "--screenshot=\(file.path)", url.absoluteString],
            profile: profile)
    }

    private static func run(_ flags: [String], profile: URL) throws -> Workspace.Run {
        let base = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=\(profile.path)",
        ]
        let arguments = canIsolateNetwork ? ["--net", "--", executable] : []
        let workspace = try Workspace()
        return try workspace.run(
            arguments + base + flags, environment: ["HOME": profile.path],
            executable: canIsolateNetwork ? "/usr/bin/unshare" : executable)
    }

    static let canIsolateNetwork: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--net", "--", "/bin/true"]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
