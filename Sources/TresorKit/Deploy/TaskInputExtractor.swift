/// Finds the task inputs that hold placeholders in a rendered process file and returns
/// each as its own JSON document.
///
/// It reads the rendered bytes with the same readers that found the placeholders, so a
/// value comes out exactly as the engine would read it from the rendered file: XML
/// entities and CDATA decoded for BPMN, the member's bytes as written for JSON.
enum TaskInputExtractor {
    /// The task inputs of `document` (read from the source file `source`) that hold at
    /// least one reference, taken from `rendered`, the file after rendering.
    static func inputs(
        of document: ProcessDocument, rendered: [UInt8], source: String
    ) throws(DeployError) -> [TaskInput] {
        var secrets: [TaskInputKey: Set<SecretName>] = [:]
        for reference in document.references {
            guard let key = TaskInputKey(reference) else { continue }
            secrets[key, default: []].insert(reference.name)
        }
        guard !secrets.isEmpty else { return [] }
        let values: [TaskInputKey: [UInt8]]
        switch document.kind {
        case .bpmn: values = try bpmnValues(rendered, keys: Set(secrets.keys), source: source)
        case .json: values = try jsonValues(rendered, keys: Set(secrets.keys), source: source)
        }
        return secrets.keys.sorted {
            ($0.process, $0.task, $0.parameter) < ($1.process, $1.task, $1.parameter)
        }
        .map { key in
            TaskInput(
                process: key.process, task: key.task, parameter: key.parameter,
                source: source, secrets: secrets[key, default: []].sorted(),
                json: values[key] ?? Array("\"\"".utf8))
        }
    }

    /// Walks the rendered BPMN and gathers every text of the wanted inputs into trees.
    // Limitation: a Zeebe input is its `source` text; a FEEL expression holding a value
    // stays an expression rather than the value the engine would compute.
    private static func bpmnValues(
        _ rendered: [UInt8], keys: Set<TaskInputKey>, source: String
    ) throws(DeployError) -> [TaskInputKey: [UInt8]] {
        var trees: [TaskInputKey: InputTree] = [:]
        var walker = BPMNWalker(rendered) { _ in true }
        do {
            try walker.walk { site in
                guard case .input(let parameter, let fieldPath, _) = site.place,
                    let process = site.process, let task = site.task
                else { return }
                let key = TaskInputKey(process: process.id, task: task.id, parameter: parameter)
                guard keys.contains(key),
                    let path = FieldPath.components(of: fieldPath, below: parameter)
                else { return }
                let tree = trees[key] ?? InputTree()
                tree.insert(site.text.bytes, at: path[...])
                trees[key] = tree
            }
        } catch {
            throw .unreadableOutput(source)
        }
        return trees.mapValues { $0.json(indent: 0) + [0x0A] }
    }

    /// The rendered bytes of each wanted top-level member of a JSON task input.
    // Limitation: with a duplicate top-level key, the bytes run from the first
    // occurrence's value to the last one's.
    private static func jsonValues(
        _ rendered: [UInt8], keys: Set<TaskInputKey>, source: String
    ) throws(DeployError) -> [TaskInputKey: [UInt8]] {
        guard let sample = keys.first else { return [:] }
        var starts: [String: Int] = [:]
        var values: [TaskInputKey: [UInt8]] = [:]
        var tokenizer = JSONTokenizer(rendered)
        do {
            while let token = try tokenizer.next() {
                guard token.path.components.count == 1, token.kind != .key,
                    case .key(let name) = token.path.components[0]
                else { continue }
                let key = TaskInputKey(process: sample.process, task: sample.task, parameter: name)
                guard keys.contains(key) else { continue }
                let start = starts[name] ?? token.span.lowerBound
                starts[name] = start
                if token.kind != .beginObject && token.kind != .beginArray {
                    values[key] = Array(rendered[start..<token.span.upperBound]) + [0x0A]
                }
            }
        } catch {
            throw .unreadableOutput(source)
        }
        return values
    }
}
