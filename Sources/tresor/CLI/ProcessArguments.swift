import CTresorBuild

/// The command line, as glibc handed it to the program at start-up.
///
/// `CommandLine.arguments` of a statically linked Swift runtime comes from
/// `/proc/self/cmdline`; where `/proc` is missing it is empty, and tresor would print its
/// help and exit 0 instead of running the command asked for. The C target captures argv
/// itself; `CommandLine.arguments` is the fallback.
enum ProcessArguments {
    /// The arguments after the program name.
    static func current() -> [String] {
        let count = Int(tresor_argument_count())
        guard count >= 1, let vector = tresor_argument_vector() else {
            return Array(CommandLine.arguments.dropFirst())
        }
        return (1..<count).compactMap { vector[$0].map { String(cString: $0) } }
    }
}
