#if canImport(Glibc)
    import Glibc
#endif

/// `tresor init`: a new key pair, the private half stored outside the repository, the
/// public half in a new `vault/vault.yaml`.
extension Vault {
    /// What `init` created, for the command's log.
    public struct Setup: Sendable {
        public let vault: Vault
        /// Where the master key was written.
        public let keyPath: String
    }

    /// Creates a vault in `folder` (created when missing). Refuses to overwrite an
    /// existing `vault.yaml` or key file; the key is stored before `vault.yaml` is written,
    /// so a failure never leaves a vault whose key is lost.
    public static func initialize(
        folder: String, environment: TresorEnvironment
    ) throws(VaultError) -> Setup {
        let configPath = folder + "/" + configFile
        if FileTree.kind(of: folder) == .link {
            throw .file(linkError(folder, what: "the vault folder"))
        }
        guard !FileReader.exists(configPath) else { throw .alreadyInitialized(configPath) }
        var madeFolder = false
        if !FileReader.isFolder(folder) {
            // A file there made mkdir's "File exists" with a render's hint (found by a
            // sixth fresh tester).
            if FileTree.kind(of: folder) != .missing { throw .notAFolder(folder) }
            if mkdir(folder, 0o755) == 0 {
                madeFolder = true
            } else {
                // Another `init` may make the folder first: then it is there, as wanted.
                let failure = errno
                if failure != EEXIST || !FileReader.isFolder(folder) {
                    throw .io(.system("create", folder, failure))
                }
            }
        }
        // Two `init`s at once each stored a key and wrote vault.yaml, the last one winning,
        // so one reported a key that opens nothing (found by a fresh tester): the second
        // waits for the first and finds the vault set up.
        let lock: VaultLock
        do { lock = try VaultLock(folder: folder) } catch { throw .lock(error) }
        defer { withExtendedLifetime(lock) {} }
        guard !FileReader.exists(configPath) else { throw .alreadyInitialized(configPath) }
        let key = MasterKey.generate()
        let keyPath: String
        do { keyPath = try KeyStore.store(key, environment: environment) } catch {
            // Leave no empty vault folder behind: a second `init` must not find one.
            if madeFolder {
                unlink(folder + "/.lock")
                rmdir(folder)
            }
            throw .key(error)
        }
        let config = VaultConfig(
            publicKey: key.publicKey, signingKey: SigningKey(of: key).publicKey)
        do {
            try AtomicFile.write(try config.yaml(), to: configPath)
            try writeIgnoreFile(folder)
        } catch let error as FileError { throw .io(error) } catch let error as YAMLError {
            throw .file(error.vaultFileError(configPath))
        } catch { throw .io(.system("write", configPath, EIO)) }
        return Setup(vault: try Vault(folder: folder), keyPath: keyPath)
    }

    /// Keeps the lock file and interrupted writes' temporary files out of git.
    private static func writeIgnoreFile(_ folder: String) throws(FileError) {
        let path = folder + "/.gitignore"
        guard !FileReader.exists(path) else { return }
        let text =
            "# Written by tresor init: the edit lock and temporary files of writes.\n"
            + ".lock\n.*.tmp-*\n"
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
