import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Paths are bytes to Linux: a name may start with a combining mark or a zero-width
/// joiner, and the composed and the decomposed spelling of `ü` are two names. Swift's
/// `String` joins such a mark to the `/` before it and finds the two spellings equal; the
/// commands take paths apart by their bytes, so they find, render and guard such names as
/// Linux has them (found by a fresh tester: renders failed, and a render could land in the
/// vault).
@Suite struct PathBytesTests {
    static let acute = "\u{301}"
    static let joiner = "\u{200D}"
    static let composed = "pr\u{FC}f"
    static let decomposed = "pru\u{308}f"

    /// Creates the folders of `path` under the workspace and writes `text` to it, with
    /// system calls that take the path's bytes as they are.
    private func write(_ workspace: Workspace, _ path: String, _ text: String) throws {
        var folder = workspace.root.path
        let names = path.utf8.split(separator: UInt8(ascii: "/")).map {
            String(decoding: $0, as: UTF8.self)
        }
        for name in names.dropLast() {
            folder += "/" + name
            if mkdir(folder, 0o700) != 0 { try #require(errno == EEXIST) }
        }
        let file = open(folder + "/" + names.last!, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer { close(file) }
        let bytes = Array(text.utf8)
        try #require(Glibc.write(file, bytes, bytes.count) == bytes.count)
    }

    private func read(_ workspace: Workspace, _ path: String) -> String? {
        let file = open(workspace.root.path + "/" + path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(file, &buffer, buffer.count)
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }

    private static let input = #"{"password": "{{secret:FTP_PASSWORD}}"}"#
    private static let rendered = #"{"password": "fake-ftp-password"}"#

    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp-password")])
        return workspace
    }

    @Test func aFolderRenderKeepsEveryNameAsItsBytesAre() throws {
        let workspace = try workspace()
        let files = [
            "processes/p/\(Self.acute)t.json", "processes/t/\(Self.joiner)z.json",
            "processes/\(Self.composed)/a.json", "processes/\(Self.decomposed)/a.json",
        ]
        for file in files { try write(workspace, file, Self.input) }
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 0, "\(validate.stderr)")
        let render = try workspace.run(["render", "processes", "--out", "out"])
        #expect(render.status == 0, "\(render.stderr)")
        for file in files {
            let output = "out/" + file.dropFirst("processes/".count)
            #expect(read(workspace, output) == Self.rendered, "\(output)")
        }
    }

    @Test func aTaskInputWhoseNameStartsWithAMarkNamesItsProcessAndTask() throws {
        let workspace = try workspace()
        try write(workspace, "processes/p/\(Self.acute)t.json", Self.input)
        let usage = try workspace.run(["usage", "--json"])
        #expect(usage.status == 0, "\(usage.stderr)")
        let listing = try #require(
            try JSONSerialization.jsonObject(with: Data(usage.stdout.utf8)) as? [String: Any])
        let text = String(describing: listing)
        #expect(text.contains("\"p\"") || text.contains("= p;"), "\(usage.stdout)")
        #expect(usage.stdout.contains("\(Self.acute)t"), "\(usage.stdout)")
    }

    @Test func aNameStartingWithADotAndAMarkIsHidden() throws {
        let workspace = try workspace()
        try write(workspace, "processes/p/t.json", Self.input)
        try write(workspace, "processes/p/.\(Self.acute)t.json", Self.input)
        let render = try workspace.run(["render", "processes", "--out", "out"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(read(workspace, "out/p/t.json") == Self.rendered)
        #expect(read(workspace, "out/p/.\(Self.acute)t.json") == nil)
        #expect(try workspace.run(["validate"]).stderr.contains("unread-file"))
    }

    @Test func anOutputInAVaultFolderWhoseNameStartsWithAMarkIsRefused() throws {
        let workspace = try workspace()
        try write(workspace, "in.json", Self.input)
        let folder = "vault/\(Self.acute)d"
        #expect(mkdir(workspace.root.path + "/" + folder, 0o700) == 0)
        let render = try workspace.run(["render", "in.json", "--out", folder + "/out.json"])
        #expect(render.status == 2, "\(render.stderr)")
        #expect(render.stderr.contains("vault"), "\(render.stderr)")
        #expect(read(workspace, folder + "/out.json") == nil)
    }

    /// A staged file in `vault/` whose name starts with a combining mark is a vault file
    /// with a bad name, as `validate` says, not a file outside the vault.
    @Test func theHookChecksAVaultFileWhoseNameStartsWithAMark() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp-password")])
        try workspace.commitAll("vault")
        let path = "vault/\(Self.acute)X.yaml"
        try write(workspace, path, read(workspace, "vault/FTP_PASSWORD.yaml") ?? "")
        try workspace.git(["add", "--", path])
        let hook = try workspace.hook()
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stderr.contains(": secret-name: "), "\(hook.stderr)")
    }

    @Test func anOutputFileWhoseNameStartsWithAMarkIsWrittenWhereItsPathSays() throws {
        let workspace = try workspace()
        try write(workspace, "in.json", Self.input)
        #expect(mkdir(workspace.root.path + "/c", 0o700) == 0)
        let output = "c/\(Self.acute)o.json"
        let render = try workspace.run(["render", "in.json", "--out", output])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(read(workspace, output) == Self.rendered)
    }
}
