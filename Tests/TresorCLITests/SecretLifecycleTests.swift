import Foundation
import Testing

/// `init`, `create`, `edit`, `delete`, `list`, `show` through the built binary.
@Suite struct SecretLifecycleTests {
    @Test func initCreatesVaultAndPrivateKeyAndRefusesToRunTwice() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        #expect(workspace.exists("vault/vault.yaml"))
        let keys = try FileManager.default.contentsOfDirectory(
            atPath: workspace.config.appendingPathComponent("tresor/keys").path)
        #expect(keys.count == 1)
        let keyPath = workspace.config.appendingPathComponent("tresor/keys/" + keys[0]).path
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions]
        #expect((mode as? Int) == 0o600)
        let again = try workspace.run(["init"])
        #expect(again.status == 3)
        #expect(again.stderr.contains("already exists"))
    }

    /// A key variable set at `init` would shadow the new key file for every later command:
    /// said so (a forty-fourth fresh tester found each later command stopping with exit 4).
    @Test func initWarnsOfAKeyVariableThatShadowsTheNewKey() throws {
        let workspace = try Workspace()
        let run = try workspace.run(
            ["init"], environment: ["TRESOR_KEY_FILE": "/nonexistent/other.key"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("TRESOR_KEY_FILE is set"), "\(run.stderr)")
    }

    /// A stamp made without an author from git is said (it said `unknown` without a word,
    /// and the hook then refused it; a forty-eighth fresh tester); with one, nothing is.
    @Test func aStampWithoutAGitAuthorIsSaid() throws {
        let plain = try Workspace()
        plain.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        plain.environment["EMAIL"] = nil
        try plain.initVault()
        let run = try plain.run(
            ["create", "API_TOKEN", "--display-name", "t", "--type", "token"], value: "fake-t1")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("git names no author"), "\(run.stderr)")
        let named = try Workspace.repository()
        try named.initVault()
        let quiet = try named.run(
            ["create", "API_TOKEN", "--display-name", "t", "--type", "token"], value: "fake-t2")
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("git names no author"), "\(quiet.stderr)")
        // From another repository, with --vault: the vault's repository names the author
        // (a forty-ninth fresh tester found the current folder's author stamped).
        try named.write("other/.keep", "")
        try named.git(["init", "-q", "other"])
        try named.git(["-C", "other", "config", "user.email", "someone-else@example.com"])
        let elsewhere = try named.run(
            [
                "create", "DB_TOKEN", "--display-name", "d", "--type", "token", "--vault",
                "../vault",
            ],
            input: Data("fake-t3".utf8), in: "other")
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let file = String(decoding: try named.read("vault/DB_TOKEN.yaml"), as: UTF8.self)
        #expect(file.contains("by: alice@example.com"), "\(file)")
        // With GIT_DIR exported for the other repository, too (a fiftieth fresh tester).
        let exported = try named.run(
            ["create", "DB_KEY", "--display-name", "d", "--type", "token", "--vault", "../vault"],
            input: Data("fake-t4".utf8), in: "other",
            environment: ["GIT_DIR": named.root.appendingPathComponent("other/.git").path])
        #expect(exported.status == 0, "\(exported.stderr)")
        let key = String(decoding: try named.read("vault/DB_KEY.yaml"), as: UTF8.self)
        #expect(key.contains("by: alice@example.com"), "\(key)")
        // A work tree apart from its git folder, both named by the variables: they name the
        // vault's own repository then (a fifty-first fresh tester).
        let split = try Workspace()
        try split.git(["init", "-q", "--bare", "store.git"])
        try split.git(["--git-dir=store.git", "config", "core.bare", "false"])
        try split.git(["--git-dir=store.git", "config", "user.email", "vault-local@example.com"])
        try split.write("W/.keep", "")
        let variables = [
            "GIT_DIR": split.root.appendingPathComponent("store.git").path,
            "GIT_WORK_TREE": split.root.appendingPathComponent("W").path,
            "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
        #expect(try split.run(["init"], in: "W", environment: variables).status == 0)
        let made = try split.run(
            ["create", "SPLIT_TOKEN", "--display-name", "s", "--type", "token"],
            input: Data("fake-t5".utf8), in: "W", environment: variables)
        #expect(made.status == 0, "\(made.stderr)")
        let stamped = String(decoding: try split.read("W/vault/SPLIT_TOKEN.yaml"), as: UTF8.self)
        #expect(stamped.contains("by: vault-local@example.com"), "\(stamped)")
    }

    @Test func pipedValueLosesOneTrailingNewlineAndFileValueIsExact() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        try workspace.run(
            ["create", "PIPED_TOKEN", "--display-name", "Piped", "--type", "token"],
            value: "fake-piped\r\n")
        try workspace.write("value.pem", "fake-line\n")
        try workspace.run([
            "create", "FILE_TOKEN", "--display-name", "From file", "--type", "token",
            "--value-file", "value.pem",
        ])
        try workspace.write(
            "in.json", #"{"a": "{{secret:PIPED_TOKEN}}", "b": "{{secret:FILE_TOKEN}}"}"#)
        let render = try workspace.run(["render", "in.json"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout == #"{"a": "fake-piped", "b": "fake-line\n"}"#)
    }

    /// A display name holding a C1 control (U+009B starts an escape on some terminals) is
    /// refused; one holding a bidirectional control or a backslash is kept, and `list` and
    /// `show` print it escaped (found by a second fresh tester: they printed it raw).
    @Test func displayNamesAreShownAsTerminalText() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let refused = try workspace.run(
            ["create", "C1_NAME", "--display-name", "evil\u{9B}31m", "--type", "token"],
            value: "fake-c1")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("without control characters"), "\(refused.stderr)")
        let kept = try workspace.run(
            ["create", "BIDI_NAME", "--display-name", "evil\u{202E}TXT \\ b", "--type", "token"],
            value: "fake-bidi")
        #expect(kept.status == 0, "\(kept.stderr)")
        for arguments in [["list"], ["show", "BIDI_NAME"]] {
            let run = try workspace.run(arguments)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(#"evil\u202eTXT \\ b"#), "\(arguments): \(run.stdout)")
            #expect(!run.stdout.unicodeScalars.contains("\u{202E}"))
        }
    }

    @Test func metadataEditLeavesTheValueLineByteForByte() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp-pass")])
        let before = try String(decoding: workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let edit = try workspace.run([
            "edit", "FTP_PASSWORD", "--display-name", "Partner FTP password", "--type", "other",
        ])
        #expect(edit.status == 0, "\(edit.stderr)")
        let after = try String(decoding: workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self)
        let valueLine = { (text: String) in
            text.split(separator: "\n").first { $0.hasPrefix("value:") }
        }
        #expect(valueLine(before) != nil)
        #expect(valueLine(before) == valueLine(after))
        #expect(after.contains("Partner FTP password"))
        #expect(after.contains("type: other"))
        // The same again changes nothing and writes nothing; a new type alone is the one
        // change reported.
        let same = try workspace.run([
            "edit", "FTP_PASSWORD", "--display-name", "Partner FTP password", "--type", "other",
        ])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stderr.contains("nothing changed"), "\(same.stderr)")
        #expect(
            try String(decoding: workspace.read("vault/FTP_PASSWORD.yaml"), as: UTF8.self) == after)
        let typeOnly = try workspace.run([
            "edit", "FTP_PASSWORD", "--display-name", "Partner FTP password", "--type", "password",
        ])
        #expect(
            typeOnly.stderr.contains("updated FTP_PASSWORD in vault: type\n"), "\(typeOnly.stderr)")
    }

    @Test func newValueReplacesTheOldOne() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("API_TOKEN", "token", "fake-old")])
        let edit = try workspace.run(["edit", "API_TOKEN", "--new-value"], value: "fake-new\n")
        #expect(edit.status == 0, "\(edit.stderr)")
        try workspace.write("in.json", #"{"t": "{{secret:API_TOKEN}}"}"#)
        #expect(try workspace.run(["render", "in.json"]).stdout == #"{"t": "fake-new"}"#)
    }

    @Test func createRefusesDuplicatesBadNamesTypesAndValues() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("DB_PASSWORD", "password", "fake-db")])
        let args = { (name: String, type: String) in
            ["create", name, "--display-name", "X", "--type", type]
        }
        #expect(try workspace.run(args("DB_PASSWORD", "password"), value: "x").status == 1)
        #expect(try workspace.run(args("db_password", "password"), value: "x").status == 2)
        #expect(try workspace.run(args("VAULT", "password"), value: "x").status == 2)
        #expect(try workspace.run(args("DB_PORT", "socket"), value: "5432").status == 2)
        #expect(try workspace.run(args("DB_PORT", "port"), value: "70000").status == 1)
        #expect(try workspace.run(args("DB_URL", "url"), value: "not a url").status == 1)
        #expect(try workspace.run(args("DB_CERT", "certificate"), value: "x").status == 1)
        #expect(try workspace.run(args("NUL_VALUE", "other"), value: "a\u{0}b").status == 1)
        #expect(try workspace.run(args("DB_PORT", "port"), value: "5432").status == 0)
    }

    @Test func deleteShowsUsageAndThenRenderFailsWithSecretNotFound() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("OLD_TOKEN", "token", "fake-old-token")])
        try workspace.write(
            "processes/p/t.json", #"{"auth": {"token": "{{secret:OLD_TOKEN}}"}}"#)
        let refused = try workspace.run(["delete", "OLD_TOKEN"])
        #expect(refused.status == 2)
        let delete = try workspace.run(["delete", "OLD_TOKEN", "--yes"])
        #expect(delete.status == 0, "\(delete.stderr)")
        // Named from the current folder, as `validate` names them, not by whole paths.
        #expect(delete.stderr.contains("tresor:   processes/p/t.json:1:"), "\(delete.stderr)")
        #expect(!delete.stderr.contains(workspace.root.path), "\(delete.stderr)")
        #expect(!workspace.exists("vault/OLD_TOKEN.yaml"))
        let render = try workspace.run(["render", "processes/p/t.json"])
        #expect(render.status == 1)
        #expect(render.stderr.contains("secret not found: OLD_TOKEN"))
        #expect(render.stderr.contains("process p, task t, field auth.token"))
    }

    /// A process folder named by vault.yaml or `--processes` that is not there is refused:
    /// "not used by any process" let a secret still in use be deleted (found by a
    /// forty-fourth fresh tester). A missing default folder is a vault without processes,
    /// said as such.
    @Test func deleteRefusesWhenTheNamedProcessFolderIsMissing() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("OLD_TOKEN", "token", "fake-old-token"), ("NEW_TOKEN", "token", "fake-new-token"),
        ])
        let text = String(decoding: try workspace.read("vault/vault.yaml"), as: UTF8.self)
        try workspace.write(
            "vault/vault.yaml",
            text.replacingOccurrences(of: "processes: processes/", with: "processes: procesess/"))
        let typo = try workspace.run(["delete", "OLD_TOKEN", "--yes"])
        #expect(typo.status == 2, "\(typo.stderr)")
        #expect(typo.stderr.contains("nothing was deleted"), "\(typo.stderr)")
        #expect(workspace.exists("vault/OLD_TOKEN.yaml"))
        let flag = try workspace.run(["delete", "OLD_TOKEN", "--yes", "--processes", "gone"])
        #expect(flag.status == 2, "\(flag.stderr)")
        #expect(workspace.exists("vault/OLD_TOKEN.yaml"))
        try workspace.write("vault/vault.yaml", text)
        let plain = try workspace.run(["delete", "NEW_TOKEN", "--yes"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("no process was checked"), "\(plain.stderr)")
        #expect(!plain.stderr.contains("not used by any process"), "\(plain.stderr)")
        #expect(!plain.stderr.contains("0 places"), "\(plain.stderr)")
    }

    @Test func listAndShowPrintMetadataOnly() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [
            ("FTP_PASSWORD", "password", "fake-canary-ftp"),
            ("CRM_API_KEY", "api-key", "fake-canary-crm"),
        ])
        let list = try workspace.run(["list", "ftp"])
        #expect(list.stdout.contains("FTP_PASSWORD"))
        #expect(!list.stdout.contains("CRM_API_KEY"))
        let typed = try workspace.run(["list", "--type", "api-key", "--json"])
        let json = try JSONSerialization.jsonObject(with: typed.stdoutBytes) as? [[String: Any]]
        #expect(json?.map { $0["name"] as? String } == ["CRM_API_KEY"])
        let show = try workspace.run(["show", "CRM_API_KEY"])
        #expect(show.stdout.contains("api-key"))
        #expect(show.stdout.contains("tester"))
        for run in [list, typed, show] { #expect(!run.output.contains("fake-canary")) }
    }
}

