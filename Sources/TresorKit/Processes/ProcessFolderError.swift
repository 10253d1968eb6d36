/// A process folder or file that could not be read at all (as opposed to a file that was read
/// and has problems, which become findings).
public struct ProcessFolderError: TresorError, Hashable {
    /// What could not be read.
    public enum Problem: Sendable, Hashable {
        /// The folder (or a folder inside it) cannot be listed.
        case unreadableFolder
        /// The file cannot be opened or read.
        case unreadableFile
        /// The path has an extension Tresor does not read.
        case unknownKind
    }

    /// What could not be read.
    public let problem: Problem
    /// The folder or file, as given.
    public let path: String
    /// The system's reason, when there is one (never file content).
    public let reason: String?
    /// What to do, when the cause knows better than the problem's general hint.
    public let advice: String?

    /// An error about `path`; `reason` is the system's explanation, if any, and `advice`
    /// replaces the general hint.
    public init(_ problem: Problem, path: String, reason: String? = nil, advice: String? = nil) {
        self.problem = problem
        self.path = path
        self.reason = reason
        self.advice = advice
    }

    /// What failed, naming the folder or file.
    public var message: String {
        let why = reason.map { ": \($0)" } ?? ""
        switch problem {
        case .unreadableFolder: return "cannot list the process folder \(path)\(why)"
        case .unreadableFile: return "cannot read the process file \(path)\(why)"
        case .unknownKind: return "\(path) is not a process file (.bpmn, .bpmn20.xml or .json)"
        }
    }

    /// What to check.
    public var hint: String? {
        if let advice { return advice }
        return switch problem {
        case .unreadableFolder, .unreadableFile: "check that the path exists and is readable"
        case .unknownKind: nil
        }
    }

    /// `io` for unreadable folders and files, `usage` for a path that is no process file.
    public var exitCode: ExitCode {
        problem == .unknownKind ? .usage : .io
    }
}
