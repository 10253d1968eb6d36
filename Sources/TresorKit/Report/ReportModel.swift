/// What `tresor report` shows, gathered from the vault, the process folder and, when given,
/// a deploy folder: metadata only. Secrets enter as ``SecretSummary``, which has no field
/// for a value or even its envelope, so no value can reach the page.
public struct ReportModel: Sendable {
    /// The vault folder and its key id, as shown in the page's heading.
    public var vaultFolder: String
    public var keyID: String
    /// The process folder as shown (`processes`), or nil when there is none.
    public var processesFolder: String?
    /// When the report was made (UTC ISO-8601).
    public var generatedAt: String
    public var secrets: [SecretSummary]
    /// Every placeholder in the process folder, in file order.
    public var references: [PlaceholderReference]
    /// Names used by placeholders that the vault lacks, sorted.
    public var missing: [SecretName]
    /// Near-misses, unsupported places, broken vault files: what `validate` finds.
    public var findings: [Finding]
    /// Outputs of an earlier render that no longer match the vault; nil when no deploy
    /// folder was given.
    public var staleOutputs: [StaleOutput]?
    /// How the deploy folder was judged, when that is not what it looks like: a
    /// `manifest.json` there that is no deploy manifest (see ``ReportBuilder``).
    public var staleNote: String?

    public init(
        vaultFolder: String, keyID: String, processesFolder: String?, generatedAt: String,
        secrets: [SecretSummary], references: [PlaceholderReference], missing: [SecretName],
        findings: [Finding], staleOutputs: [StaleOutput]?
    ) {
        self.vaultFolder = vaultFolder
        self.keyID = keyID
        self.processesFolder = processesFolder
        self.generatedAt = generatedAt
        self.secrets = secrets
        self.references = references
        self.missing = missing
        self.findings = findings
        self.staleOutputs = staleOutputs
    }

    /// The references to `name`, in file order.
    public func references(to name: SecretName) -> [PlaceholderReference] {
        references.filter { $0.name == name }
    }

    /// Secrets no placeholder uses.
    public var unused: [SecretSummary] {
        let used = Set(references.map(\.name))
        return secrets.filter { !used.contains($0.name) }
    }

    /// The secrets grouped by type, in the order of ``SecretType/allCases``.
    public var secretsByType: [(type: SecretType, secrets: [SecretSummary])] {
        SecretType.allCases.compactMap { type in
            let matching = secrets.filter { $0.type == type }
            return matching.isEmpty ? nil : (type, matching)
        }
    }
}

/// A secret's metadata for the report: never its value, never its envelope.
public struct SecretSummary: Sendable, Hashable {
    public var name: SecretName
    public var displayName: String
    public var type: SecretType
    public var created: AuditStamp
    public var updated: AuditStamp

    public init(_ record: SecretRecord) {
        name = record.name
        displayName = record.displayName
        type = record.type
        created = record.created
        updated = record.updated
    }
}
