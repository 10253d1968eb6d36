/// What can go wrong finding, reading or storing the master key. Every case ends the
/// command with ``ExitCode/key``.
///
/// Cases carry paths, variable names and key ids, never key text or file contents.
public enum KeyError: TresorError, Equatable {
    /// No key was found in any of the places `looked` (variables and paths, in order).
    case notFound(KeyID, looked: [String])
    /// The key found in `source` is not the key the vault needs.
    case mismatch(expected: KeyID, found: KeyID, source: String)
    /// The key in `source` is not a valid master key.
    case invalid(source: String, problem: CryptoError.MasterKeyProblem)
    /// The key file can be read or written by group or others (`mode` is its permission bits).
    case tooOpen(path: String, mode: UInt32)
    /// The key file belongs to another user.
    case notOwned(path: String)
    /// The key path is a folder, device, pipe or other non-regular file.
    case notRegularFile(path: String)
    /// The key file is larger than any key file `tresor` writes.
    case tooLarge(path: String)
    /// Reading the key file failed (`reason` is the system's error text).
    case unreadable(path: String, reason: String)
    /// Neither `XDG_CONFIG_HOME` nor `HOME` says where the default key file lives.
    case noHome
    /// ``KeyStore/store(_:environment:)`` will not overwrite an existing key file.
    case alreadyExists(path: String)
    /// Writing the key file failed (`reason` is the system's error text).
    case unwritable(path: String, reason: String)
    /// `TRESOR_KEY_COMMAND` could not be run, failed, or wrote too much (`reason` never
    /// holds its output).
    case commandFailed(reason: String)
    /// A key variable (`TRESOR_KEY`, `TRESOR_KEY_FILE`, `TRESOR_KEY_COMMAND`) set to
    /// nothing: a deploy job whose secret store lost the key, say.
    case emptyVariable(String)
    /// `TRESOR_KEY_COMMAND_TIMEOUT` is not a whole number of seconds in range.
    case invalidTimeout(String, maximum: Int)

    /// One line saying what failed.
    public var message: String {
        switch self {
        case .notFound(let id, let looked):
            "master key \(id.text) not found (looked in \(looked.joined(separator: ", ")))"
        case .mismatch(let expected, let found, let source):
            "the master key from \(source) is key \(found.text), but the vault needs key "
                + expected.text
        case .invalid(let source, let problem):
            "the master key from \(source) is not valid: \(problem.reason)"
        case .tooOpen(let path, let mode):
            "permissions \(KeyError.octal(mode)) for '\(path)' are too open; the master key "
                + "must be readable by its owner only"
        case .notOwned(let path): "key file '\(path)' belongs to another user"
        case .notRegularFile(let path): "key path '\(path)' is not a regular file"
        case .tooLarge(let path): "key file '\(path)' is too large to be a tresor master key"
        case .unreadable(let path, let reason): "cannot read key file '\(path)': \(reason)"
        case .noHome:
            "cannot find the default key folder: neither XDG_CONFIG_HOME nor HOME is set to "
                + "an absolute path"
        case .alreadyExists(let path): "key file '\(path)' already exists"
        case .unwritable(let path, let reason): "cannot write key file '\(path)': \(reason)"
        case .commandFailed(let reason): "TRESOR_KEY_COMMAND failed: \(reason)"
        case .emptyVariable(let name):
            "\(name) is set but empty, so no master key is taken from it, and no other "
                + "place is tried"
        case .invalidTimeout(let name, let maximum):
            "\(name) must be a whole number of seconds from 1 to \(maximum)"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case .notFound(let id, _):
            "set TRESOR_KEY to the key text, TRESOR_KEY_FILE to a key file, "
                + "TRESOR_KEY_COMMAND to a command printing it, or put the key in the "
                + "default key file \(id.text).key"
        case .mismatch:
            "TRESOR_KEY, TRESOR_KEY_FILE or TRESOR_KEY_COMMAND may give another vault's key "
                + "(the default key file is named by the vault's key id); unset it or point it "
                + "at this vault's key"
        case .invalid: "copy the key again from where it is kept"
        case .tooOpen(let path, _): "chmod 600 \(path)"
        case .notOwned(let path): "copy the key to a file of your own, or chown \(path)"
        case .notRegularFile, .tooLarge: "point TRESOR_KEY_FILE at the key file itself"
        case .unreadable, .unwritable: nil
        case .noHome:
            "set HOME or XDG_CONFIG_HOME: the default key folder lies under it (a key kept "
                + "elsewhere is read through TRESOR_KEY_FILE)"
        case .alreadyExists: "keep the existing key, or move it away first"
        case .emptyVariable(let name):
            "give \(name) its value, or unset it (unset \(name)) to use the next place"
        case .invalidTimeout(let name, _):
            "set it to the seconds the key command may take (300, say), or unset it "
                + "(unset \(name)) for the default of \(KeyCommand.defaultTimeout)"
        case .commandFailed:
            "run the command by hand (TRESOR_KEY_ID set to the key id) to see why; it must "
                + "print the key text and exit 0"
        }
    }

    /// All key problems end the command the same way.
    public var exitCode: ExitCode { .key }

    /// Permission bits as ssh prints them, e.g. `0644`.
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension KeyError {
    /// True when no key was found at all (none given, none in the key folder, no home
    /// folder), as against a key that is wrong, unreadable or too open.
    public var isMissing: Bool {
        switch self {
        case .notFound, .noHome: true
        default: false
        }
    }
}
