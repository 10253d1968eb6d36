import CTresorFiles

#if canImport(Glibc)
    import Glibc
#endif

/// A vault on disk: the folder `vault/` with `vault.yaml` and one `NAME.yaml` per secret.
///
/// Reading needs nothing but the files; sealing needs only the public key in
/// `vault.yaml`; opening a value needs the master key (see ``KeyStore``).
public struct Vault: Sendable {
    /// The file that marks a folder as a vault.
    public static let configFile = "vault.yaml"
    /// The temporary file of every write to the vault, the same for all: writers hold the
    /// vault lock, one at a time. Hidden, and kept out of git by `vault/.gitignore`.
    static let writeTemporary = ".tresor.tmp-locked"
    /// Secret files above this size are refused unread.
    public static let maximumFileSize = 1 << 20

    /// Absolute path of the `vault/` folder.
    public let folder: String
    public let config: VaultConfig

    /// Opens the vault in `folder`, which must hold `vault.yaml`.
    public init(folder: String) throws(VaultError) {
        let path = folder + "/" + Self.configFile
        if FileTree.kind(of: folder) == .link {
            throw .file(Self.linkError(folder, what: "the vault folder"))
        }
        guard FileReader.exists(path) else {
            // `--vault /etc/passwd` was said to hold no vault.yaml (found by a fresh tester).
            if FileReader.exists(folder), !FileReader.isFolder(folder) {
                throw .vaultNotAFolder(folder)
            }
            throw .notInitialized(folder)
        }
        let bytes = try Self.readFile(path, what: "vault.yaml")
        do { config = try VaultConfig(yaml: bytes, path: path) } catch { throw .file(error) }
        self.folder = folder
        if let problem = processesProblem() {
            let line = Self.line(of: "processes:", in: bytes)
            throw .file(
                VaultFileError(
                    path: path, line: line ?? 1, column: 1, problem: problem,
                    fix: "name a real folder beside vault/, such as "
                        + VaultConfig.defaultProcesses + ", not a link that leads elsewhere"))
        }
    }

    /// What is wrong with where `settings.processes` leads once symbolic links are followed
    /// (the setting itself was checked when read): outside the repository, the repository
    /// itself, into the vault, or into a `.git` folder. Nil when it is fine or does not
    /// exist yet.
    private func processesProblem() -> String? {
        let processes = processesFolder
        guard FileReader.exists(processes) else { return nil }
        let target = OutputGuard.canonical(processes)
        let root = OutputGuard.canonical(self.root)
        let vault = OutputGuard.canonical(folder)
        let leads = "settings.processes (\(config.processes)) leads to \(target)"
        if target.isSamePath(as: root) || OutputGuard.isInside(vault, target) {
            return leads + ", which holds the vault"
        }
        if target.isSamePath(as: vault) || OutputGuard.isInside(target, vault) {
            return leads + ", inside the vault"
        }
        if !OutputGuard.isInside(target, root) { return leads + ", outside the repository" }
        // A committed link to .git made renders and deploys copy .git/config, a remote's
        // token and all (found by a fresh tester).
        if let inside = target.relativePath(in: root),
            inside.pathNames.contains(where: { $0.isSamePath(as: ".git") })
        {
            return leads + ", git's own folder"
        }
        return nil
    }

    /// Where `vault.yaml` sets `settings.processes` (column 1 of its line), for a finding
    /// about the folder it names; the file alone when the line is not found.
    public var processesSettingLocation: SourceLocation {
        let path = folder + "/" + Self.configFile
        guard let bytes = try? FileReader.read(path, limit: 1 << 20),
            let line = Self.line(of: "processes:", in: bytes)
        else { return .file(path) }
        return SourceLocation(path: path, line: line, column: 1)
    }

    /// The line (from 1) of the first line of `bytes` that starts, after spaces, with
    /// `key`, for a message about a setting; nil when there is none.
    private static func line(of key: String, in bytes: [UInt8]) -> Int? {
        let lines = String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { $0.drop { $0 == " " }.hasPrefix(key) }.map { $0 + 1 }
    }

    /// Finds the vault as git finds its repository: `vault/` in the current folder or a
    /// parent, up to the top of the git work tree the search starts in (a folder holding
    /// `.git`); an explicit `--vault DIR` wins. A vault found so must belong to the user
    /// (or root) and not be writable by every user: a `vault/` someone else planted above
    /// the repository, or in a shared folder, got the values `create` sealed to its key
    /// (found by a fresh tester).
    public static func locate(
        explicit: String?, environment: TresorEnvironment
    ) throws(VaultError) -> String {
        if let explicit { return FileTree.normalized(environment.absolute(explicit)) }
        var folder = FileTree.normalized(environment.currentDirectory)
        while true {
            if FileReader.exists(folder + "/vault/" + configFile) {
                let vault = folder + "/vault"
                if let reason = untrustedReason(vault) { throw .untrusted(vault, reason: reason) }
                if let outer = outerVault(above: folder), !sameKey(vault, outer) {
                    throw .nestedVault(vault, outer: outer)
                }
                return vault
            }
            if FileReader.exists(folder + "/.git") {
                throw .notFound(searchedFrom: environment.currentDirectory, repository: folder)
            }
            guard folder != "/" else { break }
            folder = AtomicFile.parent(of: folder)
        }
        throw .notFound(searchedFrom: environment.currentDirectory, repository: nil)
    }

