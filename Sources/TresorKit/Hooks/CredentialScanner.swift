/// Finds plaintext credentials in the task inputs of a process file: a credential-named
/// field holding a literal, and a literal `Bearer` / `Basic` credential in any input.
///
/// It walks the same sites as the process readers (`BPMNWalker`), but every input, not
/// only those that may hold a placeholder; JSON payloads inside an input and JSON task
/// input files are read value by value, and so is a JSON document held in one of their
/// strings. Findings carry the field, never the value.
enum CredentialScanner {
    /// The findings for the process file `bytes` of `kind`; `path` names it in locations.
    static func scan(_ bytes: [UInt8], path: String, kind: ProcessDocument.Kind)
        -> [CommitFinding]
    {
        var collector = Collector(path: path, lines: LineIndex(bytes))
        switch kind {
        case .json:
            collector.readJSON(bytes, base: "", task: nil) { $0 }
        case .bpmn:
            var walker = BPMNWalker(bytes, readsEveryText: true)
            // A malformed file stops the walk; the reader reports it as an `xml` finding.
            try? walker.walk { collector.read($0) }
        }
        return collector.findings
    }

    /// ``scan(_:path:kind:)`` of a BPMN file in whatever encoding it is in (see
    /// ``ModelText``), so a model saved so is checked rather than skipped (found by a
    /// thirty-sixth fresh tester: outside the process folder, where nothing refuses such a
    /// file, its credentials passed). A file the walk cannot read to its end is an error
    /// of its own: it could hold anything (found by a thirty-seventh: a DOCTYPE, or an
    /// encoding declared other than UTF-8, hid a model). Lines are the file's; columns
    /// count characters where the file is not UTF-8.
    static func scanBPMN(anyEncoding bytes: [UInt8], path: String) -> [CommitFinding] {
        guard bytes.count <= ProcessFolder.maximumFileSize else {
            return [unreadable(path, at: .file(path), "it is larger than 64 MiB")]
        }
        let text = ModelText.declaredUTF8(ModelText.utf8(bytes))
        let lines = LineIndex(text)
        var collector = Collector(path: path, lines: lines)
        var walker = BPMNWalker(text, readsEveryText: true)
        do throws(XMLSyntaxError) {
            try walker.walk { collector.read($0) }
        } catch {
            let problem = error.finding(path: path, lines: lines)
            collector.findings.append(unreadable(path, at: problem.location, problem.message))
        }
        return collector.findings
    }

    /// The error for a BPMN-named file the credential rules cannot read (`why`).
    private static func unreadable(
        _ path: String, at location: SourceLocation, _ why: String
    ) -> CommitFinding {
        CommitFinding(
            Finding(
                .error, .plaintextCredential, at: location,
                "named as a process model, but the credential rules cannot read it: " + why,
                hint: "save it as UTF-8 XML without a DOCTYPE, under 64 MiB; if it is no process "
                    + "model, rename it, or allow plaintext-credential for it in "
                    + AllowList.fileName))
    }

    /// True for a file name BPMN files are given: `.bpmn`, `.bpmn20.xml`, `.bpmn2` (jBPM,
    /// Eclipse's modeler) anywhere, and any `.xml` in the process folder.
    static func mayBeBPMN(_ path: String, inProcessFolder: Bool) -> Bool {
        let name = path.lastPathName
        func named(_ suffix: String) -> Bool {
            name.hasSuffixBytes(suffix, ignoringASCIICase: true)
        }
        return named(".bpmn") || named(".bpmn2") || named(".bpmn20.xml")
            || inProcessFolder && named(".xml")
    }

    private struct Collector {
        let path: String
        let lines: LineIndex
        var findings: [CommitFinding] = []
        /// The parts of the file that are Camunda element templates (`""` for the whole
        /// file, `[2]` for one of an array of them): their `key` and `name` fields name
        /// the fields a modeler shows and hold no value (`"key": "elementTemplateVersion"`
        /// was a `plaintext-credential`; found by a sixteenth fresh tester), so field names
        /// there say nothing. A property's `value` is judged by the name it is bound to
        /// (`"binding": {"name": "password"}`), and a literal Bearer or Basic credential is
        /// found anywhere.
        // Limitation: in a template, a literal under a credential-like field name that no
        // binding gives is not found (README, Known limitations).
        var templates: [String] = []
        /// For each template property (by its path), the input, header or field its
        /// `binding` names.
        var bindings: [String: String] = [:]

        /// Finds the templates and their properties' bindings among the file's `tokens`: an
        /// object (the file, or an element of a top-level array) whose `$schema` is one of
        /// Camunda's element template schemas.
        mutating func findTemplates(_ tokens: [JSONToken]) {
            for token in tokens where token.kind == .string {
                guard let value = token.text?.bytes else { continue }
                let path = token.path.appended(to: "")
                let text = String(decoding: value, as: UTF8.self)
                if let root = path.droppingSuffix("$schema"),
                    root.isEmpty || (root.hasPrefix("[") && root.hasSuffix("].")),
                    text.contains("/@camunda/"), text.contains("element-templates-json-schema")
                {
                    templates.append(root.isEmpty ? "" : String(root.dropLast()))
                }
                for key in [".binding.name", ".binding.key"] {
                    if let property = path.droppingSuffix(key) { bindings[property] = text }
                }
            }
        }

