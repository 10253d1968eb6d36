import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Where `create` and `edit --new-value` take a value from, never the command line:
/// `--value-file PATH` byte for byte (`-`: standard input, byte for byte); else standard
/// input when it is not a terminal, with one trailing `\n` or `\r\n` dropped (what
/// `echo value |` adds); else a prompt that does not echo and asks twice.
enum ValueInput {
    /// Standard input above this size is refused unread (the maximum length and the line
    /// end `echo` adds); the value rules then refuse anything above
    /// ``SecretValueRules/maximumLength``. A value file is taken byte for byte, so its limit
    /// is the maximum length itself.
    static let limit = SecretValueRules.maximumLength + 2

    static func read(
        name: SecretName, valueFile: String?, environment: TresorEnvironment
    ) throws -> SecretBytes {
        // `--value-file -` on a terminal: the value would show as it is typed.
        if valueFile == "-", isatty(0) != 0 { throw PromptError.dashOnTerminal }
        do {
            if let value = try readGiven(valueFile: valueFile, environment: environment) {
                return value
            }
        } catch {
            if case .tooLarge = error {
                // A value too long is refused as the value rules refuse one (exit 1),
                // however it came.
                throw VaultError.invalidValue(
                    name,
                    "it is more than \(SecretValueRules.maximumLength) bytes; at most "
                        + "\(SecretValueRules.maximumLength) are allowed")
            }
            // The path is not repeated: a value typed where its path goes would be
            // printed (found by a sixth fresh tester).
            guard valueFile == nil || valueFile == "-" else { throw ValueFileError(cause: error) }
            throw error
        }
        return try Prompt.askTwice("Value for \(name): ", "Again, to confirm: ")
    }

    /// The value from `--value-file` or piped standard input, or nil when it must be asked
    /// for. Read into wiped memory, then copied into the value's own.
    private static func readGiven(
        valueFile: String?, environment: TresorEnvironment
    ) throws(FileError) -> SecretBytes? {
        // Limitation: a device as the value file is a file error (README, Known limitations).
        if valueFile == "-" {
            // Standard input byte for byte, as a value file is (`read` refused a terminal).
            let bytes = try FileReader.readAllWiped(
                0, path: "standard input", limit: SecretValueRules.maximumLength)
            return bytes.withUnsafeBytes { SecretBytes($0) }
        }
        if let valueFile {
            let bytes = try FileReader.readWiped(
                environment.absolute(valueFile), limit: SecretValueRules.maximumLength)
            return bytes.withUnsafeBytes { SecretBytes($0) }
        }
        guard isatty(0) == 0 else { return nil }
        let bytes = try FileReader.readAllWiped(0, path: "standard input", limit: limit)
        return bytes.withUnsafeBytes { SecretBytes(dropLineEnd($0)) }
    }

    /// True when standard input is a pipe or socket with bytes waiting in it, or a file
    /// with something left to read: a command that reads no value from it (`edit
    /// --display-name`) says so, since a value piped there would otherwise be dropped
    /// without a word (found by a fresh tester). Nothing is read; an empty pipe (a
    /// script's) says nothing.
    // Limitation: a value still on its way into the pipe when this asks is not seen, and
    // then there is no warning.
    static func standardInputHoldsValue() -> Bool {
        var status = stat()
        guard isatty(0) == 0, fstat(0, &status) == 0 else { return false }
        switch status.st_mode & S_IFMT {
        // What is left after where the file is read up to (a script may have read some).
        case S_IFREG: return lseek(0, 0, SEEK_CUR) < status.st_size
        case S_IFIFO, S_IFSOCK:
            var waiting: Int32 = 0
            return ioctl(0, UInt(FIONREAD), &waiting) == 0 && waiting > 0
        default: return false
        }
    }

    /// `bytes` without one final `\n` or `\r\n`.
    static func dropLineEnd(_ bytes: UnsafeRawBufferPointer) -> Slice<UnsafeRawBufferPointer> {
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0x0A {
            end -= 1
            if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        }
        return bytes[0..<end]
    }
}