    /// Another vault in a folder above `folder` (which holds a vault): a `vault/` planted in
    /// a subfolder of the repository got the values `create` and `edit` run there sealed to
    /// its key, past the hook, which checks the repository's vault (found by a
    /// twenty-ninth fresh tester). The search goes on past the tops of work trees: a vault
    /// in a submodule, or in a repository cloned inside this one, did the same (found by a
    /// thirtieth). Nil when `/` is reached without finding one.
    private static func outerVault(above folder: String) -> String? {
        var current = folder
        while current != "/" {
            current = AtomicFile.parent(of: current)
            if FileReader.exists(current + "/vault/" + configFile) { return current + "/vault" }
        }
        return nil
    }

    /// True when the vaults at `one` and `other` name the same key: the same repository's
    /// vault in a linked work tree inside the main one, where either is as good.
    private static func sameKey(_ one: String, _ other: String) -> Bool {
        let keys = [one, other].map { folder -> KeyID? in
            let path = folder + "/" + configFile
            guard let bytes = try? readFile(path, what: configFile) else { return nil }
            return (try? VaultConfig(yaml: bytes, path: path))?.keyID
        }
        return keys[0] != nil && keys[0] == keys[1]
    }

    /// Why the vault folder at `path` is not to be trusted when found by searching: it, or
    /// its `vault.yaml`, belongs to another user than the one running `tresor` and root,
    /// or other users may write to it (every user, or a group that is not the owner's own
    /// private group: a group member replaced `vault.yaml`, and `create` sealed to their
    /// key; found by a second fresh tester). Nil when it is fine, or cannot be read (the
    /// read that follows says so).
    static func untrustedReason(_ path: String) -> String? {
        for (item, words) in [(path, "it"), (path + "/" + configFile, "its " + configFile)] {
            var info = stat()
            guard stat(item, &info) == 0 else { continue }
            if info.st_uid != geteuid(), info.st_uid != 0 {
                let subject = words == "it" ? "it belongs" : words + " belongs"
                return "\(subject) to another user (uid \(info.st_uid))"
            }
            if info.st_mode & S_IWOTH != 0 { return "every user may write to \(words)" }
            // With an access control list, the group bits are its mask, and the list says
            // who may write: a user or group it names could swap vault.yaml (found by a
            // fresh tester).
            let grants = tresor_acl_write_grants(item, info.st_uid)
            if grants > 0, grants & 1 != 0 {
                return "an access control list lets other users write to \(words)"
            }
            let groupWrites = grants >= 0 ? grants & 2 != 0 : info.st_mode & S_IWGRP != 0
            if groupWrites, !isPrivateGroup(info.st_gid, of: info.st_uid) {
                return "the users of group \(info.st_gid) may write to \(words)"
            }
        }
        return nil
    }

    /// True when `group` is the private group of the user `owner`: their primary group,
    /// listing no members (Debian gives each user one, and a umask of 002 with it).
    private static func isPrivateGroup(_ group: gid_t, of owner: uid_t) -> Bool {
        guard let user = getpwuid(owner), user.pointee.pw_gid == group,
            let entry = getgrgid(group)
        else { return false }
        return entry.pointee.gr_mem == nil || entry.pointee.gr_mem.pointee == nil
    }

    /// The folder that holds `vault/`: the repository root that relative settings use.
    public var root: String { AtomicFile.parent(of: folder) }

    /// The process folder from the settings (relative to ``root``, see ``VaultConfig``),
    /// as an absolute path.
    public var processesFolder: String { FileTree.normalized(root + "/" + config.processes) }

    /// The path of the file for `name`.
    public func path(of name: SecretName) -> String { folder + "/" + name.text + ".yaml" }

    /// True when the vault has a file (or anything else) named for `name`.
    public func exists(_ name: SecretName) -> Bool { FileReader.exists(path(of: name)) }

    /// Reads the secret file of `name`, refusing a symbolic link.
    public func read(_ name: SecretName) throws(VaultError) -> SecretRecord {
        let path = path(of: name)
        guard FileReader.exists(path) else { throw .secretNotFound(name) }
        let bytes = try Self.readFile(path, what: "the secret file")
        // A merge left unresolved is named as such, as the hook names it, not as bad YAML.
        if let line = TextScans.conflictMarkerLine(bytes) {
            throw .file(
                VaultFileError(
                    path: path, line: line, column: 1, rule: .conflictMarker,
                    problem: "the file holds git conflict markers",
                    fix: TextScans.secretConflictHint(path)))
        }
        do { return try SecretRecord(yaml: bytes, path: path, fileName: name.text) } catch {
            throw .file(error)
        }
    }

    static func linkError(_ path: String, what: String) -> VaultFileError {
        VaultFileError(
            path: path, problem: "\(what) is a symbolic link; vault files must be regular files",
            fix: "replace the link with the file or folder itself")
    }

    /// The bytes of a vault file, refusing a symbolic link and a file too large to be one.
    static func readFile(_ path: String, what: String) throws(VaultError) -> [UInt8] {
        if FileTree.kind(of: path) == .link { throw .file(linkError(path, what: what)) }
        do {
            return try FileReader.read(path, limit: maximumFileSize, followLinks: false)
        } catch { throw unreadable(error, path: path) }
    }

    /// A vault file too large to be one, or not a regular file (a folder, a FIFO), is a
    /// malformed vault file (exit 3), not an input/output failure.
    static func unreadable(_ error: FileError, path: String) -> VaultError {
        switch error {
        case .tooLarge(_, let limit):
            return .file(
                VaultFileError(
                    path: path, problem: "the file is larger than \(limit) bytes and was not read",
                    fix: "restore it from git; vault files are small YAML files"))
        case .notRegularFile:
            return .file(
                VaultFileError(
                    path: path,
                    problem: "it is not a regular file (a folder, a FIFO or a device); vault "
                        + "files must be regular files",
                    fix: "remove it; tresor writes the vault's files itself"))
        default:
            return .io(error)
        }
    }
}
