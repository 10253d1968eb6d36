/// Collects the outputs of a deploy while the process folder is rendered: the rendered
/// files, the task inputs found in them, the copied files; then writes the task inputs.
struct ManifestBuilder {
    let resolver: ValueResolver
    private(set) var outputs: [DeployManifest.Output] = []
    private(set) var inputs: [TaskInput] = []
    /// The first task input that could not be read back, thrown by ``writeInputs(into:)``.
    private var failure: DeployError?

    init(resolver: ValueResolver) {
        self.resolver = resolver
    }

    /// Records a rendered process file and extracts its task inputs.
    mutating func add(_ file: String, _ document: ProcessDocument, rendered: WipedArray<UInt8>) {
        let names = Set(document.references.map(\.name)).sorted()
        outputs.append(
            DeployManifest.Output(
                path: "processes/" + file, kind: .processFile, source: file,
                process: document.processes.count == 1 ? document.processes[0].id : nil,
                task: nil, parameter: nil, secrets: digests(names)))
        do {
            inputs += try TaskInputExtractor.inputs(of: document, rendered: rendered, source: file)
        } catch {
            failure = failure ?? error
        }
    }

    /// Records the files of the rendered tree that were copied rather than rendered.
    mutating func addCopies(under folder: String) throws(FileError) {
        let rendered = Set(outputs.map(\.path))
        for file in try FileTree.files(under: folder) where !rendered.contains("processes/" + file)
        {
            outputs.append(
                DeployManifest.Output(
                    path: "processes/" + file, kind: .copy, source: file, process: nil,
                    task: nil, parameter: nil, secrets: [:]))
        }
    }

    /// Writes each task input to its file under `folder`, refusing two inputs that would
    /// land on the same path.
    mutating func writeInputs(into folder: String) throws {
        if let failure { throw failure }
        var seen: [String: String] = [:]
        var lastFolder = ""
        for input in inputs {
            let path = input.outputPath
            // Each named with the line and column of its first placeholder (found by a
            // sixteenth fresh tester: the files alone did not say which inputs).
            if let other = seen[path] {
                throw DeployError.duplicateOutput(path, sources: [other, input.sourcePlace])
            }
            seen[path] = input.sourcePlace
            let target = folder + "/" + path
            let parent = AtomicFile.parent(of: target)
            if parent != lastFolder {
                try FileTree.makeFolders(parent)
                lastFolder = parent
            }
            // A new file in the private build folder, which is renamed into place whole:
            // no temporary sibling and fsync each. Written atomically one by one, each
            // write listed its folder for stale temporaries, which made 5,000 inputs of
            // one task take 16 s (found by a twenty-fifth fresh tester).
            try input.json.withUnsafeBytes { bytes throws(FileError) in
                try FileTree.writeNewFile(bytes, to: target, mode: 0o600)
            }
            outputs.append(
                DeployManifest.Output(
                    path: path, kind: .taskInput, source: input.source, process: input.process,
                    task: input.task, parameter: input.parameter, secrets: digests(input.secrets)))
        }
        outputs.sort { $0.path < $1.path }
    }

    private func digests(_ names: [SecretName]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names { result[name.text] = resolver.envelope(of: name)?.digest }
        return result
    }
}
