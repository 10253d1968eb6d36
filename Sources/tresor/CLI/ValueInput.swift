import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Where `create` and `edit --new-value` take a value from, never the command line:
/// `--value-file PATH` byte for byte; else standard input when it is not a terminal, with
/// one trailing `\n` or `\r\n` dropped (what `echo value |` adds); else a prompt that does
/// not echo and asks twice.
enum ValueInput {
    /// Standard input above this size is refused unread (the maximum length and the line
    /// end `echo` adds); the value rules then refuse anything above
    /// ``SecretValueRules/maximumLength``. A value file is taken byte for byte, so its limit
    /// is the maximum length itself.
    static let limit = SecretValueRules.maximumLength + 2

    static func read(
        name: SecretName, valueFile: String?, environment: TresorEnvironment
    ) throws -> SecretBytes {
        // Read into wiped memory, then copied into the value's own.
        if let valueFile {
            let bytes = try FileReader.readWiped(
                environment.absolute(valueFile), limit: SecretValueRules.maximumLength)
            return bytes.withUnsafeBytes { SecretBytes($0) }
        }
        if isatty(0) == 0 {
            let bytes = try FileReader.readAllWiped(0, path: "standard input", limit: limit)
            return bytes.withUnsafeBytes { SecretBytes(dropLineEnd($0)) }
        }
        return try Prompt.askTwice("Value for \(name): ", "Again, to confirm: ")
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
        let two = try ask(second, terminal)
        let same = one.withUnsafeBytes { one in two.withUnsafeBytes { one.elementsEqual($0) } }
        guard same else { throw PromptError.mismatch }
        guard !one.isEmpty else { throw PromptError.empty }
        return one.withUnsafeBytes { SecretBytes($0) }
    }

    /// One line from the terminal, echo off, without its line end, in wiped memory.
    static func ask(_ question: String, _ terminal: Int32) throws -> WipedArray<UInt8> {
        Console.write(terminal, question)
        var saved = termios()
        tcgetattr(terminal, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(terminal, TCSADRAIN, &silent)
        defer {
            tcsetattr(terminal, TCSADRAIN, &saved)
            Console.write(terminal, "\n")
        }
        let line = WipedArray<UInt8>(capacity: 256)
        var byte: UInt8 = 0
        while read(terminal, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        if line.last == 0x0D { line.removeLast() }
        return line
    }
}

/// Why no value could be read from the terminal.
enum PromptError: TresorError {
    case noTerminal, mismatch, empty

    var message: String {
        switch self {
        case .noTerminal:
            "no value given: standard input is a terminal but /dev/tty cannot be opened"
        case .mismatch: "the two values differ; nothing was saved"
        case .empty: "the value is empty; nothing was saved"
        }
    }

    var hint: String? {
        switch self {
        case .noTerminal: "pipe the value on standard input or use --value-file PATH"
        case .mismatch, .empty: "run the command again"
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .noTerminal: .usage
        case .mismatch, .empty: .problems
        }
    }
}
