#if canImport(Glibc)
    import Glibc
#endif

/// Runs one `git` command without Foundation's `Process`: `posix_spawn`, three pipes, and
/// a `poll` loop that writes standard input while reading both outputs, so a command that
/// answers while it reads (`cat-file --batch`) can never deadlock on a full pipe.
///
/// The child inherits the environment, so inside a hook git's own variables
/// (`GIT_INDEX_FILE`, `GIT_DIR`) reach it and it reads the index the commit is made from.
/// Replacement refs are never used: one made a key-swap commit look like a first commit,
/// and `verify` passed it where CI fetched `refs/replace/*` (found by a thirty-second
/// fresh tester).
struct GitProcess {
    /// Standard error beyond this is dropped; only its first line is ever shown.
    static let errorLimit = 64 * 1024

    let folder: String

    /// What a finished command left: its status and both outputs.
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]

        /// git's first line of standard error, for messages.
        var reason: String {
            let line = stderr.split(separator: 0x0A).first.map(Array.init) ?? []
            return String(decoding: line.prefix(200), as: UTF8.self)
        }
    }

    /// Runs `git -C folder ARGUMENTS` with `input` on standard input.
    func run(_ arguments: [String], input: [UInt8] = []) throws(GitError) -> Output {
        var pipes = try Pipes()
        defer { pipes.closeAll() }
        let pid = try spawn(["git", "--no-replace-objects", "-C", folder] + arguments, pipes)
        pipes.closeChildEnds()
        var output = Output(status: 0, stdout: [], stderr: [])
        pump(&pipes, input: input, into: &output)
        output.status = wait(pid)
        return output
    }

    /// `run`, throwing unless git succeeded.
    func checked(_ arguments: [String], input: [UInt8] = []) throws(GitError) -> [UInt8] {
        let output = try run(arguments, input: input)
        guard output.status == 0 else {
            throw .failed(arguments.first ?? "", status: output.status, reason: output.reason)
        }
        return output.stdout
    }

    private func spawn(_ arguments: [String], _ pipes: Pipes) throws(GitError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes.input.read, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes.output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, pipes.error.write, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // From an absolute folder of PATH only (see ``ExecutableSearch``).
        guard let git = ExecutableSearch.git else { throw .notFound }
        var pid = pid_t()
        let status = posix_spawn(&pid, git, &actions, nil, argv, environ)
        guard status == 0 else { throw .notFound }
        return pid
    }

    /// Writes `input` and reads both outputs until the child closes them.
    private func pump(_ pipes: inout Pipes, input: [UInt8], into output: inout Output) {
        var written = 0
        if input.isEmpty { pipes.closeInput() }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while pipes.output.read >= 0 || pipes.error.read >= 0 {
            var fds = [
                pollfd(fd: pipes.input.write, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: pipes.output.read, events: Int16(POLLIN), revents: 0),
                pollfd(fd: pipes.error.read, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&fds, 3, -1) >= 0 else {
                if errno == EINTR { continue }
                return
            }
            if fds[0].revents != 0 {
                written += writeSome(pipes.input.write, input, from: written)
                if written >= input.count || fds[0].revents & Int16(POLLERR) != 0 {
                    pipes.closeInput()
                }
            }
            if fds[1].revents != 0 { readSome(&pipes.output.read, &buffer, &output.stdout) }
            if fds[2].revents != 0 { readSome(&pipes.error.read, &buffer, &output.stderr) }
            if output.stderr.count > Self.errorLimit {
                output.stderr.removeLast(output.stderr.count - Self.errorLimit)
            }
        }
    }

    private func writeSome(_ descriptor: Int32, _ input: [UInt8], from offset: Int) -> Int {
        let count = input.withUnsafeBytes { raw in
            write(descriptor, raw.baseAddress! + offset, min(raw.count - offset, 64 * 1024))
        }
        return count > 0 ? count : (errno == EAGAIN || errno == EINTR ? 0 : input.count)
    }

    /// Reads what is there; closes `descriptor` (setting it to -1) at end of file.
    private func readSome(
        _ descriptor: inout Int32, _ buffer: inout [UInt8], _ into: inout [UInt8]
    ) {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { return into.append(contentsOf: buffer[0..<count]) }
        if count < 0, errno == EINTR || errno == EAGAIN { return }
        close(descriptor)
        descriptor = -1
    }

    private func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros do not import into Swift.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
