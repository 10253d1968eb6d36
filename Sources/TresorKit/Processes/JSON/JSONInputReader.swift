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
    /// starts with a byte order mark (which RFC 8259 forbids), is UTF-16, or starts with
    /// `<`, as XML does (a BPMN file named `.json`, or piped to `render -`).
    static func explained(_ error: JSONSyntaxError, in bytes: [UInt8]) -> JSONSyntaxError {
        // UTF-16 (with or without its mark): every other byte of its ASCII text is NUL
        // (it got "a value expected" and no word of the encoding; found by a fresh tester).
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0, 0, 0xFE, 0xFF])
            || bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0)
        {
            // Three NULs around the first character: UTF-32 (a second tester's input was
            // named UTF-16, with an iconv that would have made garbage of it).
            let wide =
                bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF])
                || bytes.count >= 4 && bytes[1] == 0 && bytes[2] == 0
            let encoding = wide ? "UTF-32" : "UTF-16"
            return JSONSyntaxError(
                "the file looks like \(encoding) (a byte order mark, or NUL bytes between the "
                    + "characters); JSON task inputs are read as UTF-8",
                at: 0, hint: "save the file as UTF-8 (iconv -f \(encoding) -t UTF-8)")
        }
        // A placeholder standing where a value goes reads as an object that opens with no
        // key (it got "a key expected"; found by a twenty-eighth fresh tester).
        if let bare = PlaceholderScanner.scan(bytes).placeholders.first(where: {
            $0.range.contains(error.offset)
        }) {
            return JSONSyntaxError(
                "placeholder {{secret:\(bare.name)}} stands bare where a JSON value goes; its "
                    + "value would be written as JSON code", at: bare.range.lowerBound,
                hint: "put it inside a JSON string: \"{{secret:\(bare.name)}}\"")
        }
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

    /// The process and task a file names through its path: `<process>/<task>.json`, the
    /// extension in any case, as the folder reads it (see `ProcessFolder.kind(of:)`). The
    /// path is taken apart by its bytes (see `PathNames.swift`): a name may start with a
    /// combining mark, which `String` would join to the `/` before it.
    static func identity(of path: String) -> (ProcessIdentity?, TaskIdentity?) {
        let names = path.pathNames
        let suffix = ".json"
        guard names.count == 2, path.utf8.filter({ $0 == UInt8(ascii: "/") }).count == 1,
            !path.isAbsolutePath, names[1].hasSuffixBytes(suffix, ignoringASCIICase: true),
            names[1].utf8.count > suffix.utf8.count
        else { return (nil, nil) }
        let stem = names[1].droppingLastBytes(suffix.utf8.count)
        return (
            ProcessIdentity(id: String(names[0])), TaskIdentity(id: String(stem), kind: taskKind)
        )
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
        /// The file's first token: a task input is an object of named inputs.
        private var top: JSONToken?
        private var toldNotAnObject = false

        init(path: String, lines: LineIndex, process: ProcessIdentity?, task: TaskIdentity?) {
            self.path = path
            self.lines = lines
            self.process = process
            self.task = task
        }

        mutating func read(_ token: JSONToken) {
            if top == nil { top = token }
            track(token)
            guard let text = token.text, PlaceholderScanner.mayContainPlaceholder(text.bytes)
            else { return }
            let scan = PlaceholderScanner.scan(text.bytes)
            for nearMiss in scan.nearMisses {
                let at = location(text.sourceOffset(of: nearMiss.range.lowerBound))
                findings.append(PlaceholderFindings.nearMiss(nearMiss, at: at))
            }
            // JSON in a JSON string: the value would need escaping twice (asked once).
            let nested = token.kind == .string && InnerContext.holdsJSONDocument(text.bytes)
            for placeholder in scan.placeholders {
                let at = location(text.sourceOffset(of: placeholder.range.lowerBound))
                guard token.kind == .string else {
                    let keyPath = token.path.description
                    findings.append(
                        PlaceholderFindings.jsonKey(placeholder.name, path: keyPath, at: at))
                    continue
                }
                guard !nested else {
                    findings.append(
                        PlaceholderFindings.nestedJSON(
                            placeholder.name, path: token.path.description, at: at))
                    continue
                }
                refuseUnnamedInput()
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
                        "the key \(TerminalText.inQuotes(String(decoding: name, as: UTF8.self))) "
                            + "appears twice in one object (first at line \(earlier.line), "
                            + "column \(earlier.column))",
                        hint: "keep one of the two: engines differ in which one they take"))
            default: break
            }
        }

        /// A task input holding a placeholder must be an object: its members are the
        /// task's named inputs, each of which `deploy` writes to a file of its own. Told once
        /// per file, at its top-level value; other JSON files may be any value.
        private mutating func refuseUnnamedInput() {
            guard task != nil, let top, top.kind != .beginObject, !toldNotAnObject else { return }
            toldNotAnObject = true
            let kind =
                switch top.kind {
                case .beginArray: "an array"
                case .string: "a string"
                default: "not an object"
                }
            findings.append(
                Finding(
                    .error, .json, at: location(top.span.lowerBound),
                    "a task input must be a JSON object of named inputs; this one is \(kind)",
                    hint: "wrap it in an object that names the input: {\"payload\": ...}"))
        }

        private func location(_ offset: Int) -> SourceLocation {
            let position = lines.position(of: offset)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
    }
}
