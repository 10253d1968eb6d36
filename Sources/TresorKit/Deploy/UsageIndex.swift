/// `vault/usage-index.json`: where each secret was used at the last deploy (secret ->
/// process, task, parameter, field path, file), and which processes were deployed.
///
/// `tresor deploy` writes it; `tresor usage` reads it when no `--processes` is given. It
/// holds names, ids and paths only, never a value, and is meant to be committed with the
/// vault, so everyone sees what production uses.
public struct UsageIndex: Codable, Sendable, Equatable {
    /// The index's file name in the vault folder.
    public static let fileName = "usage-index.json"
    public static let currentFormat = 1

    /// A deployed process.
    public struct Process: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var file: String

        public init(id: String, name: String?, file: String) {
            self.id = id
            self.name = name
            self.file = file
        }
    }

    /// One placeholder of a deployed process.
    public struct Use: Codable, Sendable, Equatable {
        public var secret: String
        public var process: String?
        public var task: String?
        public var taskName: String?
        public var parameter: String
        public var field: String
        public var file: String
        public var line: Int

        enum CodingKeys: String, CodingKey {
            case secret, process, task, parameter, field, file, line
            case taskName = "task_name"
        }

        /// The use `reference` makes, in the process file `file`.
        public init(_ reference: PlaceholderReference, file: String) {
            secret = reference.name.text
            process = reference.process?.id
            task = reference.task?.id
            taskName = reference.task?.name
            parameter = reference.parameter
            field = reference.fieldPath
            self.file = file
            line = reference.location.line
        }
    }

    public var format = currentFormat
    public var deployedAt: String
    public var processes: [Process]
    public var uses: [Use]

    enum CodingKeys: String, CodingKey {
        case format, processes, uses
        case deployedAt = "deployed_at"
    }

    /// The index of `documents`, whose paths are relative to the process folder.
    public init(deployedAt: String, documents: [ProcessDocument]) {
        self.deployedAt = deployedAt
        processes = documents.flatMap { document in
            document.processes.map { Process(id: $0.id, name: $0.name, file: document.path) }
        }
        uses = documents.flatMap { document in
            document.references.map { Use($0, file: document.path) }
        }
    }

    /// The path of the index of `vault`.
    public static func path(in vault: Vault) -> String { vault.folder + "/" + fileName }

    /// The index's JSON text.
    public func encoded() -> [UInt8] { JSONFile.encode(self) }

    /// The last index of `vault`, or nil when nothing was deployed yet.
    public static func read(in vault: Vault) throws(DeployError) -> UsageIndex? {
        let path = path(in: vault)
        switch FileTree.kind(of: path) {
        case .missing: return nil
        case .file: break
        // Not followed, as no link in the vault is; a FIFO or folder there got a deploy's
        // "nothing was deployed" (found by a second fresh tester).
        case .link, .folder, .other: throw .badIndex(path)
        }
        // A line before the first is no line a deploy wrote (`:-5` was shown; found by a
        // third fresh tester).
        guard let index = try JSONFile.decode(UsageIndex.self, at: path),
            index.format == currentFormat, index.uses.allSatisfy({ $0.line >= 1 })
        else { throw .badIndex(path) }
        return index
    }

    /// The uses of `name`.
    public func uses(of name: SecretName) -> [Use] { uses.filter { $0.secret == name.text } }
}
