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
        let stale = try deployFolder.map { folder in
            guard FileReader.exists(folder + "/" + OutputGuard.marker) else {
                throw ReportError.notARenderOutput(folder)
            }
            // A `deploy` output holds the rendered process folder in `processes/`: compared
            // as a render output, every file was "not rendered yet" (found by a third
            // fresh tester).
            let deployed = folder + "/processes"
            // Told by its manifest, which a render's output may hold by name only (a
            // process folder can hold a `manifest.json`; found by a fourth fresh tester).
            let isDeploy =
                FileReader.isFolder(deployed) && (try? DeployManifest.read(from: folder)) != nil
            return StaleOutput.find(
                deployFolder: isDeploy ? deployed : folder,
                processesFolder: processesFolder ?? "", displayPrefix: displayPrefix,
                references: usage.references, secrets: summaries
            ).map { output in
                var shown = output
                if isDeploy { shown.path = "processes/" + output.path }
                return shown
            }
        }
        return ReportModel(
            vaultFolder: vault.folder, keyID: vault.config.keyID.text,
            processesFolder: processesFolder == nil ? nil : displayPrefix,
            generatedAt: AuditStamp.format(now), secrets: summaries,
            references: usage.references, missing: usage.missing, findings: findings,
            staleOutputs: stale)
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