/// Values and vault files the tool must refuse or recover from.
@Suite struct VaultEdgeTests {
    @Test func emptyAndOversizeValuesAreRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let args = ["create", "EMPTY_TOKEN", "--display-name", "E", "--type", "token"]
        #expect(try workspace.run(args).status == 1)
        let empty = try workspace.run(args, value: "\n")
        #expect(empty.status == 1)
        // How to give a value (an empty one had no hint; found by a twenty-fifth tester).
        #expect(empty.stderr.contains("refused: it is empty"), "\(empty.stderr)")
        #expect(empty.stderr.contains("hint: pipe the value in"), "\(empty.stderr)")
        try workspace.write("big", Data(repeating: 0x66, count: 600_000))
        let big = try workspace.run(
            [
                "create", "BIG_TOKEN", "--display-name", "B", "--type", "token", "--value-file",
                "big",
            ])
        // A value too long is refused alike however it comes: exit 1, the value rule's
        // words (a file or a flood on standard input was exit 6; found by a fresh tester).
        let overLimit = 512 * 1024 + 1
        let piped = try workspace.run(
            ["create", "BIG_TOKEN", "--display-name", "B", "--type", "token"],
            input: Data(repeating: 0x66, count: overLimit + 2))
        for run in [big, piped] {
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("the value for BIG_TOKEN is refused"), "\(run.stderr)")
        }
        try workspace.write("just-over", Data(repeating: 0x66, count: overLimit))
        let justOver = try workspace.run([
            "create", "BIG_TOKEN", "--display-name", "B", "--type", "token", "--value-file",
            "just-over",
        ])
        #expect(justOver.status == 1, "\(justOver.stderr)")
        #expect(
            !workspace.exists("vault/EMPTY_TOKEN.yaml") && !workspace.exists("vault/BIG_TOKEN.yaml")
        )
        // A value file may be a pipe (`--value-file <(command)`), read byte for byte.
        let fromPipe = try workspace.run(
            [
                "create", "PIPE_FILE_TOKEN", "--display-name", "P", "--type", "token",
                "--value-file", "/dev/stdin",
            ], value: "fake-through-a-pipe\n")
        #expect(fromPipe.status == 0, "\(fromPipe.stderr)")
        try workspace.write("in.json", #"{"a": "{{secret:PIPE_FILE_TOKEN}}"}"#)
        #expect(
            try workspace.run(["render", "in.json"]).stdout == #"{"a": "fake-through-a-pipe\n"}"#)
        try workspace.write("large", Data(repeating: 0x66, count: 500_000))
        let large = try workspace.run([
            "create", "LARGE_TOKEN", "--display-name", "L", "--type", "token", "--value-file",
            "large",
        ])
        #expect(large.status == 0)
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func malformedSecretFileCanBeDeletedAndLinksAreRefused() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("GOOD_TOKEN", "token", "fake-good")])
        try workspace.write("vault/BROKEN_TOKEN.yaml", "name: BROKEN_TOKEN\nvalue: [\n")
        #expect(try workspace.run(["show", "BROKEN_TOKEN"]).status == 3)
        #expect(try workspace.run(["delete", "BROKEN_TOKEN", "--yes"]).status == 0)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.root.appendingPathComponent("vault/LINKED_TOKEN.yaml").path,
            withDestinationPath: "GOOD_TOKEN.yaml")
        let linked = try workspace.run(["show", "LINKED_TOKEN"])
        #expect(linked.status == 3)
        #expect(linked.stderr.contains("symbolic link"))
        #expect(try workspace.run(["validate"]).status == 1)
    }

    @Test func unreadProcessFilesAreReported() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("GOOD_TOKEN", "token", "fake-good")])
        try workspace.write("processes/notes.xml", "<a>{{secret:GOOD_TOKEN}}</a>")
        try workspace.write("elsewhere.json", #"{"a": "{{secret:MISSING}}"}"#)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.root.appendingPathComponent("processes/linked.json").path,
            withDestinationPath: workspace.root.appendingPathComponent("elsewhere.json").path)
        let validate = try workspace.run(["validate"])
        #expect(validate.stderr.contains("processes/notes.xml:1:1: unread-file"))
        #expect(validate.stderr.contains("processes/linked.json:1:1: unread-file"))
        let render = try workspace.run(["render", ".", "--out", "../out"], in: "processes")
        #expect(render.stderr.contains("unread-file"), "\(render.stderr)")
    }
}
