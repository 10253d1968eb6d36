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
            folder that were not deployed yet (with NAME, lists its uses in them); with
            --processes DIR, scans DIR.
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
        let listing = try invocation.listUsage(folder, only: only)
        invocation.console.step("read \(listing.fileCount) process files in \(folder)")
        for finding in listing.unreadable { invocation.console.warning(notRead(finding)) }
        if listing.spilledRuns > 0 {
            invocation.console.step("sorted the references in \(listing.spilledRuns) runs")
        }
        try listing.write(secrets: try vault.names()) { Console.writeAll(1, $0) }
        return .ok
    }
}

extension UsageCommand {
    /// The warning for a process file whose references could not all be read: one that
    /// could not be opened, or one read up to a problem (what came before it is listed).
    static func notRead(_ finding: Finding) -> String {
        let what =
            finding.rule == .unreadableFile
            ? "not read (\(finding.message)); its placeholders are not listed"
            : "not read past here (\(finding.message)); placeholders from here on are not "
                + "listed"
        return "\(finding.location): \(what); run `tresor validate`"
    }
}

extension Invocation {
    /// Scans a process folder for `usage`, with paths shown relative to the current folder.
    func listUsage(_ folder: String, only: SecretName?) throws -> UsageListing {
        guard FileReader.isFolder(folder) else {
            throw UsageError.invalid(
                command, "process folder \(folder) does not exist or is not a folder")
        }
        let options = UsageListing.Options(
            format: wantsJSON ? .json : .text, only: only,
            temporaryFolder: environment.temporaryFolder)
        return try withProgress("reading process files") {
            try UsageListing(
                folder: folder, displayPrefix: displayPath(folder), options: options,
                progress: $0)
        }
    }

    /// `path` relative to the current folder when it lies under it.
    func displayPath(_ path: String) -> String {
        let here = environment.currentDirectory
        if path.isSamePath(as: here) { return "." }
        return path.relativePath(in: here).map(String.init) ?? path
    }

}
