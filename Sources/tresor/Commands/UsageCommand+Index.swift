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
        let missing = used.subtracting(secrets).sorted()
        let names = only.map { [$0] } ?? (secrets + missing).sorted()
        let absent = Set(names).subtracting(secrets)
        let (undeployed, pending) = try notDeployed()
        if invocation.wantsJSON {
            var object: [String: Any] = [
                "deployed_at": index.deployedAt,
                "secrets": names.map { json($0, exists: !absent.contains($0)) },
            ]
            // One secret asked for: no summary lists, as in the text form, but its uses in
            // processes not deployed yet, which the index cannot know.
            if only == nil {
                object["unused"] = secrets.filter { !used.contains($0) }.map(\.text)
                object["missing"] = missing.map(\.text)
                object["not_deployed"] = undeployed.map { ["id": $0.id, "file": $0.file] }
            } else {
                object["not_deployed_uses"] = pending.map(json)
            }
            try JSONOutput.print(object, console: invocation.console)
            return .ok
        }
        let console = invocation.console
        console.print("as deployed at \(index.deployedAt) (vault/\(UsageIndex.fileName))")
        for name in names {
            console.print("\(name)" + (absent.contains(name) ? "  (not in the vault)" : ""))
            let uses = index.uses(of: name)
            if uses.isEmpty, pending.isEmpty { console.print("  used nowhere") }
            for use in uses { console.print("  " + row(use)) }
            for use in pending { console.print("  " + row(use) + "  (not deployed yet)") }
        }
        guard only == nil else { return .ok }
        let unused = secrets.filter { !used.contains($0) }.map(\.text)
        console.print("")
        console.print("unused secrets: " + list(unused))
        console.print("references to missing secrets: " + list(missing.map(\.text)))
        for process in undeployed {
            console.print("not deployed yet: process \(process.id) (\(process.file))")
        }
        return .ok
    }

    /// Processes of the process folder whose id is not in the index, and, when one secret
    /// is asked for, its placeholders in those processes.
    private func notDeployed() throws -> ([UsageIndex.Process], [UsageIndex.Use]) {
        guard FileReader.isFolder(folder) else { return ([], []) }
        // Ids by their bytes: two spellings of an id are two processes.
        let deployed = Set(index.processes.map { Array($0.id.utf8) })
        let only = only
        var undeployed: [UsageIndex.Process] = []
        var pending: [UsageIndex.Use] = []
        try ProcessScan.forEachDocument(
            in: folder, displayPrefix: "",
            transform: { document in
                let processes = document.processes.filter { !deployed.contains(Array($0.id.utf8)) }
                    .map { UsageIndex.Process(id: $0.id, name: $0.name, file: document.path) }
                let uses = document.references.filter { reference in
                    reference.name == only
                        && reference.process.map { !deployed.contains(Array($0.id.utf8)) } == true
                }.map { UsageIndex.Use($0, file: document.path) }
                return (processes, uses)
            }
        ) {
            undeployed += $0.0
            pending += $0.1
        }
        return (undeployed, pending)
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

    private func json(_ name: SecretName, exists: Bool) -> [String: Any] {
        ["name": name.text, "exists": exists, "uses": index.uses(of: name).map(json)]
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
