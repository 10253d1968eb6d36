import TresorKit

/// `tresor usage` from the usage index of the last deploy, and the processes of the
/// process folder that are not in it.
struct IndexUsage {
    let index: UsageIndex
    let vault: Vault
    let only: SecretName?
    let folder: String

    func print(_ invocation: Invocation) throws -> ExitCode {
        let secrets = try vault.names()
        let used = Set(index.uses.compactMap { try? SecretName($0.secret) })
        let current = try sinceDeploy()
        // Missing: named by the index, or by a process not deployed yet or changed since
        // (found by a fresh tester).
        let missing = used.union(current.names).subtracting(secrets).sorted()
        let names = only.map { [$0] } ?? (secrets + missing).sorted()
        let absent = Set(names).subtracting(secrets)
        // A secret the process folder uses where the index cannot see it (a process not
        // deployed yet, or changed since) is not unused (found by a fresh tester).
        let unused = secrets.filter { !used.contains($0) && !current.names.contains($0) }
        if invocation.wantsJSON {
            var object: [String: Any] = [
                "deployed_at": index.deployedAt,
                "secrets": names.map { json($0, exists: !absent.contains($0), current: current) },
            ]
            // One secret asked for: no summary lists, as in the text form, but its uses in
            // processes not deployed yet or changed since, which the index cannot know.
            if only == nil {
                object["unused"] = unused.map(\.text)
                object["missing"] = missing.map(\.text)
                object["not_deployed"] = current.undeployed.map { ["id": $0.id, "file": $0.file] }
                object["changed"] = current.changed.map { ["id": $0.id, "file": $0.file] }
                object["removed"] = current.removed.map { ["id": $0.id, "file": $0.file] }
            } else {
                object["not_deployed_uses"] = current.uses.map { use, changed in
                    var object = json(use)
                    object["changed"] = changed
                    return object
                }
            }
            try JSONOutput.print(object, console: invocation.console)
            return .ok
        }
        let console = invocation.console
        console.print("as deployed at \(index.deployedAt) (vault/\(UsageIndex.fileName))")
        for name in names {
            console.print("\(name)" + (absent.contains(name) ? "  (not in the vault)" : ""))
            let uses = index.uses(of: name)
            if uses.isEmpty, current.uses.isEmpty {
                console.print(
                    current.names.contains(name)
                        ? "  in no deployed process; used by one not deployed yet or changed "
                            + "since (below)"
                        : "  used nowhere")
            }
            // A deployed use whose process changed or went since is marked so (found by a
            // fresh tester): the next deploy may not make it.
            for use in uses {
                console.print("  " + row(use) + (current.state(of: use).map { "  (\($0))" } ?? ""))
            }
            for (use, changed) in current.uses {
                let state = changed ? "changed since the deploy" : "not deployed yet"
                console.print("  " + row(use) + "  (\(state))")
            }
        }
        guard only == nil else { return .ok }
        console.print("")
        console.print("unused secrets: " + list(unused.map(\.text)))
        console.print("references to missing secrets: " + list(missing.map(\.text)))
        // Ids and paths from the files, escaped as the rows escape them (found by a fresh
        // tester: a control character in a folder name reached the terminal).
        let processes = [
            ("not deployed yet", current.undeployed), ("changed since the deploy", current.changed),
            ("removed since the deploy", current.removed),
        ]
        for (state, list) in processes {
            for process in list {
                console.print(
                    "\(state): process \(TerminalText.escaped(process.id)) "
                        + "(\(TerminalText.quoted(process.file)))")
            }
        }
        return .ok
    }

    /// What the process folder holds that the index does not say.
    private struct SinceDeploy {
        /// Processes whose id is not in the index.
        var undeployed: [UsageIndex.Process] = []
        /// Deployed processes whose placeholders are not those the index lists.
        var changed: [UsageIndex.Process] = []
        /// When one secret is asked for, its uses in those processes that the index does
        /// not hold, each with whether its process was deployed (and changed since).
        var uses: [(use: UsageIndex.Use, changed: Bool)] = []
        /// Deployed processes whose file the scan did not find (removed, or moved: a moved
        /// one is listed as changed in its new file too).
        var removed: [UsageIndex.Process] = []
        /// The secrets those processes use.
        var names: Set<SecretName> = []
        /// Every process the scan met, by id and file.
        var seen: Set<[[UInt8]]> = []

        /// "changed since the deploy" or "removed since the deploy" for a use of the index
        /// whose process is; nil for one still as deployed.
        func state(of use: UsageIndex.Use) -> String? {
            guard let process = use.process, !changed.isEmpty || !removed.isEmpty else {
                return nil
            }
            let key = Self.key(process, use.file)
            if changedKeys.contains(key) { return "changed since the deploy" }
            if removedKeys.contains(key) { return "removed since the deploy" }
            return nil
        }

        /// The changed and removed processes by id and file, once the scan is done.
        private(set) var changedKeys: Set<[[UInt8]]> = []
        private(set) var removedKeys: Set<[[UInt8]]> = []

