/// Which processes, tasks and fields use each secret; which secrets are used nowhere; which
/// placeholders name secrets the vault lacks. Needs no key: names and files only.
public struct UsageReport: Sendable {
    /// The secrets in the vault.
    public var secrets: [SecretName]
    /// Every reference in the process folder, in file order.
    public var references: [PlaceholderReference]
    /// What the process reader found besides references (near-misses, notes, ...).
    public var findings: [Finding]
    /// How many process files were read.
    public var fileCount: Int
    /// The positions in ``references`` of each name's references, so looking up every
    /// secret's uses is linear, not secrets x references.
    private var positions: [SecretName: [Int]] = [:]

    public init(
        secrets: [SecretName], documents: [ProcessDocument]
    ) {
        self.secrets = secrets.sorted()
        self.references = documents.flatMap(\.references)
        self.findings = documents.flatMap(\.findings)
        self.fileCount = documents.count
        for (position, reference) in references.enumerated() {
            positions[reference.name, default: []].append(position)
        }
    }

    /// Reads every process file of `folder` and the names of `vault`.
    /// `displayPrefix` is how locations name `folder` (as `validate` names it); its whole
    /// path without one.
    public static func scan(
        folder: String, vault: Vault, displayPrefix: String? = nil
    ) throws -> UsageReport {
        let documents = try ProcessScan.documents(in: folder, displayPrefix: displayPrefix)
        return UsageReport(secrets: try vault.names(), documents: documents)
    }

    /// The references to `name`.
    public func references(to name: SecretName) -> [PlaceholderReference] {
        positions[name, default: []].map { references[$0] }
    }

    /// Why each process file that could not be read was not: its references are missing.
    public var unreadable: [Finding] {
        findings.filter { $0.severity == .error && Rule.unreadable.contains($0.rule) }
    }

    /// Secrets that no placeholder uses.
    public var unused: [SecretName] {
        let used = Set(references.map(\.name))
        return secrets.filter { !used.contains($0) }
    }

    /// Names used by placeholders that have no secret in the vault, sorted.
    public var missing: [SecretName] {
        let known = Set(secrets)
        return Set(references.map(\.name)).subtracting(known).sorted()
    }
}