/// Asking for a value on the terminal with echo off.
enum Prompt {
    static func askTwice(_ first: String, _ second: String) throws -> SecretBytes {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else { throw PromptError.noTerminal }
        defer { close(terminal) }
        let one = try ask(first, terminal)
        // An empty first answer (Enter, or Ctrl-D to give up) ends here: asking again for
        // the same nothing only to refuse it then was a second Ctrl-D to get out (found by
        // a fresh tester).
        guard !one.isEmpty else { throw PromptError.empty }
        let two = try ask(second, terminal)
        let same = one.withUnsafeBytes { one in two.withUnsafeBytes { one.elementsEqual($0) } }
        guard same else { throw PromptError.mismatch }
        return one.withUnsafeBytes { SecretBytes($0) }
    }

    /// One line from the terminal, echo off, without its line end, in wiped memory.
    static func ask(_ question: String, _ terminal: Int32) throws -> WipedArray<UInt8> {
        Console.write(terminal, question)
        var saved = termios()
        tcgetattr(terminal, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        let guarded = EchoGuard(terminal: terminal, settings: saved)
        tcsetattr(terminal, TCSADRAIN, &silent)
        defer {
            tcsetattr(terminal, TCSADRAIN, &saved)
            guarded.release()
            Console.write(terminal, "\n")
        }
        let line = WipedArray<UInt8>(capacity: 256)
        var byte: UInt8 = 0
        while read(terminal, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        if line.last == 0x0D { line.removeLast() }
        return line
    }
}

/// Gives the terminal its settings back when a signal ends `tresor` at the prompt (Ctrl-C,
/// a closed terminal): left alone, the shell was left with echo off (found by a fresh
/// tester). While the prompt runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT restore the settings
/// and then end the process as they would have.
struct EchoGuard {
    /// The terminal and its settings, for the handler: set before it is installed, read
    /// only by it, through a pointer so the handler calls nothing but `tcsetattr`.
    private nonisolated(unsafe) static let terminal = UnsafeMutablePointer<Int32>.allocate(
        capacity: 1)
    private nonisolated(unsafe) static let settings = UnsafeMutablePointer<termios>.allocate(
        capacity: 1)
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private var previous: [sigaction] = []

    init(terminal: Int32, settings: termios) {
        Self.terminal.pointee = terminal
        Self.settings.pointee = settings
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            tcsetattr(EchoGuard.terminal.pointee, TCSANOW, EchoGuard.settings)
            var original = sigaction()
            original.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(signal, &original, nil)
            raise(signal)
        }
        sigemptyset(&action.sa_mask)
        for signal in Self.signals {
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append(old)
        }
    }

    /// Puts back the handlers there were before.
    func release() {
        for (signal, old) in zip(Self.signals, previous) {
            var old = old
            sigaction(signal, &old, nil)
        }
    }
}

/// Why no value could be read from the terminal.
enum PromptError: TresorError {
    case noTerminal, mismatch, empty
    /// `--value-file -` with a terminal on standard input.
    case dashOnTerminal

    var message: String {
        switch self {
        case .noTerminal:
            "no value given: standard input is a terminal but /dev/tty cannot be opened"
        case .mismatch: "the two values differ; nothing was saved"
        case .empty: "the value is empty; nothing was saved"
        case .dashOnTerminal:
            "--value-file - reads standard input, which is a terminal: the value would show "
                + "as it is typed"
        }
    }

    var hint: String? {
        switch self {
        case .noTerminal: "pipe the value on standard input or use --value-file PATH"
        case .mismatch, .empty: "run the command again"
        case .dashOnTerminal:
            "pipe the value in (pass show ftp | tresor ... --value-file -), or leave out "
                + "--value-file to be asked at a prompt that does not echo"
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .noTerminal, .dashOnTerminal: .usage
        case .mismatch, .empty: .problems
        }
    }
}

/// The `--value-file` could not be read. Its path is left out of the message: a value
/// typed in its place would be shown.
struct ValueFileError: TresorError {
    let cause: FileError

    var message: String {
        "cannot read the --value-file: \(cause.reason ?? "it could not be read")"
    }
    var hint: String? {
        "give the path of a file that holds the value (or - for standard input); the value "
            + "itself never goes on the command line"
    }
    var exitCode: ExitCode { cause.exitCode }
}
