/// The process exit codes of the `tresor` command, documented in the README.
///
/// Every error type of the library maps to one of these through ``TresorError/exitCode``,
/// so the command line has a single place that decides how a failure ends the process.
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// The command did what was asked.
    case ok = 0
    /// Problems were found (validate, render) or the operation failed.
    case problems = 1
    /// The command line was wrong: unknown command or flag, missing or extra argument.
    case usage = 2
    /// The vault is missing, or one of its files is malformed.
    case vault = 3
    /// The master key is missing, unreadable, too open, or does not match the vault.
    case key = 4
    /// Another `tresor` process holds the vault lock and did not let go in time.
    case locked = 5
    /// Reading or writing a file failed (disk full, permission denied, ...).
    case io = 6
}
