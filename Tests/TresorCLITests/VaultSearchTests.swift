import Foundation
import Testing

/// How commands find the vault without `--vault`: as git finds its repository, up to the
/// top of the work tree they run in, and only a vault that is the user's own. A `vault/`
/// planted above the repository, or one anyone may write to, got the values `create`
/// sealed to its key (found by a fresh tester).
@Suite struct VaultSearchTests {
    /// A vault in the workspace's top folder and a git repository two folders below it.
    func nested() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault()
        try workspace.write("outer/inner/.keep", "")
        let git = try workspace.run(
            ["init", "-q", "outer/inner"], executable: "/usr/bin/git")
        #expect(git.status == 0, "\(git.stderr)")
        return workspace
    }

    @Test func theSearchEndsAtTheTopOfTheRepository() throws {
        let workspace = try nested()
        let created = try workspace.run(
            ["create", "ABOVE", "--type", "password", "--display-name", "x"],
            input: Data("fake-above-1".utf8), in: "outer/inner")
        #expect(created.status == 3, "\(created.output)")
        #expect(
            created.stderr.contains(
                "a parent folder up to \(workspace.root.path)/outer/inner, the top of its git "
                    + "repository"), "\(created.stderr)")
        #expect(!workspace.exists("vault/ABOVE.yaml"))
        // Outside the repository the vault above is found, and named.
        let outside = try workspace.run(
            ["create", "BESIDE", "--type", "password", "--display-name", "x"],
            input: Data("fake-beside-1".utf8), in: "outer")
        #expect(outside.status == 0, "\(outside.output)")
        #expect(
            outside.stderr.contains("created BESIDE (password) in \(workspace.root.path)/vault"))
    }

    @Test func aVaultAnyoneMayWriteToIsNotTakenUnlessNamed() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let vault = workspace.root.appendingPathComponent("vault").path
        #expect(chmod(vault, 0o777) == 0)
        let list = try workspace.run(["list"])
        #expect(list.status == 3)
        #expect(
            list.stderr.contains("not using the vault found at \(vault): every user may write"),
            "\(list.stderr)")
        #expect(list.stderr.contains("pass --vault \(vault)"))
        #expect(try workspace.run(["list", "--vault", vault]).status == 0)
    }

    /// Ownership can be given away by root only: the test needs it, as CI runs.
    @Test func aVaultOfAnotherUserIsNotTaken() throws {
        try #require(geteuid() == 0, "changing a folder's owner needs root")
        let workspace = try Workspace()
        try workspace.initVault()
        let vault = workspace.root.appendingPathComponent("vault").path
        #expect(chown(vault, 65_534, 65_534) == 0)
        let list = try workspace.run(["list"])
        #expect(list.status == 3)
        #expect(list.stderr.contains("it belongs to another user (uid 65534)"), "\(list.stderr)")
    }

    /// Its vault.yaml counts too, and a group that may write: unless it is the owner's own
    /// private group (a umask of 002 makes every folder so), its members could replace
    /// vault.yaml with one naming their key (found by a second fresh tester).
    @Test func aVaultFileOthersMayWriteIsNotTaken() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let file = workspace.root.appendingPathComponent("vault/vault.yaml").path
        #expect(chmod(file, 0o646) == 0)
        let list = try workspace.run(["list"])
        #expect(list.status == 3)
        #expect(list.stderr.contains("every user may write to its vault.yaml"), "\(list.stderr)")
    }

    @Test func aVaultItsGroupMayWriteIsTakenOnlyForAPrivateGroup() throws {
        try #require(geteuid() == 0, "changing a folder's group needs root")
        let workspace = try Workspace()
        try workspace.initVault()
        let vault = workspace.root.appendingPathComponent("vault").path
        #expect(chmod(vault, 0o775) == 0)
        // Root's own group, which lists no members.
        #expect(chown(vault, 0, 0) == 0)
        #expect(try workspace.run(["list"]).status == 0)
        #expect(chown(vault, 0, 65_534) == 0)
        let shared = try workspace.run(["list"])
        #expect(shared.status == 3)
        #expect(
            shared.stderr.contains("the users of group 65534 may write to it"), "\(shared.stderr)")
    }

    /// An access control list that lets another user write: the group bits are its mask,
    /// and the group was the owner's private group, so the vault passed (found by a fresh
    /// tester). `setfacl` comes from Debian's acl package, which `make test` installs.
    @Test func aVaultAnAccessControlListLetsOthersWriteIsNotTaken() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let file = workspace.root.appendingPathComponent("vault/vault.yaml").path
        let grant = try workspace.run(
            ["-m", "u:65534:rw", file], executable: "/usr/bin/setfacl")
        try #require(grant.status == 0, "setfacl: \(grant.stderr)")
        let list = try workspace.run(["list"])
        #expect(list.status == 3)
        #expect(
            list.stderr.contains("an access control list lets other users write to its vault.yaml"),
            "\(list.stderr)")
        #expect(try workspace.run(["list", "--vault", "vault"]).status == 0)
        // A list that lets another user read only is fine, also on a folder its private
        // group may write (umask 002), whose mask then shows write (found by the next).
        #expect(try workspace.run(["-b", file], executable: "/usr/bin/setfacl").status == 0)
        let vault = workspace.root.appendingPathComponent("vault").path
        #expect(chmod(vault, 0o775) == 0)
        let reader = try workspace.run(["-m", "u:65534:rx", vault], executable: "/usr/bin/setfacl")
        #expect(reader.status == 0, "\(reader.stderr)")
        let read = try workspace.run(["list"])
        #expect(read.status == 0, "\(read.stderr)")
        let writer = try workspace.run(
            ["-m", "u:65534:rwx", vault], executable: "/usr/bin/setfacl")
        #expect(writer.status == 0, "\(writer.stderr)")
        #expect(try workspace.run(["list"]).stderr.contains("an access control list lets"))
    }

    /// A vault in a sub-folder of a repository is named by its whole path when a secret is
    /// created in it: "in vault" read as the repository's own (found by a fresh tester).
    /// Found by searching, it is refused: a planted one took the values of commands run
    /// below it (found by a twenty-ninth fresh tester); named with --vault, it is used.
    @Test func aSecretCreatedInANestedVaultNamesItsWholePath() throws {
        let workspace = try Workspace.repository()
        try workspace.initVault()
        try workspace.write("processes/.keep", "")
        #expect(try workspace.run(["init"], in: "processes").status == 0)
        let found = try workspace.run(
            ["create", "API_TOKEN", "--type", "token", "--display-name", "x"],
            input: Data("fake-nested-789".utf8), in: "processes")
        #expect(found.status == 3 && found.stderr.contains("pass --vault"), "\(found.stderr)")
        let nested = workspace.root.appendingPathComponent("processes/vault").path
        let run = try workspace.run(
            ["create", "API_TOKEN", "--type", "token", "--display-name", "x", "--vault", nested],
            input: Data("fake-nested-789".utf8), in: "processes")
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.stderr.contains("in \(workspace.root.path)/processes/vault, sealed"),
            "\(run.stderr)")
        let top = try workspace.run(
            ["create", "TOP_TOKEN", "--type", "token", "--display-name", "x"],
            input: Data("fake-top-789".utf8))
        #expect(top.stderr.contains("created TOP_TOKEN (token) in vault, sealed"), "\(top.stderr)")
    }

    @Test func initBelowTheTopOfARepositorySaysTheHookDoesNotCheckIt() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["init", "-q"], executable: "/usr/bin/git").status == 0)
        try workspace.write("sub/.keep", "")
        let run = try workspace.run(["init"], in: "sub")
        #expect(run.status == 0, "\(run.output)")
        #expect(
            run.stderr.contains("the vault is not at the top of its git repository"),
            "\(run.stderr)")
        #expect(run.stderr.contains("the pre-commit hook does not check it"))
        #expect(run.stderr.contains("commands find it only when run here or below"))
        let top = try Workspace()
        #expect(try top.run(["init", "-q"], executable: "/usr/bin/git").status == 0)
        #expect(!(try top.run(["init"]).stderr.contains("warning")))
        // A vault of another name is found by no search (found by the next tester).
        let named = try Workspace()
        #expect(try named.run(["init", "-q"], executable: "/usr/bin/git").status == 0)
        let secrets = try named.run(["init", "--vault", "secrets"])
        #expect(secrets.status == 0, "\(secrets.output)")
        #expect(
            secrets.stderr.contains(
                "the one the pre-commit hook checks, and commands find it "
                    + "only with --vault"), "\(secrets.stderr)")
    }
}
