import Synchronization
import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output for data, standard error for diagnostics prefixed `tresor:`.
///
/// The log is quiet by default; `--verbose` adds one line per step. Nothing written here
/// ever holds a value: values reach standard output only through ``writeData(_:)``
/// (`render`, `dotenv`, and what `redact` lets through), from the caller's wiped memory.
struct Console: Sendable {
    enum Level: Int, Comparable, Sendable {
        case quiet, normal, verbose
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var level: Level = .normal
    /// Colour for standard output and for standard error (`--color`, `NO_COLOR`).
    var outStyle = TerminalStyle.plain
    var errorStyle = TerminalStyle.plain

    /// A line of data on standard output.
    func print(_ line: String) { Self.write(1, line + "\n") }

    /// Raw bytes on standard output (rendered documents), written from where they lie.
    func writeData(_ bytes: UnsafeRawBufferPointer) {
        Self.writeAll(1, bytes)
    }

    /// Raw bytes that hold no value on standard output.
    func writeData(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { Self.writeAll(1, $0) }
    }

    /// One step done, shown with `--verbose`. Like every line here, its control
    /// characters (from a path given on the command line, say) are shown as escapes.
    func step(_ line: String) {
        if level >= .verbose { Self.write(2, "tresor: \(Self.shown(line))\n") }
    }

    /// The outcome of a command, shown unless `--quiet`, or once writing standard output
    /// failed: the error that follows says the output is incomplete, and "24 secrets"
    /// before it told otherwise (found by a twenty-eighth fresh tester).
    func info(_ line: String) {
        guard level >= .normal, Self.outputFailure.load(ordering: .relaxed) == 0 else { return }
        Self.write(2, "tresor: \(Self.shown(line))\n")
    }

    func warning(_ line: String) {
        guard level >= .normal else { return }
        Self.write(2, "tresor: \(errorStyle.yellow("warning:")) \(Self.shown(line))\n")
    }

    /// An error and its hint; always shown.
    func error(_ error: any TresorError) {
        Self.write(2, "tresor: \(errorStyle.red("error:")) \(Self.shown(error.message))\n")
        if let hint = error.hint { Self.write(2, "  hint: \(Self.shown(hint))\n") }
    }

    /// A line's text as a terminal may show it: control characters escaped, the line's own
    /// backslashes kept (its parts were escaped already where they needed it).
    private static func shown(_ text: String) -> String {
        TerminalText.escaped(text, backslashes: false)
    }

    /// A finding in `path:line:col: rule: message` form with its hint; an error always,
    /// a warning or a note unless `--quiet` ("print only errors").
    func finding(_ finding: Finding) {
        guard finding.severity == .error || level > .quiet else { return }
        let label = finding.severity == .error ? "" : "\(finding.severity.rawValue): "
        // Messages quote names from files (processes, tasks, JSON keys): their control
        // characters are shown as escapes, so a finding stays one line and is inert.
        let message = Self.shown(finding.message)
        var text = "\(finding.location): \(finding.rule): \(label)\(message)\n"
        if let hint = finding.hint { text += "  hint: \(Self.shown(hint))\n" }
        Self.write(2, text)
    }

    /// Writes `text` with every master key in it masked: no line here prints a key, not
    /// even one pasted into a file or folder name that a message quotes.
    static func write(_ descriptor: Int32, _ text: String) {
        var text = MasterKey.masked(text) ?? text
        text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    }

    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(
                descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if descriptor == 1 {
                    _ = outputFailure.compareExchange(
                        expected: 0, desired: errno, ordering: .relaxed)
                }
                return
            }
            offset += written
        }
    }

    /// The errno of the first write to standard output that failed (a full disk, a closed
    /// descriptor, a reader gone), or 0. The command's exit code says so (see
    /// ``OutputError``): a deploy script must not take a truncated output for a good one.
    static let outputFailure = Atomic<Int32>(0)
}

/// Standard output could not be written: what was written is incomplete.
struct OutputError: TresorError {
    let code: Int32

    var message: String {
        "cannot write standard output: \(String(cString: strerror(code))); the output is "
            + "incomplete"
    }
    var hint: String? {
        "check the disk or the file or pipe standard output goes to, then run the command again"
    }
    var exitCode: ExitCode { .io }
}
