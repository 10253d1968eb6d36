import Foundation
import Testing

/// Links on the process folder's path are followed as `validate` follows them, and a
/// commit that changes one, or adds the first `vault.yaml`, has the folder checked in full
/// (found by a thirty-sixth fresh tester: each shape below passed a credential).
@Suite struct ProcessFolderLinkTests: HookScenario {
    private let plain = #"{"url": "https://example.invalid", "password": "fake-plain-link-9"}"#

    /// The hook blocked the commit for the credential in `path`, without its value.
    private func expectBlocked(_ run: Workspace.Run, _ path: String) {
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("\(path):"), "\(run.stderr)")
        #expect(run.stderr.contains("plaintext-credential"), "\(run.stderr)")
        #expect(!run.output.contains("fake-plain-link"))
    }

    @Test func repointingTheFoldersLinkChecksItsNewTargetInFull() throws {
        let workspace = try repository()
        try workspace.git(["tag", "base"])
        // JSON outside the process folder is not judged: this passes.
        try workspace.write("archive/p/t.json", plain)
        try workspace.commitAll("archive")
        try workspace.git(["rm", "-rq", "processes"])
        try workspace.link("processes", to: "archive")
        try workspace.git(["add", "-A"])
        expectBlocked(try workspace.hook(), "archive/p/t.json")
        try workspace.commitAll("repoint")
        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.output.contains("archive/p/t.json"), "\(verify.output)")
    }

    @Test(arguments: ["chain", "absolute", "parent"])
    func linksAlongThePathAreFollowed(_ shape: String) throws {
        let workspace = try repository()
        try workspace.git(["rm", "-rq", "processes"])
        switch shape {
        case "chain":
            try workspace.link("processes", to: "mid")
            try workspace.link("mid", to: "real")
        case "absolute":
            try workspace.link("processes", to: workspace.root.path + "/real")
        default:
            // The setting names a folder below a link.
            try workspace.link("processes", to: "real/procs")
            try workspace.link("alias", to: "real")
            let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
            try workspace.write(
                "vault/vault.yaml",
                text.replacingOccurrences(
                    of: "processes: processes/", with: "processes: alias/procs/"))
        }
        try workspace.commitAll("links")
        let file = shape == "parent" ? "real/procs/p/t.json" : "real/p/t.json"
        try workspace.write(file, plain)
        try workspace.git(["add", "-A"])
        expectBlocked(try workspace.hook(), file)
    }

    @Test func aFirstVaultYamlNamingAFolderOfEarlierFilesChecksItInFull() throws {
        let workspace = try Workspace.repository()
        try workspace.write("flows/p/t.json", plain)
        // No vault yet: the default processes/ is checked, and flows/ is not.
        try workspace.git(["add", "-A"])
        #expect(try workspace.hook().status == 0)
        try workspace.commitAll("flows")
        try workspace.initVault()
        let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            text.replacingOccurrences(of: "processes: processes/", with: "processes: flows/"))
        try workspace.git(["add", "-A"])
        expectBlocked(try workspace.hook(), "flows/p/t.json")
    }

    @Test func aSubmoduleInTheProcessFolderIsWarnedAbout() throws {
        let other = try Workspace.repository()
        try other.write("p/t.json", plain)
        try other.commitAll("other")
        let workspace = try repository()
        try workspace.git(
            [
                "-c", "protocol.file.allow=always", "submodule", "add", "-q", other.root.path,
                "processes/ext",
            ])
        let run = try workspace.hook()
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.stderr.contains("processes/ext:1:1: unread-file: warning: a submodule"),
            "\(run.stderr)")
    }
}

/// The path is resolved as the kernel resolves it, merges compare links with every parent,
/// and paths are compared byte by byte (found by a thirty-seventh fresh tester: each case
/// below passed a credential).
@Suite struct ProcessFolderPathTests: HookScenario {
    private let plain = #"{"url": "https://example.invalid", "password": "fake-plain-path-9"}"#

    @Test func aDotDotAfterALinkClimbsFromWhereTheLinkLed() throws {
        let workspace = try repository()
        try workspace.git(["rm", "-rq", "processes"])
        try workspace.write("x/y/keep", "")
        try workspace.write("real/readme.json", #"{"note": "decoy"}"#)
        try workspace.write("x/real/p/t.json", plain)
        try workspace.link("d", to: "x/y")
        try workspace.link("processes", to: "d/../real")
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("x/real/p/t.json:"), "\(run.stderr)")
    }

    @Test func aLongChainIsFollowedAndALoopSaid() throws {
        let workspace = try repository()
        try workspace.git(["mv", "processes", "real"])
        try workspace.link("l20", to: "real")
        for index in stride(from: 19, through: 1, by: -1) {
            try workspace.link("l\(index)", to: "l\(index + 1)")
        }
        try workspace.link("processes", to: "l1")
        try workspace.write("real/q/t.json", plain)
        try workspace.git(["add", "-A"])
        let chain = try workspace.hook()
        #expect(chain.status == 1, "\(chain.output)")
        #expect(chain.stderr.contains("real/q/t.json:"), "\(chain.stderr)")
        try workspace.git(["rm", "-q", "--cached", "real/q/t.json"])
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("l20"))
        try workspace.link("l20", to: "l1")
        try workspace.git(["add", "-A"])
        let loop = try workspace.hook()
        #expect(loop.stderr.contains("starts a loop"), "\(loop.stderr)")
    }

    @Test func aMergeThatBringsInALinkChecksItsTargetInFull() throws {
        let workspace = try repository()
        try workspace.git(["mv", "processes", "a"])
        try workspace.write("b/p/ok.json", #"{"x": 1}"#)
        try workspace.link("processes", to: "a")
        try workspace.commitAll("processes is a link to a")
        try workspace.git(["tag", "base"])
        try workspace.git(["checkout", "-q", "-b", "other"])
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("processes"))
        try workspace.link("processes", to: "b")
        try workspace.commitAll("to b")
        try workspace.git(["checkout", "-q", "main"])
        // b is not the process folder here: this passes.
        try workspace.write("b/p/t.json", plain)
        try workspace.commitAll("spare")
        try workspace.git(["merge", "-q", "--no-verify", "--no-edit", "other"])
        let verify = try workspace.run(["verify", "base..HEAD"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.output.contains("b/p/t.json"), "\(verify.output)")
    }

    @Test func aDeletedTwinSpelledOtherwiseHidesNothing() throws {
        let workspace = try repository()
        let composed = "flows/p/T\u{E9}.json"
        let decomposed = "flows/p/Te\u{301}.json"
        try workspace.write(composed, plain)
        try workspace.write(decomposed, #"{"a": 1}"#)
        try workspace.commitAll("flows")
        try workspace.git(["rm", "-q", "--", decomposed])
        let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            text.replacingOccurrences(of: "processes: processes/", with: "processes: flows/"))
        try workspace.git(["add", "-A"])
        let run = try workspace.hook()
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("plaintext-credential"), "\(run.stderr)")
    }
}
