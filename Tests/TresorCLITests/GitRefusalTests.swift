import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Why git would not work is said as it is: a bare repository, one another user owns, a
/// detached HEAD with no range (found by a thirty-fifth fresh tester: the first two were
/// "not inside a git repository", the third spoke of a current branch).
@Suite struct GitRefusalTests {
    private func committedRepository() throws -> Workspace {
        let workspace = try Workspace.repository()
        try workspace.write("f.txt", "x")
        try workspace.commitAll("first")
        return workspace
    }

    @Test func aBareRepositoryIsNamedAsOne() throws {
        let workspace = try committedRepository()
        try workspace.git(["clone", "-q", "--bare", ".", "bare.git"])
        let run = try workspace.run(["verify", "HEAD"], in: "bare.git")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stderr.contains("is in a bare repository"), "\(run.stderr)")
        #expect(run.stderr.contains("git clone"), "\(run.stderr)")
    }

    @Test func aRepositoryAnotherUserOwnsIsNamedWithTheFix() throws {
        // Only root can give the checkout to another user; elsewhere there is no case.
        guard geteuid() == 0 else { return }
        let workspace = try committedRepository()
        #expect(chown(workspace.root.path, 65534, 65534) == 0)
        let run = try workspace.run(["hook", "pre-commit"])
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stderr.contains("another user owns it"), "\(run.stderr)")
        #expect(run.stderr.contains("safe.directory \(workspace.root.path)"), "\(run.stderr)")
        #expect(chown(workspace.root.path, 0, 0) == 0)
    }

    @Test func aDetachedHeadWithoutARangeAsksForOne() throws {
        let workspace = try committedRepository()
        try workspace.git(["checkout", "-q", "--detach", "HEAD"])
        let run = try workspace.run(["verify"])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("HEAD is detached"), "\(run.stderr)")
        #expect(run.stderr.contains("tresor verify origin/main..HEAD"), "\(run.stderr)")
    }
}
