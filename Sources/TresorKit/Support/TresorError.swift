/// The shape every error of the library shares, so the command line can print any of them
/// the same way: a short message, an optional hint with the fix, and an exit code.
///
/// Messages name secrets, files and positions; they never hold a secret's value, a key, or
/// a raw line of a vault file.
public protocol TresorError: Error, Sendable, CustomStringConvertible {
    /// One line saying what failed and where.
    var message: String { get }
    /// What to do about it, when there is something to do.
    var hint: String? { get }
    /// How the command line ends when this error stops it.
    var exitCode: ExitCode { get }
}

extension TresorError {
    public var description: String { message }
}
