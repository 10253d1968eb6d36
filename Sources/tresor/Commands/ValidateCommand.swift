import TresorKit

/// `tresor validate [--processes DIR]`: the vault's files and every placeholder.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", summary: "check vault files and every placeholder in the processes",
        usage: "[--processes DIR] [--json]",
        details: """
            Vault files: well-formed, names valid and equal to file names, types known, values
            sealed to the vault's key id. Processes: every placeholder well-formed, naming a
            secret that exists, in a supported place. Findings print as
            path:line:col: rule: message, then a hint. Exit 1 when any finding is an error.
            Needs no master key.
            """,
        flags: [
            .processes,
            .json,
        ],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let folder = try invocation.processesFolder(vault)
        // The vault's files are checked on other threads while the process files are read.
        let vaultCheck = BackgroundWork { try Validator.vaultFindings(vault) }
        let processes: ProcessCheck
        do {
            processes = try checkProcesses(in: folder, of: vault, invocation)
        } catch {
            // The vault's error comes first, as when the vault was checked first.
            _ = try vaultCheck.value()
            throw error
        }
        // Vault files are named as the process files are, relative to the current folder
        // where they lie inside it (they were absolute; found by a fresh tester).
        let vaultFindings = try vaultCheck.value().map { finding in
            var shown = finding
            shown.location.path = invocation.displayPath(finding.location.path)
            return shown
        }
        // Files Tresor does not read come last, after the findings in file order.
        let findings = Validator.sorted(vaultFindings + processes.findings) + processes.unread
        let errors = findings.filter { $0.severity == .error }.count
        if invocation.wantsJSON {
            try JSONOutput.print(findings.map(JSONOutput.finding), console: invocation.console)
        } else {
            findings.forEach(invocation.console.finding)
        }
        let secrets = try vault.names().count
        invocation.console.info(
            "\(count(errors, "error")), \(count(findings.count - errors, "other finding")) "
                + "(\(count(secrets, "secret")), \(count(processes.fileCount, "process file")))")
        return errors == 0 ? .ok : .problems
    }

    /// What the process folder gave: its files' findings in file order (or a finding
    /// about the folder), the files Tresor does not read, and how many files it read.
    private struct ProcessCheck {
        var findings: [Finding] = []
        var unread: [Finding] = []
        var fileCount = 0
    }

    private static func checkProcesses(
        in folder: String, of vault: Vault, _ invocation: Invocation
    ) throws -> ProcessCheck {
        var check = ProcessCheck()
        if FileReader.isFolder(folder) {
            // File by file on all cores, keeping each file's findings and not the file.
            let names = Set(try vault.names())
            let listing = try ProcessFolder.listing(of: folder)
            check.fileCount = try invocation.withProgress("reading process files") {
                try ProcessScan.forEachDocument(
                    in: folder, files: listing.files.filter(ProcessFolder.isProcessFile),
                    displayPrefix: invocation.displayPath(folder), progress: $0,
                    transform: { document in Validator.documentFindings(document) { names } }
                ) { check.findings += $0 }
            }
            invocation.console.step("read \(check.fileCount) process files in \(folder)")
            check.unread = try ProcessScan.unreadFindings(
                in: folder, displayPrefix: invocation.displayPath(folder), listing: listing)
        } else if invocation.arguments.value("processes") != nil {
            throw UsageError.invalid(
                "validate", "process folder \(folder) does not exist or is not a folder")
            // Limitation: a file where the process folder goes is exit 1 here (a finding
            // among the others), 2 for the other commands (README, Known limitations).
        } else if FileTree.kind(of: folder) != .missing {
            // Something that is no folder where the process folder goes (a file, a FIFO)
            // was taken for a missing default folder (found by a second fresh tester).
            check.findings.append(
                Finding(
                    .error, .vaultFile, at: .file(folder),
                    "the process folder \(vault.config.processes) is not a folder",
                    hint: "remove or rename it, or set settings.processes in vault/vault.yaml"))
        } else if !vault.config.namesDefaultProcesses {
            // A folder named in vault.yaml that is not there is most likely a typo: a CI
            // run must not pass because it checked nothing. Named from the current folder,
            // as the other vault files are (it was a whole path: a forty-eighth tester).
            var location = vault.processesSettingLocation
            location.path = invocation.displayPath(location.path)
            check.findings.append(
                Finding(
                    .error, .vaultFile, at: location,
                    "settings.processes names \(vault.config.processes), which does not exist",
                    hint: "fix the setting, or create the folder"))
        } else {
            invocation.console.info("no process folder at \(folder); checked the vault only")
        }
        return check
    }
}
