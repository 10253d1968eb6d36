import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// The folder `tresor` runs in has a path that is not UTF-8. Paths are read as UTF-8, and
/// a byte that is not would be read as U+FFFD: `r\xff` taken for a twin folder named
/// `r\u{FFFD}`, whose vault got the value and whose index the hook checked (found by a
/// fresh tester). So no command that reads paths runs there.
struct WorkingFolderError: TresorError {
    /// The path's bytes.
    let path: [UInt8]

    /// The working folder's path when it is not UTF-8; nil when it is, or cannot be read
    /// (the commands then say what they cannot do).
    static func check() -> WorkingFolderError? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return UTF8Check.firstInvalidOffset(bytes) == nil ? nil : WorkingFolderError(path: bytes)
    }

    var message: String {
        "the path of the current folder is not UTF-8: "
            + TerminalText.escaped(bytes: path, nonASCII: true)
    }

    var hint: String? {
        "run tresor in a folder whose path is UTF-8 (rename the folder, for example with "
            + "convmv)"
    }

    var exitCode: ExitCode { .io }
}
