#if canImport(Glibc)
    import Glibc
#endif

/// `tresor deploy`: validates the vault and the process folder, then writes, all or
/// nothing, an output folder with every process file rendered (`processes/`), every task
/// input that holds a secret as its own JSON file (`inputs/`) and a manifest; last it
/// records the usage index in the vault.
///
/// The tree is built in a private temporary sibling of the output folder and renamed into
/// place only when every file is written, as `render` does for a folder.
public struct Deployment {
    public let vault: Vault
    /// The process folder (absolute).
    public let processes: String
    /// The output folder (absolute).
    public let output: String
    /// Replace an existing, non-empty output folder.
    public var replace = false
    /// How the process folder is named in messages.
    public var displayPrefix: String

    public init(vault: Vault, processes: String, output: String, displayPrefix: String) {
        self.vault = vault
        self.processes = processes
        self.output = output
        self.displayPrefix = displayPrefix
    }

    /// What a deploy wrote, for the command's log.
    public struct Summary: Sendable {
        public var render: FolderRenderer.Summary
        public var inputs: Int
        public var manifest: DeployManifest
        /// The previous output, set aside and not removable: it may hold rendered values.
        public var leftover: String?
        /// False when the process folder is not the vault's own: the usage index, which
        /// describes that folder, was left as it was.
        public var recordedUsage: Bool
    }

    /// True when `processes` is the vault's process folder (`settings.processes`): only a
    /// deploy of it records the usage index. A deploy of another folder overwrote it, and
    /// `usage` then called the real process files not deployed (found by a fresh tester).
    public var deploysVaultProcesses: Bool {
        OutputGuard.canonical(processes).isSamePath(
            as: OutputGuard.canonical(vault.processesFolder))
    }

    /// Checks the vault and every process file with the validator's rules; throws
    /// ``RenderError/blocked(_:)`` with the errors when there is any.
    public func validate() throws -> [ProcessDocument] {
        let folder = OutputGuard.canonical(processes)
        let vaultFolder = OutputGuard.canonical(vault.folder)
        if folder.isSamePath(as: vaultFolder) || OutputGuard.isInside(folder, vaultFolder) {
            throw DeployError.processesOverlapVault(displayPrefix)
        }
        let documents = try ProcessScan.documents(in: processes, displayPrefix: displayPrefix)
        let errors = try Validator.findings(vault: vault, processes: documents)
            .filter { $0.severity == .error }
        guard errors.isEmpty else { throw RenderError.blocked(errors) }
        return documents
    }

    /// Validates, renders, writes the manifest, moves the tree into place and records the
    /// usage index (for the vault's own process folder). Nothing is written when any step
    /// fails.
    public func run(resolver: ValueResolver, environment: TresorEnvironment) throws -> Summary {
        let documents = try validate()
        let renderer = FolderRenderer(
            source: processes, output: output, replace: replace, displayPrefix: displayPrefix)
        try renderer.checkNoEarlierOutput()
        try OutputGuard(protected: [vault.folder, processes], environment: environment)
            .checkFolder(output, replace: replace)
        // What stands at the index's path is no index: said before anything is built (it
        // was "something appeared" at the end; found by a fifth fresh tester).
        let recordsUsage = deploysVaultProcesses
        let indexPath = UsageIndex.path(in: vault)
        if recordsUsage, ![.file, .missing].contains(FileTree.kind(of: indexPath)) {
            throw DeployError.badIndex(indexPath)
        }
        // What is there now may be replaced at the end (with --force); what appears later
        // never is.
        let found = FileIdentity(at: output)
        let replacing = replace ? found : nil
        let temporary = try FileTree.buildFolder(for: output, found: found)
        defer { SignalCleanup.forget(tree: temporary) }
        do {
            let now = AuditStamp.format(environment.now())
            var builder = ManifestBuilder(resolver: resolver)
            // An empty process folder still deploys: an empty processes/ in the output.
            try FileTree.makeFolders(temporary + "/processes")
            let render = try renderer.write(into: temporary + "/processes", resolver: resolver) {
                builder.add($0, $1, rendered: $2)
            }
            try builder.addCopies(under: temporary + "/processes")
            try builder.writeInputs(into: temporary)
            try FolderRenderer.writeMarker(into: temporary)
            let manifest = DeployManifest(
                deployedAt: now, keyID: vault.config.keyID.text, outputs: builder.outputs)
            try AtomicFile.write(
                manifest.encoded(), to: temporary + "/" + DeployManifest.fileName, mode: 0o600)
            // All or nothing: the usage index is recorded before the output is put in
            // place, and put back as it was when that fails. Recorded after it, an index
            // that could not be written took the new output away, the earlier one being gone
            // already (found by a fourth fresh tester).
            let earlierIndex = try? FileReader.read(indexPath, limit: 64 << 20)
            if recordsUsage {
                let index = UsageIndex(deployedAt: now, documents: documents)
                do { try AtomicFile.write(index.encoded(), to: indexPath) } catch {
                    throw DeployError.io(error)
                }
            }
            let leftover: String?
            do {
                leftover = try FileTree.replace(
                    output, with: temporary, marker: OutputGuard.marker, replacing: replacing)
            } catch {
                if recordsUsage {
                    if let earlierIndex {
                        try? AtomicFile.write(earlierIndex, to: indexPath)
                    } else {
                        unlink(indexPath)
                    }
                }
                throw DeployError.io(error)
            }
            return Summary(
                render: render, inputs: builder.inputs.count, manifest: manifest,
                leftover: leftover, recordedUsage: recordsUsage)
        } catch {
            FileTree.remove(temporary)
            throw error
        }
    }
}
