import Testing

/// Too few open files: a soft limit is raised, a hard one too low is said with exit 6
/// (found by a thirty-fifth fresh tester: libdispatch trapped, SIGILL and no message).
@Suite struct OpenFileLimitTests {
    /// `tresor ARGUMENTS` run by sh after `ulimit LIMIT`.
    private func run(_ workspace: Workspace, limit: String, _ arguments: [String]) throws
        -> Workspace.Run
    {
        try workspace.run(
            ["-c", "ulimit \(limit) && exec \"$0\" \"$@\"", Workspace.binary] + arguments,
            executable: "/bin/sh")
    }

    @Test func aLowSoftLimitIsRaisedAndALowHardOneSaid() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("FTP_PASSWORD", "password", "fake-ftp")])
        for index in 0..<8 {
            try workspace.write(
                "processes/p\(index)/t.json", #"{"password": "{{secret:FTP_PASSWORD}}"}"#)
        }
        let soft = try run(workspace, limit: "-S -n 5", ["validate"])
        #expect(soft.status == 0, "\(soft.output)")
        let hard = try run(workspace, limit: "-n 5", ["validate"])
        #expect(hard.status == 6, "\(hard.output)")
        #expect(hard.stderr.contains("the limit of open files (ulimit -n) is 5"), "\(hard.stderr)")
        #expect(hard.stderr.contains("ulimit -n 64"), "\(hard.stderr)")
        let render = try run(workspace, limit: "-n 16", ["render", "processes", "--out", "out"])
        #expect(render.status == 0, "\(render.output)")
    }
}
