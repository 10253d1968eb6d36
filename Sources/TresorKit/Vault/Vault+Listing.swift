#if canImport(Glibc)
    import Glibc
#endif

/// Listing the secret files of a vault.
extension Vault {
    /// One `*.yaml` file of the vault folder other than `vault.yaml`.
    public struct Entry: Sendable, Hashable {
        /// The file name without `.yaml`.
        public var fileName: String
        /// The name, when the file name is a valid secret name.
        public var name: SecretName?
        public var path: String
    }

    /// Every secret file, sorted by file name. Hidden files (the lock, temporary files of
    /// an interrupted write) are skipped.
    // Limitation: a file name that is not UTF-8 is listed with U+FFFD for its bad bytes
    // (`FileTree.names`), so findings show it so, not escaped; it is refused as a name
    // either way (README, Known limitations).
    public func entries() throws(VaultError) -> [Entry] {
        guard let names = FileTree.names(in: folder) else {
            throw .io(.system("list", folder, errno))
        }
        var result: [Entry] = []
        for fileName in names {
            // `.YAML` and `.yml` count too: on a case-insensitive file system `A.YAML` is
            // `A.yaml`, and a secret file the tool never reads would go unnoticed.
            let isYML = fileName.hasSuffixBytes(".yml", ignoringASCIICase: true)
            guard !fileName.isHiddenName,
                isYML || fileName.hasSuffixBytes(".yaml", ignoringASCIICase: true),
                !fileName.isSamePath(as: Self.configFile)
            else { continue }
            let exact = fileName.hasSuffixBytes(".yaml")
            let stem = String(fileName.droppingLastBytes(isYML ? 4 : 5))
            result.append(
                Entry(
                    fileName: exact ? stem : fileName, name: exact ? try? SecretName(stem) : nil,
                    path: folder + "/" + fileName))
        }
        return result.sorted { $0.fileName < $1.fileName }
    }

    /// The names of all secrets whose file names are valid names.
    public func names() throws(VaultError) -> [SecretName] {
        try entries().compactMap(\.name)
    }

    /// Every secret that reads cleanly, and the problem with each one that does not.
    public func records() throws(VaultError) -> (records: [SecretRecord], errors: [VaultError]) {
        var records: [SecretRecord] = []
        var errors: [VaultError] = []
        for entry in try entries() {
            guard let name = entry.name else {
                errors.append(.file(Self.badFileName(entry)))
                continue
            }
            do { records.append(try read(name)) } catch { errors.append(error) }
        }
        return (records, errors)
    }

    static func badFileName(_ entry: Entry) -> VaultFileError {
        let problem = SecretName.problem(with: Array(entry.fileName.utf8))
        let detail =
            !entry.path.hasSuffixBytes(".yaml")
            ? "does not end in .yaml (lower case)"
            : problem == .reserved
                ? "is a reserved name"
                : problem == .environment
                    ? "is \(EnvironmentNames.why)" : "is not a valid secret name (A-Z, 0-9, _)"
        return VaultFileError(
            path: entry.path, rule: .secretName,
            problem: "the file name \"\(SecretName.printable(entry.fileName))\" \(detail)",
            fix: "a secret NAME lives in vault/NAME.yaml; move other files out of vault/")
    }

    /// True for a file name of the vault folder that reads like a secret file's but is
    /// read by no command: hidden (`.FTP_PASSWORD.yaml`), or a backup with more after the
    /// extension (`FTP_PASSWORD.yaml~`, `.orig`, `.bak`, an editor's `.swp`). Tresor's own
    /// temporary files (`.NAME.tmp-PID-N`) are not counted.
    static func isSecretFileCopyName(_ name: String) -> Bool {
        guard !name.contains(".tmp-") else { return false }
        let isYAML =
            name.hasSuffixBytes(".yaml", ignoringASCIICase: true)
            || name.hasSuffixBytes(".yml", ignoringASCIICase: true)
        if isYAML { return name.isHiddenName }
        // Anything after a `.yaml` or `.yml` inside the name: a backup's suffix.
        let bytes = Array(name.utf8).map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
        return [".yaml", ".yml"].contains { bytes.firstRange(of: Array($0.utf8)) != nil }
    }

    /// The warning for a file at `path` named like a secret file that no command reads
    /// (found by a thirty-fourth fresh tester: a hidden one holding a plaintext value
    /// passed without a word; by a thirty-sixth: a backup did too).
    static func secretFileCopy(_ path: String) -> Finding {
        Finding(
            .warning, .vaultFile, at: .file(path),
            "named like a secret file, but read by no command (a hidden file, or a backup with "
                + "more after .yaml); whatever it holds is committed as it is",
            hint: "rename it to NAME.yaml if it is a secret file (git mv), else remove it or "
                + "move it out of the vault folder; never keep a plaintext value there")
    }
}