        /// The template `field` (a full path) lies in, if any.
        func template(of field: String) -> String? {
            templates.first { root in
                root.isEmpty || field == root || field.hasPrefix(root + ".")
                    || field.hasPrefix(root + "[")
            }
        }

        mutating func read(_ site: BPMNSite) {
            if case .script(let parameter) = site.place { return readScript(site, parameter) }
            guard case .input(_, let fieldPath, let reading) = site.place else { return }
            let isZeebe = reading.isZeebe
            let text = site.text.bytes
            if !isZeebe, looksLikeJSON(text) {
                let isJSON = readJSON(text, base: fieldPath, task: site.task) {
                    site.text.sourceOffset(of: $0)
                }
                if isJSON { return }
            }
            check(
                text, field: fieldPath, name: fieldPath, readsFEEL: reading == .feelWhenMarked,
                task: site.task,
                offset: site.text.sourceOffset(of: 0)
            ) { site.text.sourceOffset(of: $0) }
        }

        /// Checks the literals the script of input parameter `parameter` gives to names, by
        /// the name as a field's value goes by its field's (see ``ScriptAssignments``).
        private mutating func readScript(_ site: BPMNSite, _ parameter: String) {
            let text = site.text.bytes
            for assignment in ScriptAssignments.find(in: text) {
                let name = String(decoding: text[assignment.name], as: UTF8.self)
                let literal = Array(text[assignment.literal])
                guard CredentialField.isScriptCredential(name),
                    CredentialField.isLiteral(literal, readsFEEL: false),
                    !CredentialField.isStandIn(literal)
                else { continue }
                // A quoted key is the script's text, which a finding never prints.
                let named = assignment.isQuotedName ? "a quoted key naming a credential" : name
                add(
                    .plaintextCredential, parameter, site.task,
                    site.text.sourceOffset(of: assignment.name.lowerBound),
                    "gives \(named) a literal value in its script",
                    hint: "a script is code, and no placeholder is resolved in it: store the "
                        + "credential with `tresor create NAME`, pass it as another input "
                        + "parameter ({{secret:NAME}}) and read that variable in the script; "
                        + "if it is no credential, add an entry to \(AllowList.fileName)")
            }
        }

        /// Checks each string value of the JSON `text`; false when it is not JSON.
        @discardableResult
        mutating func readJSON(
            _ text: [UInt8], base: String, task: TaskIdentity?, source: (Int) -> Int
        ) -> Bool {
            let ranges = PlaceholderScanner.scan(text).placeholders.map(\.range)
            guard let tokens = try? JSONTokenizer.tokens(of: text, placeholders: ranges) else {
                return false
            }
            if base.isEmpty { findTemplates(tokens) }
            for token in tokens where token.kind == .string {
                guard let value = token.text?.bytes else { continue }
                let start = token.contentSpan.lowerBound
                // A JSON document held in a string is read too, its findings placed at the
                // string (`{"nested": "{\"token\": \"x\"}"}` passed; found by a fresh
                // tester).
                if looksLikeJSON(value),
                    readJSON(
                        value, base: token.path.appended(to: base), task: task,
                        source: { _ in source(start) })
                {
                    continue
                }
                let field = token.path.appended(to: base)
                // In a template, a property's value goes by the name it is bound to, and
                // other field names name nothing.
                var named: String? = field
                if template(of: field) != nil {
                    named = field.droppingSuffix(".value").flatMap { bindings[$0] }
                }
                check(
                    value, field: field, name: named, readsFEEL: false, task: task,
                    offset: source(start)
                ) { source(start + $0) }
            }
            return true
        }

        /// Checks one value of `field`; `name` is what says whether it carries a credential
        /// (the field itself, a template property's binding, or nil for none).
        private mutating func check(
            _ value: [UInt8], field: String, name: String?, readsFEEL: Bool, task: TaskIdentity?,
            offset: Int, source: (Int) -> Int
        ) {
            if let name, CredentialField.isCredential(CredentialField.lastName(of: name)),
                CredentialField.isLiteral(value, readsFEEL: readsFEEL)
            {
                return add(.plaintextCredential, field, task, offset, "holds a literal value")
            }
            if let first = AuthorizationHeader.literalOffsets(in: value).first {
                add(
                    .literalAuthHeader, field, task, source(first),
                    "holds a literal Bearer or Basic credential")
            }
        }

        private mutating func add(
            _ rule: Rule, _ field: String, _ task: TaskIdentity?, _ offset: Int, _ what: String,
            hint: String? = nil
        ) {
            let position = lines.position(of: offset)
            let location = SourceLocation(
                path: path, line: position.line, column: position.column)
            let owner = task.map { " of \($0.kind) \"\($0.id)\"" } ?? ""
            let finding = Finding(
                .error, rule, at: location,
                "task input field \"\(field)\"\(owner) \(what), not a placeholder",
                hint: hint
                    ?? "store it with `tresor create NAME --display-name TEXT --type TYPE` and "
                    + "write {{secret:NAME}}; if it is "
                    + "no credential, add an entry to \(AllowList.fileName)")
            findings.append(CommitFinding(finding, field: field))
        }

        private func looksLikeJSON(_ text: [UInt8]) -> Bool {
            guard let first = text.first(where: { !CredentialField.isBlank($0) }) else {
                return false
            }
            return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        }
    }
}

extension String {
    /// The string without `suffix`, or nil when it does not end so.
    fileprivate func droppingSuffix(_ suffix: String) -> String? {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : nil
    }
}
