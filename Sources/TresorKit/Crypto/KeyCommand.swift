import CTresorFiles

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
    /// The seconds a command may take when `TRESOR_KEY_COMMAND_TIMEOUT` does not say:
    /// long enough for a person to answer a pinentry or touch a hardware key, short enough
    /// that a deploy job whose command hangs fails instead of waiting for its CI's limit.
    static let defaultTimeout = 120
    /// The most `TRESOR_KEY_COMMAND_TIMEOUT` may say: a day.
    static let maximumTimeout = 86_400

    /// The command's output, at most `limit` bytes, after it exited with status 0, within
    /// `timeout` seconds; a command still running then is killed. Output is read until its
    /// end, or until the command has exited and nothing more is waiting: a background
    /// child the command left may hold the pipe open for as long as it runs.
    static func run(
        _ command: String, keyID: KeyID, environment: [String: String], limit: Int,
        timeout: Int = defaultTimeout
    ) throws(KeyError) -> SecretBytes {
        // A signal while the command runs stops it and all it started, then ends `tresor`.
        try SignalCleanup.deferringSignals { () throws(KeyError) in
            try runDeferred(
                command, keyID: keyID, environment: environment, limit: limit, timeout: timeout)
        }
    }

    private static func runDeferred(
        _ command: String, keyID: KeyID, environment: [String: String], limit: Int,
        timeout: Int
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
        var reader = OutputReader(
            fd: pipe[0], pid: pid, deadline: MonotonicClock.seconds() + Double(timeout))
        let output = reader.read(limit: limit)
        close(pipe[0])
        // Its output is done with; the command's end is waited for under the same watch
        // for a signal and the clock (a command that closed its output and slept on held
        // a signal and the time limit off; found by a twenty-sixth fresh tester). One
        // that wrote too much has failed already: it is stopped at once.
        if output == nil, reader.status == nil {
            ProcessTree.kill(pid)
            _ = wait(pid)
            throw .commandFailed(reason: "more than \(limit) bytes of output")
        }
        reader.awaitExit()
        if reader.interrupted {
            if reader.status == nil {
                ProcessTree.kill(pid)
                _ = wait(pid)
            }
            // The signal is acted on as the deferral ends; nothing comes of this error.
            throw .commandFailed(reason: "stopped by a signal")
        }
        if reader.timedOut {
            // Only a command not yet waited for: a PID waited for may be another's now. What
            // it started goes too (a shell forks even for a single command).
            if reader.status == nil {
                ProcessTree.kill(pid)
                _ = wait(pid)
            }
            throw .commandFailed(
                reason: "no key within \(timeout) s (TRESOR_KEY_COMMAND_TIMEOUT); it was stopped")
        }
        let status = reader.status ?? 128 + SIGKILL
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

    /// The seconds `TRESOR_KEY_COMMAND_TIMEOUT` in `variables` allows, or the default.
    static func timeout(in variables: [String: String]) throws(KeyError) -> Int {
        let name = "TRESOR_KEY_COMMAND_TIMEOUT"
        guard let text = variables[name] else { return defaultTimeout }
        // Digits only: `Int` also takes `+5`, which no other tool would read as a number.
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let seconds = Int(text),
            (1...maximumTimeout).contains(seconds)
        else {
            throw .invalidTimeout(name, maximum: maximumTimeout)
        }
        return seconds
    }

    private static func spawn(
        _ command: String, keyID: KeyID, environment: [String: String], output: Int32
    ) throws(KeyError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        // Nothing else of `tresor`'s: a descriptor its own caller left open without
        // close-on-exec (a pipe it waits on for the end of `tresor`'s output) would be held
        // open by anything the command leaves running.
        _ = tresor_spawn_close_from(&actions, 3)
        var variables = environment
        // No key variable reaches the command, its own included, as for every command
        // `tresor` starts (found by a seventh fresh tester).
        for name in KeyStore.variableNames { variables[name] = nil }
        variables["TRESOR_KEY_ID"] = keyID.text
        // Only PATH's absolute folders: an empty or relative entry finds programs in the
        // repository, whose `gpg` would have run as the key command (found by a fresh
        // tester).
        if let path = variables["PATH"] {
            variables["PATH"] = ExecutableSearch.absoluteFolders(of: path)
        }
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

    /// The exit status, or 128 + the signal that ended the command.
    fileprivate static func wait(_ pid: pid_t, options: Int32 = 0) -> Int32? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, options) } while result < 0 && errno == EINTR
        guard result == pid else { return nil }
        return exitStatus(status)
    }

    /// A `waitpid` status as the exit status, or 128 + the signal that ended the command.
    fileprivate static func exitStatus(_ raw: Int32) -> Int32 {
        raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Reads a key command's output into wiped memory, watching the command and the clock.
private struct OutputReader {
    let fd: Int32
    let pid: pid_t
    let deadline: Double
    /// The command's exit status, once it was seen to exit while its output stayed open.
    private(set) var status: Int32?
    private(set) var timedOut = false
    /// True when a signal came while reading (see ``SignalCleanup``).
    private(set) var interrupted = false

    init(fd: Int32, pid: pid_t, deadline: Double) {
        self.fd = fd
        self.pid = pid
        self.deadline = deadline
    }

    /// Waits for the command to exit, looking every 10 ms, unless a signal came or the
    /// time is up first (``interrupted``, ``timedOut``).
    mutating func awaitExit() {
        while status == nil, !interrupted, !timedOut {
            if SignalCleanup.signalPending {
                interrupted = true
            } else if MonotonicClock.seconds() >= deadline {
                timedOut = true
            } else {
                var raw: Int32 = 0
                let result = waitpid(pid, &raw, WNOHANG)
                if result == pid {
                    status = KeyCommand.exitStatus(raw)
                } else if result < 0, errno != EINTR {
                    // Reaped already (SIGCHLD ignored by whoever started `tresor`): its
                    // status is lost, and the command counts as failed.
                    status = 128 + SIGKILL
                } else {
                    usleep(10_000)
                }
            }
        }
    }

    /// Everything the command writes; nil when it is more than `limit`. Reading stops one
    /// byte past the limit: the caller then closes the pipe, and a command that goes on
    /// writing ends with SIGPIPE (one that printed without end, `yes`, was drained a byte at
    /// a time, for ever; found by a fresh tester). While nothing comes, the command is
    /// looked at every 100 ms: once it has exited, what is waiting is read and no more.
    mutating func read(limit: Int) -> SecretBytes? {
        try? SecretBytes(capacity: limit + 1) { buffer throws(KeyError) in
            var used = 0
            while used < buffer.count {
                if SignalCleanup.signalPending {
                    interrupted = true
                    break
                }
                let left = deadline - MonotonicClock.seconds()
                guard left > 0 else {
                    timedOut = true
                    break
                }
                var watched = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let wait = status == nil ? Int32(min(left, 0.1) * 1000) + 1 : 0
                let ready = poll(&watched, 1, wait)
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 {
                    if status != nil { break }
                    status = KeyCommand.wait(pid, options: WNOHANG)
                    continue
                }
                let got = Glibc.read(fd, buffer.baseAddress! + used, buffer.count - used)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                used += got
            }
            guard used <= limit else { throw .tooLarge(path: "TRESOR_KEY_COMMAND") }
            return used
        }
    }
}
