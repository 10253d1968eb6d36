/// One resolved task input of a deployed process: the value a worker receives for one
/// parameter of one task, as a JSON document, written to
/// `inputs/<process id>/<task id>/<parameter>.json`.
///
/// Only inputs that hold a placeholder are written: the others need no deploy step.
public struct TaskInput {
    public var process: String
    public var task: String
    public var parameter: String
    /// The process file it comes from, relative to the process folder.
    public var source: String
    /// Where its first placeholder is in that file, to name in errors.
    public var position: (line: Int, column: Int)?
    /// The secrets its value holds, sorted.
    public var secrets: [SecretName]
    /// The value as a JSON document: a string for text, an object for a map, an array for
    /// a list; a JSON task input's member exactly as rendered. It holds values, so it is
    /// a ``WipedArray``.
    public var json: WipedArray<UInt8>

    /// The source file with the line and column of its first placeholder:
    /// `orders/upload.bpmn:14:48`.
    public var sourcePlace: String {
        position.map { "\(source):\($0.line):\($0.column)" } ?? source
    }

    /// The path of its output file, relative to the output folder.
    public var outputPath: String {
        Self.outputPath(of: TaskInputKey(process: process, task: task, parameter: parameter))
    }

    /// The path of the output file of the input `key`, relative to the output folder.
    static func outputPath(of key: TaskInputKey) -> String {
        let parts = [key.process, key.task].map(OutputName.component)
        return "inputs/" + parts.joined(separator: "/") + "/"
            + OutputName.component(key.parameter) + ".json"
    }
}

/// A key for grouping references into task inputs.
struct TaskInputKey: Hashable {
    var process: String
    var task: String
    var parameter: String

    /// The key of `reference`, when it lies in a task of a process.
    init?(_ reference: PlaceholderReference) {
        guard let process = reference.process, let task = reference.task else { return nil }
        self.process = process.id
        self.task = task.id
        self.parameter = reference.parameter
    }

    init(process: String, task: String, parameter: String) {
        self.process = process
        self.task = task
        self.parameter = parameter
    }

    /// Process, task, parameter: the order inputs are written in.
    var order: (String, String, String) { (process, task, parameter) }

    // Told apart by their bytes, as their output files are (`%XX` of each byte): `String`
    // takes the composed and decomposed spellings of a name as one.
    static func == (left: TaskInputKey, right: TaskInputKey) -> Bool {
        left.process.isSamePath(as: right.process) && left.task.isSamePath(as: right.task)
            && left.parameter.isSamePath(as: right.parameter)
    }

    func hash(into hasher: inout Hasher) {
        for text in [process, task, parameter] {
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}
