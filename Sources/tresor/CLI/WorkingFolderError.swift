import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// The folder `tresor` runs in cannot be used: its path is not UTF-8, or it cannot be read
/// at all (deleted or moved away while a shell stood in it). Paths are read as UTF-8, and a
/// byte that is not would be read as U+FFFD: `r\xff` taken for a twin folder named
/// `r\u{FFFD}`, whose vault got the value and whose index the hook checked (found by a
/// fresh tester). A deleted folder gave "no vault found in  or any parent folder", with
/// no path (found by a later one). So no command that reads paths runs there.
struct WorkingFolderError: TresorError {
    enum Problem {
        /// The path's bytes.
        case notUTF8([UInt8])
        /// `getcwd` failed with this `errno`.
        case unreadable(Int32)
    }

    let problem: Problem

    /// What is wrong with the working folder; nil when nothing is.
    // Limitation: checked for every command that reads paths, also one given only
    // absolute paths (README, Known limitations).
    static func check() -> WorkingFolderError? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            return WorkingFolderError(problem: .unreadable(errno))
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        guard UTF8Check.firstInvalidOffset(bytes) != nil else { return nil }
        return WorkingFolderError(problem: .notUTF8(bytes))
    }

    var message: String {
        switch problem {
        case .notUTF8(let path):
            "the path of the current folder is not UTF-8: "
                + TerminalText.escaped(bytes: path, nonASCII: true)
        case .unreadable(let code) where code == ERANGE:
            "the path of the current folder is longer than \(PATH_MAX - 1) bytes"
        case .unreadable(let code):
            "the current folder cannot be read: " + String(cString: strerror(code))
        }
    }

    var hint: String? {
        switch problem {
        case .notUTF8:
            "run tresor in a folder whose path is UTF-8 (rename the folder, for example with "
                + "convmv)"
        case .unreadable(let code) where code == ERANGE:
            "run tresor in a folder with a shorter path"
        case .unreadable:
            "it was probably deleted or moved away; cd to the repository again"
        }
    }

    var exitCode: ExitCode { .io }
}
