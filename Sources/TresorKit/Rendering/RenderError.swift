/// Why a render wrote nothing.
public enum RenderError: TresorError {
    /// Findings that block rendering: unknown secrets, near-misses, placeholders in
    /// unsupported places, values that cannot be written where they land.
    case blocked([Finding])
    /// The vault or a value could not be read or opened.
    case vault(VaultError)
    /// An output could not be written; nothing was put in place.
    case output(FileError)
    /// A process file could not be read.
    case input(ProcessFolderError)
    /// The output exists; `--force` replaces it.
    case outputExists(String, isFolder: Bool)
    /// The output is a place a render must never write to, and why.
    case unsafeOutput(String, String)
    /// An output path that is a symbolic link.
    case linkOutput(String)
    /// A folder to render that holds master keys, or lies inside their folder: a render
    /// copies every file it does not resolve.
    case unsafeSource(String, String)
    /// The folder to render holds an earlier render's output (`output`, relative to it).
    case sourceHoldsOutput(String, output: String)

    public var message: String {
        switch self {
        case .blocked(let findings):
            let count = findings.filter { $0.severity == .error }.count
            return "nothing was written: \(count) problem\(count == 1 ? "" : "s")"
        case .vault(let error): return error.message
        case .output(let error): return "nothing was written: " + error.message
        case .input(let error): return "nothing was written: " + error.message
        // Render, deploy, dotenv and report share these: the words fit every one.
        case .outputExists(let path, _): return "nothing was written: \(path) already exists"
        case .unsafeOutput(let path, let reason):
            return "nothing was written: refusing to write to \(path): \(reason)"
        case .linkOutput(let path):
            return "nothing was written: refusing to write to \(path): it is a symbolic "
                + "link, which tresor neither writes through nor replaces"
        case .unsafeSource(let path, let reason):
            return "nothing was written: refusing to render \(path): \(reason)"
        case .sourceHoldsOutput(let path, let output):
            let what = output == "." ? "it is" : "it holds \(output),"
            return "nothing was written: refusing to render \(path): \(what) an earlier "
                + "render's output, whose files hold plaintext values"
        }
    }

    public var hint: String? {
        switch self {
        case .blocked(let findings):
            // validate opens no value, so it cannot see a value that does not fit its place;
            // nor does it read standard input (`render -`, reported as path "-").
            if findings.contains(where: { $0.rule == .unsafeValue }) {
                "change the value (`tresor edit NAME --new-value`) or move its placeholder "
                    + "to a place that can carry it; `tresor validate` cannot see this, as it "
                    + "opens no value"
            } else if findings.allSatisfy({ $0.location.path == "-" }) {
                "fix the problems above in the input on standard input"
            } else {
                "fix the problems above; `tresor validate` lists them all"
            }
        case .vault(let error): error.hint
        case .output(let error): error.hint
        case .input(let error): error.hint
        case .outputExists(_, let isFolder):
            isFolder
                ? "pass --force to replace a folder an earlier render wrote, or choose another "
                    + "folder"
                : "pass --force to replace the file, or choose another path"
        case .unsafeOutput:
            "choose another path, away from the input, the process folder, the vault, the "
                + "key folder and the key file; best outside the repository, where no output "
                + "holding values belongs (e.g. a folder made with mktemp -d)"
        case .sourceHoldsOutput:
            "delete that output folder (render outside the repository, into a folder made "
                + "with mktemp -d)"
        case .unsafeSource:
            "render the process folder; master keys never belong in a folder that is rendered "
                + "or deployed"
        case .linkOutput:
            "give --out the place the link leads to (readlink -f shows it), or remove the link"
        }
    }

    public var exitCode: ExitCode {
        switch self {
        case .blocked: .problems
        case .vault(let error): error.exitCode
        case .output(let error): error.exitCode
        case .input(let error): error.exitCode
        case .outputExists: .problems
        case .unsafeOutput, .unsafeSource, .sourceHoldsOutput, .linkOutput: .usage
        }
    }

    /// The findings to print before the message, if any.
    public var findings: [Finding] {
        if case .blocked(let findings) = self { return findings }
        return []
    }
}

extension Rule {
    /// A placeholder names a secret the vault does not have.
    public static let unknownSecret = Rule("unknown-secret")
    /// A value holds a character its destination cannot carry.
    public static let unsafeValue = Rule("unsafe-value")
}
