/// Why a deploy wrote nothing, or why its manifest or index cannot be read.
public enum DeployError: TresorError {
    /// The output folder holds no `manifest.json` (it was not made by `tresor deploy`).
    case noManifest(String)
    /// `manifest.json` is not a manifest this release reads, and why.
    case badManifest(String, reason: String)
    /// `manifest.json` is there but cannot be read.
    case unreadableManifest(FileError)
    /// `usage-index.json` is not an index this release reads.
    case badIndex(String)
    /// Two task inputs would be written to the same output file.
    case duplicateOutput(String, sources: [String])
    /// Two or more elements of one task (inputs, headers, fields) have one parameter name,
    /// so their values would share one output file.
    case sharedInputFile(
        String, source: String, process: String, task: String, parameter: String,
        elements: [String])
    /// A JSON task input names one top-level key twice: both values would go to one file.
    case duplicateJSONKey(String, source: String, parameter: String)
    /// A map of a task input that gives one key (field path) two values.
    case repeatedMapKey(String, source: String, parameter: String, field: String)
    /// A JSON task input with placeholders whose top-level value is not an object: deploy
    /// writes one file per top-level member.
    case notAnObject(String)
    /// A rendered file could not be read back (it should never happen).
    case unreadableOutput(String)
    /// A file could not be read or written.
    case io(FileError)
    /// The process folder is the vault or lies inside it.
    case processesOverlapVault(String)

    public var message: String {
        switch self {
        case .noManifest(let path): "no deploy manifest at \(path)"
        case .badManifest(let path, let reason):
            "\(path) is not a tresor deploy manifest (format 1): \(reason)"
        case .unreadableManifest(let error): "cannot read the deploy manifest: " + error.message
        case .badIndex(let path):
            "\(path) is not a tresor usage index (a regular file, format 1)"
        case .duplicateOutput(let path, let sources):
            "nothing was deployed: two task inputs would both be written to \(path) (from "
                + sources.joined(separator: " and ") + ")"
        case .sharedInputFile(
            let path, let source, let process, let task, let parameter, let elements):
            "nothing was deployed: task \"\(task)\" of process \"\(process)\" in \(source) has "
                + "\(elements.count) inputs named \"\(parameter)\" ("
                + elements.map { "<\($0)>" }.joined(separator: ", ")
                + "); all would be written to \(path)"
        case .duplicateJSONKey(let path, let source, let parameter):
            "nothing was deployed: \(source) has the top-level key \"\(parameter)\" twice; both "
                + "values would be written to \(path)"
        case .repeatedMapKey(let path, let source, let parameter, let field):
            "nothing was deployed: \(source) gives the map entry \(TerminalText.quoted(field)) of "
                + "input \(TerminalText.quoted(parameter)) two values; both would be written to "
                + "\(path)"
        case .notAnObject(let path):
            "nothing was deployed: \(path) is a JSON task input whose top-level value is not an "
                + "object, and deploy writes a task input's members one file each"
        case .unreadableOutput(let path): "nothing was deployed: cannot read back \(path)"
        case .io(let error): "nothing was deployed: " + error.message
        case .processesOverlapVault(let path):
            "nothing was deployed: the process folder \(path) is the vault or lies inside it"
        }
    }

    public var hint: String? {
        switch self {
        case .noManifest: "point --out at a folder written by `tresor deploy`"
        case .badManifest: "deploy again with this tresor"
        case .badIndex: "deploy again, or delete the file; `tresor usage --processes DIR` scans"
        case .duplicateOutput:
            "give the processes, tasks or parameters distinct ids"
        case .sharedInputFile:
            "rename all but one of them: each input, header or field of a task needs its own name"
        case .duplicateJSONKey: "keep one of them: an engine reading the file takes only one"
        case .repeatedMapKey: "keep one of the two entries: the engine takes only one"
        case .notAnObject: "make it an object of named inputs: {\"payload\": ...}"
        case .unreadableOutput: "please report this with the process file"
        case .io(let error), .unreadableManifest(let error): error.hint
        case .processesOverlapVault:
            "pass the folder that holds only the process files (--processes DIR)"
        }
    }

    public var exitCode: ExitCode {
        switch self {
        case .noManifest, .badManifest, .duplicateOutput, .sharedInputFile, .duplicateJSONKey,
            .notAnObject, .repeatedMapKey, .unreadableOutput:
            .problems
        case .badIndex: .vault
        case .io(let error), .unreadableManifest(let error): error.exitCode
        case .processesOverlapVault: .usage
        }
    }
}
