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
            collector.findings.append(
                explained(error, in: bytes).finding(path: path, lines: lines))
        }
        return ProcessDocument(
            path: path, kind: .json, processes: process.map { [$0] } ?? [],
            references: collector.references,
            findings: BPMNReader.sortedByLocation(collector.findings))
    }

    /// `error` with a clearer message when the file is not JSON from its first byte: it
    /// starts with a byte order mark (which RFC 8259 forbids), or with `<`, as XML does (a
    /// BPMN file named `.json`, or piped to `render -`).
    static func explained(_ error: JSONSyntaxError, in bytes: [UInt8]) -> JSONSyntaxError {
        let first = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let first, error.offset == first else { return error }
        if bytes[first...].starts(with: [0xEF, 0xBB, 0xBF]) {
            return JSONSyntaxError(
                "the file starts with a byte order mark (EF BB BF), which JSON does not allow",
                at: first, hint: "save the file as UTF-8 without a byte order mark (BOM)")
        }
        if bytes[first] == UInt8(ascii: "<") {
            return JSONSyntaxError(
                "this is XML, not JSON: it starts with '<'", at: first,
                hint: "a task input is one JSON value; give a BPMN file the .bpmn extension "
                    + "(`render -` reads JSON only: render a BPMN file by its path)")
        }
        return error
    }

    /// The process and task a file names through its path: `<process>/<task>.json`.
    static func identity(of path: String) -> (ProcessIdentity?, TaskIdentity?) {
        // An ASCII path, as nearly every path is, is split as bytes: each byte is then one
        // character, and this costs a twentieth of the string functions below.
        if let identity = asciiIdentity(of: path) { return identity }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count == 2, !components[0].isEmpty, components[1].hasSuffix(".json")
        else { return (nil, nil) }
        let stem = String(components[1].dropLast(".json".count))
        guard !stem.isEmpty else { return (nil, nil) }
        return (ProcessIdentity(id: String(components[0])), TaskIdentity(id: stem, kind: taskKind))
    }

    /// ``identity(of:)`` of an ASCII path; nil for a path that is not ASCII.
    private static func asciiIdentity(of path: String) -> (ProcessIdentity?, TaskIdentity?)? {
        var path = path
        return path.withUTF8 { bytes -> (ProcessIdentity?, TaskIdentity?)? in
            var slash: Int?
            for (index, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                guard byte == UInt8(ascii: "/") else { continue }
                // A second `/`: not `<process>/<task>.json`, but the rest must be ASCII.
                slash = slash == nil ? index : -1
            }
            let suffix = ".json".utf8
            guard let slash, slash > 0, bytes.count - (slash + 1) > suffix.count,
                bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
            else { return (nil, nil) }
            let folder = String(decoding: bytes[..<slash], as: UTF8.self)
            let stem = String(
                decoding: bytes[(slash + 1)..<(bytes.count - suffix.count)], as: UTF8.self)
            return (ProcessIdentity(id: folder), TaskIdentity(id: stem, kind: taskKind))
        }
    }

    /// Gathers references and findings token by token.
    private struct Collector {
        let path: String
        let lines: LineIndex
        let process: ProcessIdentity?
        let task: TaskIdentity?
        var references: [PlaceholderReference] = []
        var findings: [Finding] = []
        /// The keys of each open object and where each was first written; nil for arrays.
        private var keys: [JSONObjectKeys<Int>?] = []

        init(path: String, lines: LineIndex, process: ProcessIdentity?, task: TaskIdentity?) {
            self.path = path
            self.lines = lines
            self.process = process
            self.task = task
        }

        mutating func read(_ token: JSONToken) {
            track(token)
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

        /// Follows the open objects and arrays, and refuses a key written twice in one
        /// object: which value an engine takes is up to its parser (the last, usually), so
        /// the placeholder checked and rendered might not be the value used.
        private mutating func track(_ token: JSONToken) {
            switch token.kind {
            case .beginObject: keys.append(JSONObjectKeys())
            case .beginArray: keys.append(nil)
            case .endObject, .endArray: keys.removeLast()
            case .key:
                guard let name = token.text?.bytes, keys.last != nil,
                    let first = keys[keys.count - 1]!.earlier(name, else: token.span.lowerBound)
                else { return }
                let earlier = lines.position(of: first)
                findings.append(
                    Finding(
                        .error, .json, at: location(token.span.lowerBound),
                        "the key \(String(decoding: name, as: UTF8.self).debugDescription) "
                            + "appears twice in one object (first at line \(earlier.line), "
                            + "column \(earlier.column))",
                        hint: "keep one of the two: engines differ in which one they take"))
            default: break
            }
        }

        private func location(_ offset: Int) -> SourceLocation {
            let position = lines.position(of: offset)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
    }
}
