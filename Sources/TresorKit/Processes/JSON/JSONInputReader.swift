/// Reads a JSON task input file of the process folder into a `ProcessDocument`.
///
/// A file at `<process id>/<task id>.json` holds the inputs of that task; any other JSON file
/// is reported by its own path with no process or task. Placeholders are resolved only inside
/// string values, where the renderer escapes the value as JSON string content; one in a key
/// is an error. Reading never throws: an invalid file gets a `json` finding with line:col.
public enum JSONInputReader {
    /// The task kind reported for JSON task input files.
    public static let taskKind = "task input"

    /// Reads the JSON file `bytes`; `path` is relative to the processes folder.
    public static func read(bytes: [UInt8], path: String) -> ProcessDocument {
        let lines = LineIndex(bytes)
        let (process, task) = identity(of: path)
        var collector = Collector(path: path, lines: lines, process: process, task: task)
        var tokenizer = JSONTokenizer(bytes)
        do throws(JSONSyntaxError) {
            while let token = try tokenizer.next() { collector.read(token) }
        } catch {
            collector.findings.append(error.finding(path: path, lines: lines))
        }
        return ProcessDocument(
            path: path, kind: .json, processes: process.map { [$0] } ?? [],
            references: collector.references,
            findings: BPMNReader.sortedByLocation(collector.findings))
    }

    /// The process and task a file names through its path: `<process>/<task>.json`.
    static func identity(of path: String) -> (ProcessIdentity?, TaskIdentity?) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count == 2, !components[0].isEmpty, components[1].hasSuffix(".json")
        else { return (nil, nil) }
        let stem = String(components[1].dropLast(".json".count))
        guard !stem.isEmpty else { return (nil, nil) }
        return (ProcessIdentity(id: String(components[0])), TaskIdentity(id: stem, kind: taskKind))
    }

    /// Gathers references and findings token by token.
    private struct Collector {
        let path: String
        let lines: LineIndex
        let process: ProcessIdentity?
        let task: TaskIdentity?
        var references: [PlaceholderReference] = []
        var findings: [Finding] = []

        init(path: String, lines: LineIndex, process: ProcessIdentity?, task: TaskIdentity?) {
            self.path = path
            self.lines = lines
            self.process = process
            self.task = task
        }

        mutating func read(_ token: JSONToken) {
            guard let text = token.text, PlaceholderScanner.mayContainPlaceholder(text.bytes)
            else { return }
            let scan = PlaceholderScanner.scan(text.bytes)
            for nearMiss in scan.nearMisses {
                let at = location(text.sourceOffset(of: nearMiss.range.lowerBound))
                findings.append(PlaceholderFindings.nearMiss(nearMiss, at: at))
            }
            for placeholder in scan.placeholders {
                let at = location(text.sourceOffset(of: placeholder.range.lowerBound))
                guard token.kind == .string else {
                    let keyPath = token.path.description
                    findings.append(
                        PlaceholderFindings.jsonKey(placeholder.name, path: keyPath, at: at))
                    continue
                }
                references.append(
                    PlaceholderReference(
                        name: placeholder.name, location: at, process: process, task: task,
                        parameter: token.path.components.first?.description ?? "",
                        fieldPath: token.path.description,
                        context: EscapeContext(inner: .jsonString, outer: .none),
                        sourceRange: text.sourceRange(of: placeholder.range)))
            }
        }

        private func location(_ offset: Int) -> SourceLocation {
            let position = lines.position(of: offset)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
    }
}
