import Foundation

/// Gathers a ``ReportModel``: the vault's metadata, every placeholder of the process
/// folder, what `validate` finds, and, given a deploy folder, its stale outputs. Opens no
/// value and needs no master key.
public struct ReportBuilder {
    public let vault: Vault
    /// The process folder (absolute), or nil to report the vault alone.
    public var processesFolder: String?
    /// How paths under the process folder are shown (`processes`).
    public var displayPrefix: String
    /// A folder an earlier `render` or `deploy` wrote, to compare with the vault.
    public var deployFolder: String?
    public var progress: ProgressCounter.Handler?

    public init(vault: Vault, processesFolder: String?, displayPrefix: String) {
        self.vault = vault
        self.processesFolder = processesFolder
        self.displayPrefix = displayPrefix
    }

    public func build(now: Date) throws -> ReportModel {
        let summaries = try vault.records().records.map(SecretSummary.init)
        var documents: [ProcessDocument]?
        if let processesFolder {
            documents = try ProcessScan.documents(
                in: processesFolder, displayPrefix: displayPrefix, progress: progress)
        }
        let usage = UsageReport(secrets: try vault.names(), documents: documents ?? [])
        let findings = try Validator.findings(vault: vault, processes: documents)
        var note: String?
        let stale = try deployFolder.map { folder in
            guard FileReader.exists(folder + "/" + OutputGuard.marker) else {
                throw ReportError.notARenderOutput(folder)
            }
            // A `deploy` output is told by its manifest (a render's output may hold a file
            // of that name: found by a fourth fresh tester), and judged by it as `status`
            // judges it, task inputs included (a forty-fifth).
            var rendered = folder
            var shownPrefix = ""
            do {
                let manifest = try DeployManifest.read(from: folder)
                return try StaleOutput.find(
                    deployFolder: folder, manifest: manifest, vault: vault,
                    processesFolder: processesFolder, displayPrefix: displayPrefix,
                    references: usage.references)
            } catch let error as DeployError {
                // A deploy's folder whose manifest does not read is said (it was passed
                // over in silence: a forty-sixth fresh tester), and its rendered process
                // folder judged by time (every file was "not rendered yet": a
                // forty-seventh); a render's output holding a manifest.json of its own
                // is judged as before: a deploy's folder holds nothing else at its top.
                let deployed = folder + "/processes"
                let deployShaped = Set(
                    (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                ).isSubset(of: [
                    DeployManifest.fileName, "processes", "inputs", OutputGuard.marker,
                ])
                var missing = false
                if case .noManifest = error { missing = true }
                if !missing, deployShaped, FileReader.isFolder(deployed) {
                    note =
                        error.message + "; its processes/ are judged as a render's output, "
                        + "by the files' times, and its task inputs not at all"
                    rendered = deployed
                    shownPrefix = "processes/"
                }
            }
            return StaleOutput.find(
                deployFolder: rendered, processesFolder: processesFolder ?? "",
                displayPrefix: displayPrefix, references: usage.references, secrets: summaries
            ).map { StaleOutput(path: shownPrefix + $0.path, reason: $0.reason) }
        }
        var model = ReportModel(
            vaultFolder: vault.folder, keyID: vault.config.keyID.text,
            processesFolder: processesFolder == nil ? nil : displayPrefix,
            generatedAt: AuditStamp.format(now), secrets: summaries,
            references: usage.references, missing: usage.missing, findings: findings,
            staleOutputs: stale)
        model.staleNote = note
        return model
    }
}

/// Why a report could not be made.
public enum ReportError: TresorError {
    /// `--deploy DIR` names a folder no `tresor render` wrote.
    case notARenderOutput(String)

    public var message: String {
        switch self {
        case .notARenderOutput(let folder):
            "\(folder) is not a render output (it has no \(OutputGuard.marker))"
        }
    }

    public var hint: String? {
        "pass the folder `tresor render DIR --out` or `tresor deploy --out` wrote"
    }
    public var exitCode: ExitCode { .usage }
}