        mutating func finish() {
            changedKeys = Set(changed.map { Self.key($0.id, $0.file) })
            removedKeys = Set(removed.map { Self.key($0.id, $0.file) })
        }

        /// A process by the bytes of its id and file: two spellings are two.
        static func key(_ id: String, _ file: String) -> [[UInt8]] {
            [Array(id.utf8), Array(file.utf8)]
        }
    }

    /// Scans the process folder for processes not deployed yet or changed since: a
    /// deployed process whose placeholders in a file (secret, task, parameter, field) are
    /// not the ones the index lists for it in that file has changed (a process may have
    /// task inputs in JSON files of its own).
    private func sinceDeploy() throws -> SinceDeploy {
        guard FileReader.isFolder(folder) else { return SinceDeploy() }
        // Ids and files by their bytes: two spellings of an id are two processes.
        let key = { @Sendable (id: String, file: String) in SinceDeploy.key(id, file) }
        let ids = Set(index.processes.map { Array($0.id.utf8) })
        var deployed: [[[UInt8]]: [UseKey]] = [:]
        for process in index.processes { deployed[key(process.id, process.file)] = [] }
        for use in index.uses {
            guard let process = use.process else { continue }
            deployed[key(process, use.file), default: []].append(UseKey(use))
        }
        let indexed = deployed.mapValues { $0.sorted() }
        let only = only
        var result = SinceDeploy()
        try ProcessScan.forEachDocument(
            in: folder, displayPrefix: "",
            transform: { document in
                var found = SinceDeploy()
                for process in document.processes {
                    found.seen.insert(key(process.id, document.path))
                    let id = Array(process.id.utf8)
                    let listed = UsageIndex.Process(
                        id: process.id, name: process.name, file: document.path)
                    let references = document.references.filter {
                        $0.process.map { Array($0.id.utf8) == id } == true
                    }
                    let uses = references.map { UsageIndex.Use($0, file: document.path) }
                    let isDeployed = ids.contains(id)
                    let old = indexed[key(process.id, document.path)] ?? []
                    if isDeployed, old == uses.map(UseKey.init).sorted() { continue }
                    if isDeployed {
                        found.changed.append(listed)
                    } else {
                        found.undeployed.append(listed)
                    }
                    found.names.formUnion(references.map(\.name))
                    for (reference, use) in zip(references, uses) where reference.name == only {
                        // A use the deploy had already made is listed as deployed.
                        if old.contains(UseKey(use)) { continue }
                        found.uses.append((use, isDeployed))
                    }
                }
                return found
            }
        ) { found in
            result.undeployed += found.undeployed
            result.changed += found.changed
            result.uses += found.uses
            result.names.formUnion(found.names)
            result.seen.formUnion(found.seen)
        }
        result.removed = index.processes.filter { !result.seen.contains(key($0.id, $0.file)) }
        result.finish()
        return result
    }

    /// What a use is, without where it is written: a deployed process whose uses keep
    /// their keys has not changed.
    private struct UseKey: Comparable, Hashable, Sendable {
        /// Secret, task, parameter and field, as bytes.
        let parts: [[UInt8]]

        init(_ use: UsageIndex.Use) {
            parts = [use.secret, use.task ?? "", use.parameter, use.field].map { Array($0.utf8) }
        }

        static func < (left: UseKey, right: UseKey) -> Bool {
            left.parts.lexicographicallyPrecedes(right.parts) { $0.lexicographicallyPrecedes($1) }
        }
    }

    /// One use, as the scanning listing shows it: control characters from the files as C
    /// escapes, the path quoted when it holds one.
    private func row(_ use: UsageIndex.Use) -> String {
        let escaped = { (text: String) in TerminalText.escaped(text) }
        var parts = ["\(TerminalText.quoted(use.file)):\(use.line)"]
        if let process = use.process { parts.append("process \(escaped(process))") }
        if let task = use.task {
            parts.append(
                "task \(escaped(task))"
                    + (use.taskName.map { " " + TerminalText.inQuotes($0) } ?? ""))
        }
        parts.append("parameter \(escaped(use.parameter))")
        // A field path in its own notation (`["k\"x"]`), whose backslashes stay.
        parts.append("field \(TerminalText.escaped(use.field, backslashes: false))")
        return parts.joined(separator: "  ")
    }

    private func json(_ name: SecretName, exists: Bool, current: SinceDeploy) -> [String: Any] {
        let uses = index.uses(of: name).map { use in
            var object = json(use)
            object["since_deploy"] = current.state(of: use)
            return object
        }
        return ["name": name.text, "exists": exists, "uses": uses]
    }

    private func json(_ use: UsageIndex.Use) -> [String: Any] {
        var object: [String: Any] = [
            "file": use.file, "line": use.line, "parameter": use.parameter, "field": use.field,
        ]
        object["process"] = use.process
        object["task"] = use.task
        return object
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }
}
