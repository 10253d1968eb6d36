import Foundation
import Testing

/// Names and paths: names that could escape the vault or pass for another name, and links
/// in the vault. Each is refused with a clear error and changes nothing.
@Suite struct HostileNameTests {
    static let names = [
        "A/B", "../OUTSIDE", "..", "/tmp/X", "ftp_password", "Ftp", "F\u{0422}P", "\u{FF26}TP",
        "A\u{202E}B", String(repeating: "A", count: 65), "VAULT", "A.B", "", "-",
    ]

    @Test(arguments: names)
    func badNameIsRefusedEverywhere(_ name: String) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("KEPT_TOKEN", "token", "fake-kept")])
        let before = workspace.allFiles().map(\.0).sorted()
        let runs = try [
            ["create", name, "--display-name", "D", "--type", "token"], ["show", name],
            ["edit", name, "--display-name", "D"], ["delete", name, "--yes"], ["usage", name],
        ].map { try workspace.run($0, input: Data("fake-value".utf8)) }
        for run in runs {
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("name"), "\(run.stderr)")
            // Look-alikes and control characters are shown escaped, so the difference shows.
            #expect(run.stderr.unicodeScalars.allSatisfy { $0.isASCII }, "\(run.stderr)")
        }
        #expect(workspace.allFiles().map(\.0).sorted() == before)
    }

    @Test func secretFileLinkedOutsideOrToAnotherSecretIsRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("REAL_TOKEN", "token", "fake-real")])
        let real = try workspace.read("vault/REAL_TOKEN.yaml")
        let outside = real.replacingOccurrences(of: "REAL_TOKEN", with: "OUT_TOKEN")
        try workspace.write("outside.yaml", outside)
        try workspace.link("vault/OUT_TOKEN.yaml", to: "../outside.yaml")
        try workspace.link("vault/COPY_TOKEN.yaml", to: "REAL_TOKEN.yaml")
        try workspace.write(
            "processes/p/t.json", #"{"a": "{{secret:OUT_TOKEN}}", "b": "{{secret:COPY_TOKEN}}"}"#)
        let before = workspace.vaultSnapshot()
        for name in ["OUT_TOKEN", "COPY_TOKEN"] {
            for command in [["show", name], ["edit", name, "--type", "other"]] {
                let run = try workspace.run(command)
                #expect(run.status == 3, "\(command): \(run.stderr)")
                #expect(run.stderr.contains("symbolic link"), "\(command): \(run.stderr)")
            }
            let create = try workspace.run(
                ["create", name, "--display-name", "D", "--type", "token"], value: "fake-new")
            #expect(create.status == 1)
        }
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1)
        #expect(validate.stderr.components(separatedBy: "symbolic link").count == 3)
        #expect(try workspace.run(["render", "processes/p/t.json"]).status == 3)
        #expect(workspace.vaultSnapshot() == before)
        // Deleting removes the link, never what it points at.
        for name in ["OUT_TOKEN", "COPY_TOKEN"] {
            #expect(try workspace.run(["delete", name, "--yes"]).status == 0)
        }
        #expect(try workspace.read("outside.yaml") == outside)
        #expect(try workspace.read("vault/REAL_TOKEN.yaml") == real)
    }

    @Test func vaultFolderOrSettingsFileThatIsALinkIsRefused() throws {
        let workspace = try Workspace()
        try workspace.write("elsewhere/.keep", "")
        try workspace.initVault()
        try FileManager.default.moveItem(
            at: workspace.root.appendingPathComponent("vault"),
            to: workspace.root.appendingPathComponent("elsewhere/vault"))
        try workspace.link("vault", to: "elsewhere/vault")
        try expectRefused(workspace)
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("vault"))
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("vault"), withIntermediateDirectories: true)
        try workspace.link("vault/vault.yaml", to: "../elsewhere/vault/vault.yaml")
        try expectRefused(workspace)
    }

    private func expectRefused(_ workspace: Workspace) throws {
        let before = workspace.allFiles().map(\.0).sorted()
        for command in [
            ["list"], ["validate"],
            ["create", "NEW_TOKEN", "--display-name", "D", "--type", "token"],
        ] {
            let run = try workspace.run(command, input: Data("fake-new".utf8))
            #expect(run.status == 3, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("symbolic link"), "\(command): \(run.stderr)")
        }
        #expect(try workspace.run(["init"]).status != 0)
        #expect(workspace.allFiles().map(\.0).sorted() == before)
    }

    @Test func lockFileThatIsALinkIsNotFollowed() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        try? FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("vault/.lock"))
        try workspace.link("vault/.lock", to: "../planted-lock")
        let run = try workspace.run(
            ["create", "NEW_TOKEN", "--display-name", "D", "--type", "token"], value: "fake-new")
        // Exit 3, as for every other link in the vault (it was 6; found by a fresh tester).
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("symbolic link"), "\(run.stderr)")
        #expect(run.stderr.contains("remove the link"), "\(run.stderr)")
        #expect(!workspace.exists("planted-lock"))
        #expect(!workspace.exists("vault/NEW_TOKEN.yaml"))
    }

    @Test func fileNamesThatDifferOnlyByCaseAreReported() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("CASE_TOKEN", "token", "fake-case")])
        let file = try workspace.read("vault/CASE_TOKEN.yaml")
        try workspace.write("vault/Case_Token.yaml", file)
        try workspace.write("vault/CASE_TOKEN.YAML", file)
        try workspace.write("vault/CASE_TOKEN.yml", file)
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1)
        for name in ["Case_Token.yaml", "CASE_TOKEN.YAML", "CASE_TOKEN.yml"] {
            #expect(validate.stderr.contains("vault/\(name):"), "\(name): \(validate.stderr)")
        }
        let list = try workspace.run(["list"])
        #expect(list.status == 3)
        #expect(list.stdout.split(separator: "\n").count == 1)
        #expect(try workspace.run(["show", "CASE_TOKEN"]).status == 0)
    }
}

extension Data {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> Data {
        Data(
            String(decoding: self, as: UTF8.self).replacingOccurrences(
                of: target, with: replacement
            ).utf8)
    }
}
