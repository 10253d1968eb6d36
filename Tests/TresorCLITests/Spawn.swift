import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a process with every signal unblocked and at its default action. Foundation's
/// `Process` passes on the signal mask of the thread that starts it, and test threads
/// block SIGINT, SIGTERM and SIGHUP, which would keep a script's traps from ever running.
enum Spawn {
    static func start(
        _ executable: String, _ arguments: [String], in folder: String,
        environment: [String: String]
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // `sh` changes to the folder and then becomes the program: the test process's own
        // working folder is never touched, since other tests run beside it.
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder, executable]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        return pid
    }

    /// The exit status of `pid`, or 128 + the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}
