/// Finds the task inputs that hold placeholders in a rendered process file and returns
/// each as its own JSON document.
///
/// It reads the rendered bytes with the same readers that found the placeholders, so a
/// value comes out exactly as the engine would read it from the rendered file: XML
/// entities and CDATA decoded for BPMN, the member's bytes as written for JSON.
///
/// Those readers are told not to decode what they pass (`decodes`,
/// `decodesStringValues`): the texts of the wanted inputs are decoded here, into
/// ``WipedArray``s, and so are the JSON documents made of them.
enum TaskInputExtractor {
    /// The task inputs of `document` (read from the source file `source`) that hold at
    /// least one reference, taken from `rendered`, the file after rendering.
    static func inputs(
        of document: ProcessDocument, rendered: WipedArray<UInt8>, source: String
    ) throws(DeployError) -> [TaskInput] {
        var secrets: [TaskInputKey: Set<SecretName>] = [:]
        var first: [TaskInputKey: SourceLocation] = [:]
        for reference in document.references {
            guard let key = TaskInputKey(reference) else { continue }
            secrets[key, default: []].insert(reference.name)
            if first[key].map({ reference.location < $0 }) ?? true {
                first[key] = reference.location
            }
        }
        guard !secrets.isEmpty else { return [] }
        let values: [TaskInputKey: WipedArray<UInt8>]
        // The readers keep the array only while they read.
        let bytes = rendered.array
        switch document.kind {
        case .bpmn: values = try bpmnValues(bytes, keys: Set(secrets.keys), source: source)
        case .json: values = try jsonValues(bytes, keys: Set(secrets.keys), source: source)
        }
        return try secrets.keys.sorted { $0.order < $1.order }
            .map { key throws(DeployError) in
                // Every input with a reference has a value, unless the readers disagree.
                guard let json = values[key] else { throw .unreadableOutput(source) }
                return TaskInput(
                    process: key.process, task: key.task, parameter: key.parameter,
                    source: source, position: first[key].map { ($0.line, $0.column) },
                    secrets: secrets[key, default: []].sorted(), json: json)
            }
    }

    /// Walks the rendered BPMN and gathers every text of the wanted inputs into trees.
    // Limitation: a Zeebe input is its `source` text; a FEEL expression holding a value
    // stays an expression rather than the value the engine would compute.
    private static func bpmnValues(
        _ rendered: [UInt8], keys: Set<TaskInputKey>, source: String
    ) throws(DeployError) -> [TaskInputKey: WipedArray<UInt8>] {
        var trees: [TaskInputKey: InputTree] = [:]
        var owners: [TaskInputKey: [XMLName]] = [:]
        var repeated: (TaskInputKey, String)?
        var walker = BPMNWalker(rendered, readsEveryText: true)
        walker.decodes = false
        do {
            try walker.walk { site in
                guard case .input(let parameter, let fieldPath, _) = site.place,
                    let process = site.process, let task = site.task
                else { return }
                let key = TaskInputKey(process: process.id, task: task.id, parameter: parameter)
                guard keys.contains(key) else { return }
                if let input = site.input, !owners[key, default: []].contains(input) {
                    owners[key, default: []].append(input)
                }
                guard let path = FieldPath.components(of: fieldPath, below: parameter)
                else { return }
                var text = WipedArray<UInt8>()
                site.decode(from: rendered, into: &text)
                if site.engineTrims { trimJavaWhitespace(text) }
                let tree = trees[key] ?? InputTree()
                guard tree.insert(text, at: path[...]) else {
                    repeated = repeated ?? (key, fieldPath)
                    return
                }
                trees[key] = tree
            }
        } catch {
            throw .unreadableOutput(source)
        }
        // Limitation: only deploy sees a map key written twice; validate and the hook step
        // over entries without a placeholder, so they cannot (README, Known limitations).
        if let (key, fieldPath) = repeated {
            throw .repeatedMapKey(
                TaskInput.outputPath(of: key), source: source, parameter: key.parameter,
                field: fieldPath)
        }
        try checkDistinct(owners, in: rendered, source: source)
        return trees.mapValues { tree in
            let json = WipedArray<UInt8>()
            tree.write(into: json, indent: 0)
            json.append(0x0A)
            return json
        }
    }

    // Limitation: a value trimmed away in part or whole gives no warning, and a text that
    // is white space alone is written as "", where Camunda 7 gives no value (README, Known
    // limitations).
    /// Removes from both ends of `text` what Java's `String.trim` removes: every byte up to
    /// U+0020 (white space and control characters), wiping it.
    private static func trimJavaWhitespace(_ text: WipedArray<UInt8>) {
        var trailing = 0
        while trailing < text.count, text[text.count - 1 - trailing] <= 0x20 { trailing += 1 }
        text.removeLast(trailing)
        var leading = 0
        while leading < text.count, text[leading] <= 0x20 { leading += 1 }
        text.removeFirst(leading)
    }

    /// Throws when two elements of one task (inputs, headers, fields) have one parameter
    /// name: their values would be written to one file, glued or overwritten.
    private static func checkDistinct(
        _ owners: [TaskInputKey: [XMLName]], in rendered: [UInt8], source: String
    ) throws(DeployError) {
        let clashes = owners.filter { $0.value.count > 1 }
        guard let (key, names) = clashes.min(by: { $0.key.order < $1.key.order }) else { return }
        throw .sharedInputFile(
            TaskInput.outputPath(of: key), source: source, process: key.process, task: key.task,
            parameter: key.parameter, elements: names.map { $0.qualified(in: rendered) })
    }

    /// The rendered bytes of each wanted top-level member of a JSON task input; a wanted
    /// key written twice stops the deploy.
    private static func jsonValues(
        _ rendered: [UInt8], keys: Set<TaskInputKey>, source: String
    ) throws(DeployError) -> [TaskInputKey: WipedArray<UInt8>] {
        guard let sample = keys.first else { return [:] }
        // Written member by member: a task input that is not an object has none.
        guard let first = rendered.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            rendered[first] == UInt8(ascii: "{")
        else { throw .notAnObject(source) }
        var starts: [[UInt8]: Int] = [:]
        var values: [TaskInputKey: WipedArray<UInt8>] = [:]
        var tokenizer = JSONTokenizer(rendered)
        tokenizer.decodesStringValues = false
        do {
            while let token = try tokenizer.next() {
                guard token.path.components.count == 1, token.kind != .key,
                    case .key(let name) = token.path.components[0]
                else { continue }
                let key = TaskInputKey(process: sample.process, task: sample.task, parameter: name)
                guard keys.contains(key) else { continue }
                // A value of this key already ended: this is a second occurrence of it.
                guard values[key] == nil else {
                    throw DeployError.duplicateJSONKey(
                        TaskInput.outputPath(of: key), source: source, parameter: name)
                }
                let start = starts[Array(name.utf8)] ?? token.span.lowerBound
                starts[Array(name.utf8)] = start
                if token.kind != .beginObject && token.kind != .beginArray {
                    let json = WipedArray(rendered[start..<token.span.upperBound])
                    json.append(0x0A)
                    values[key] = json
                }
            }
        } catch let error as DeployError {
            throw error
        } catch {
            throw .unreadableOutput(source)
        }
        return values
    }
}
