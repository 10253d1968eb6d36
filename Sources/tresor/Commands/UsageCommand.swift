import TresorKit

/// `tresor usage [NAME] [--processes DIR]`: where each secret is used.
enum UsageCommand {
    static let spec = CommandSpec(
        name: "usage", summary: "show which processes, tasks and fields use each secret",
        usage: "[NAME] [--processes DIR] [--json]",
        details: """
            Per secret: the process (id and name), file, task (id, name, kind), parameter and
            field path of every placeholder that names it; then the secrets used nowhere and
            the placeholders naming secrets that do not exist. Needs no master key.
            Without --processes, once `tresor deploy` has run, reads the usage index of the
            last deploy (vault/usage-index.json) and names the processes of the process
            folder that were not deployed yet; with --processes DIR, scans DIR.
            """,
        flags: [
            .processes,
            .json,
        ],
        positionals: 0...1, run: run, operand: .secretName)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let only = try invocation.arguments.positionals.first.map { try SecretName($0) }
        let folder = try invocation.processesFolder(vault)
        if invocation.arguments.value("processes") == nil,
            let index = try UsageIndex.read(in: vault)
        {
            return try IndexUsage(index: index, vault: vault, only: only, folder: folder)
                .print(invocation)
        }
        let report = try invocation.scan(folder, vault: vault)
        invocation.console.step("read \(report.fileCount) process files in \(folder)")
        let names = only.map { [$0] } ?? (report.secrets + report.missing).sorted()
        if invocation.wantsJSON {
            try JSONOutput.print(json(report, names: names), console: invocation.console)
        } else {
            printText(report, names: names, only: only, console: invocation.console)
        }
        return .ok
    }

    private static func printText(
        _ report: UsageReport, names: [SecretName], only: SecretName?, console: Console
    ) {
        // One write per 64 KiB rather than per line: a large report has a line per use.
        var output = BufferedOutput(console: console)
        defer { output.flush() }
        let missing = Set(report.missing)
        for name in names {
            let references = report.references(to: name)
            let state = missing.contains(name) ? "  (not in the vault)" : ""
            output.print("\(name)\(state)")
            if references.isEmpty { output.print("  used nowhere") }
            for reference in references { output.print("  " + row(reference)) }
        }
        guard only == nil else { return }
        let unused = report.unused.map(\.text)
        output.print("")
        output.print(
            "unused secrets: " + (unused.isEmpty ? "none" : unused.joined(separator: ", ")))
        let absent = report.missing.map(\.text)
        output.print(
            "references to missing secrets: "
                + (absent.isEmpty ? "none" : absent.joined(separator: ", ")))
    }

    static func row(_ reference: PlaceholderReference) -> String {
        var parts = ["\(reference.location)"]
        if let process = reference.process {
            parts.append("process \(process.id)" + (process.name.map { " \"\($0)\"" } ?? ""))
        }
        if let task = reference.task {
            parts.append(
                "task \(task.id)" + (task.name.map { " \"\($0)\"" } ?? "") + " (\(task.kind))")
        }
        parts.append("parameter \(reference.parameter)")
        parts.append("field \(reference.fieldPath)")
        return parts.joined(separator: "  ")
    }

    private static func json(_ report: UsageReport, names: [SecretName]) -> [String: Any] {
        let missing = Set(report.missing)
        let secrets = names.map { name -> [String: Any] in
            [
                "name": name.text, "exists": !missing.contains(name),
                "uses": report.references(to: name).map(JSONOutput.reference),
            ]
        }
        return [
            "secrets": secrets, "unused": report.unused.map(\.text),
            "missing": report.missing.map(\.text),
        ]
    }
}

extension Invocation {
    /// Scans a process folder, with paths shown relative to the current folder.
    func scan(_ folder: String, vault: Vault) throws -> UsageReport {
        guard FileReader.isFolder(folder) else {
            throw UsageError.invalid(command, "process folder \(folder) does not exist")
        }
        // usage prints references only, so files are read no further than those need.
        let documents = try withProgress("reading process files") {
            try ProcessScan.documents(
                in: folder, displayPrefix: displayPath(folder), referencesOnly: true,
                progress: $0)
        }
        return UsageReport(secrets: try vault.names(), documents: documents)
    }

    /// `path` relative to the current folder when it lies under it.
    func displayPath(_ path: String) -> String {
        let here = environment.currentDirectory
        if path == here { return "." }
        if path.hasPrefix(here + "/") { return String(path.dropFirst(here.count + 1)) }
        return path
    }
}
