import CTresorBuild
import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

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

    /// The position (from 1) of the first argument that is not UTF-8; nil when all are,
    /// or argv was not captured. Read as a string, such an argument gets U+FFFD for its
    /// bytes, and names another file: `--vault a\xff/vault` sealed into `a\u{FFFD}/vault`
    /// (found by a fresh tester).
    static func firstNotUTF8() -> Int? {
        let count = Int(tresor_argument_count())
        guard count >= 1, let vector = tresor_argument_vector() else { return nil }
        for index in 1..<count {
            guard let argument = vector[index] else { continue }
            let bytes = UnsafeRawBufferPointer(start: argument, count: strlen(argument))
            if UTF8Check.firstInvalidOffset(bytes) != nil { return index }
        }
        return nil
    }
}
