#if canImport(Glibc)
    import Glibc
#endif

/// The three pipes between `tresor` and a child `git`: standard input, output and error.
/// Descriptors are close-on-exec; `posix_spawn`'s `dup2` gives the child its own copies.
struct Pipes {
    struct Pair {
        var read: Int32
        var write: Int32
    }

    var input: Pair
    var output: Pair
    var error: Pair

    init() throws(GitError) {
        input = try Self.pair()
        output = try Self.pair()
        error = try Self.pair()
        // A child that exits before reading all its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        _ = fcntl(input.write, F_SETFL, fcntl(input.write, F_GETFL) | O_NONBLOCK)
    }

    private static func pair() throws(GitError) -> Pair {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw .failed("(pipe)", status: errno, reason: "") }
        // pipe2 does not import; no other thread of tresor spawns in between.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return Pair(read: descriptors[0], write: descriptors[1])
    }

    /// Closes the ends the child uses, once it has its copies.
    mutating func closeChildEnds() {
        Self.close(&input.read)
        Self.close(&output.write)
        Self.close(&error.write)
    }

    /// Ends the child's standard input.
    mutating func closeInput() { Self.close(&input.write) }

    mutating func closeAll() {
        for descriptor in [\Pipes.input.read, \.input.write, \.output.read, \.output.write] {
            Self.close(&self[keyPath: descriptor])
        }
        Self.close(&error.read)
        Self.close(&error.write)
    }

    private static func close(_ descriptor: inout Int32) {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}
