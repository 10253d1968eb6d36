#if canImport(Glibc)
    import Glibc
#endif

/// Runs `TRESOR_KEY_COMMAND` to get the master key from where an organisation keeps keys:
/// a KMS or secret-store CLI, or `gpg --decrypt` of a wrapped key file.
///
/// The command is taken only from the process environment, never from a file in the
/// repository, so a cloned repository cannot make `tresor` run anything. It runs as
/// `/bin/sh -c COMMAND` with `TRESOR_KEY_ID` set to the key id wanted (so one command can
/// serve several vaults, or both keys during a rekey), standard input from `/dev/null`
/// (standard input may be a document `render -` is reading), standard error passed
/// through (prompts and errors of the tool), and standard output read into wiped memory.
enum KeyCommand {
    /// The command's output, at most `limit` bytes, after it exited with status 0.
    // Limitation: no time limit; a command that hangs (a pinentry nobody sees) hangs tresor,
    // and so does a background child holding its output (read to its end, not the exit).
    static func run(
        _ command: String, keyID: KeyID, environment: [String: String], limit: Int
    ) throws(KeyError) -> SecretBytes {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw .commandFailed(reason: errorText()) }
        // Neither end may leak into other children; the command gets its copy as fd 1.
        _ = fcntl(pipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipe[1], F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do throws(KeyError) {
            pid = try spawn(command, keyID: keyID, environment: environment, output: pipe[1])
        } catch {
            close(pipe[0])
            close(pipe[1])
            throw error
        }
        close(pipe[1])
        let output = read(pipe[0], limit: limit)
        close(pipe[0])
        let status = wait(pid)
        // Said first: a command cut off after too much output dies of SIGPIPE.
        guard let output else { throw .commandFailed(reason: "more than \(limit) bytes of output") }
        guard status == 0 else {
            throw .commandFailed(
                reason: status > 128
                    ? "killed by signal \(status - 128)"
                    : "exit status \(status)")
        }
        return output
    }

    private static func spawn(
        _ command: String, keyID: KeyID, environment: [String: String], output: Int32
    ) throws(KeyError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        var variables = environment
        variables["TRESOR_KEY_ID"] = keyID.text
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard status == 0 else {
            throw .commandFailed(reason: String(cString: strerror(status)))
        }
        return pid
    }

    /// Everything the command writes, into wiped memory; nil when it is more than `limit`.
    /// Reading stops one byte past the limit: the caller then closes the pipe, and a
    /// command that goes on writing ends with SIGPIPE (one that printed without end, `yes`,
    /// was drained a byte at a time, for ever; found by a fresh tester).
    private static func read(_ fd: Int32, limit: Int) -> SecretBytes? {
        try? SecretBytes(capacity: limit + 1) { buffer throws(KeyError) in
            var used = 0
            while used < buffer.count {
                let got = Glibc.read(fd, buffer.baseAddress! + used, buffer.count - used)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                used += got
            }
            guard used <= limit else { throw .tooLarge(path: "TRESOR_KEY_COMMAND") }
            return used
        }
    }

    /// The exit status, or 128 + the signal that ended the command.
    private static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
