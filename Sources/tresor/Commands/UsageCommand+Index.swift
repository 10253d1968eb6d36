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
        // Without the process folder nothing can be compared with the deploy: said, where
        // every use was shown as current (found by a forty-fourth fresh tester).
        if !FileReader.isFolder(folder) {
            invocation.console.warning(
                "no process folder at \(folder): the uses below are the last deploy's, not "
                    + "checked against the process files")
        }
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
