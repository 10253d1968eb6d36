/// Finds the master key and stores new ones, taking everything from a
/// ``TresorEnvironment`` (never from process globals), so tests and commands agree.
///
/// Where the key comes from, first match wins:
/// 1. `TRESOR_KEY`: the key text itself (CI systems inject secrets as variables);
/// 2. `TRESOR_KEY_FILE`: a path to a key file (relative to the current folder);
/// 3. `TRESOR_KEY_COMMAND`: a shell command that prints the key (see ``KeyCommand``);
/// 4. the default key file `$XDG_CONFIG_HOME/tresor/keys/<key id>.key`, or
///    `$HOME/.config/tresor/keys/<key id>.key` when `XDG_CONFIG_HOME` is unset.
///
/// Naming default files by key id lets one user hold the keys of several vaults. Key files
/// must be regular files owned by the user and closed to group and others, as ssh demands
/// of private keys: a key readable by others is a key already shared.
public enum KeyStore {
    /// The largest key file accepted; a key file is about 70 bytes.
    static let maximumFileSize = 4096

    /// The default key file for `keyID`.
    public static func defaultPath(
        for keyID: KeyID, environment: TresorEnvironment
    ) throws(KeyError) -> String {
        try keyFolder(environment) + "/\(keyID.text).key"
    }

    /// The default key folder, `tresor/keys` in Tresor's configuration folder.
    static func keyFolder(_ environment: TresorEnvironment) throws(KeyError) -> String {
        try configFolder(environment) + "/tresor/keys"
    }

    /// Where master keys may live for `environment`: Tresor's configuration folder (the
    /// default key files) and `TRESOR_KEY_FILE`. No output of `render`, `dotenv`, `deploy`
    /// or `report` may be written there: replacing a key file loses every value.
    public static func protectedLocations(environment: TresorEnvironment) -> [String] {
        var paths: [String] = []
        if let folder = try? configFolder(environment) { paths.append(folder + "/tresor") }
        if let file = nonEmpty(environment.variables["TRESOR_KEY_FILE"]) {
            paths.append(environment.absolute(file))
        }
        return paths
    }

    /// The variables that lead to a master key. `tresor` takes them out of its own process
    /// environment once it has read them, so no command it starts (git, `exec`'s command)
    /// inherits them (a fresh tester found `exec --only X -- env` showing `TRESOR_KEY`).
    public static let variableNames = [
        "TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND", "TRESOR_KEY_COMMAND_TIMEOUT",
    ]

    /// Finds the master key with id `keyID` and says where it came from (`TRESOR_KEY`,
    /// `key file /path`), for messages and `--verbose`. The source never holds key text.
    public static func load(
        for keyID: KeyID, environment: TresorEnvironment
    ) throws(KeyError) -> (key: MasterKey, source: String) {
        let found = try loadAll(for: keyID, environment: environment)
        return (found.key, found.source)
    }

    /// ``load(for:environment:)``, with every other key the same source gave (a source may
    /// hold the old and the new key of a rekey): `redact` masks them all. A second key
    /// that a key command printed went through `redact` in clear (found by a
    /// twenty-seventh fresh tester).
    static func loadAll(
        for keyID: KeyID, environment: TresorEnvironment
    ) throws(KeyError) -> (key: MasterKey, source: String, others: [MasterKey]) {
        let variables = environment.variables
        // Set to nothing is not unset: falling back to a key file would hide that the key
        // meant for this run never arrived (found by a fresh tester).
        for name in ["TRESOR_KEY", "TRESOR_KEY_COMMAND", "TRESOR_KEY_FILE"]
        where variables[name]?.isEmpty == true {
            throw .emptyVariable(name)
        }
        if let text = nonEmpty(variables["TRESOR_KEY"]) {
            // Limitation: the key text in `TRESOR_KEY` arrives as a Swift String in the
            // environment, which cannot be wiped; only the copies made here are.
            let (key, others) = try pick(keyID, from: SecretBytes(text.utf8), source: "TRESOR_KEY")
            return (key, "TRESOR_KEY", others)
        }
        // TRESOR_KEY_FILE before the command, as the README orders them (the command came
        // first).
        let file = nonEmpty(variables["TRESOR_KEY_FILE"]).map(environment.absolute)
        if file == nil, let command = nonEmpty(variables["TRESOR_KEY_COMMAND"]) {
            let text = try KeyCommand.run(
                command, keyID: keyID, environment: variables, limit: maximumFileSize,
                timeout: KeyCommand.timeout(in: variables))
            guard !text.isEmpty else { throw .commandFailed(reason: "it printed nothing") }
            let source = "TRESOR_KEY_COMMAND"
            let (key, others) = try pick(keyID, from: text, source: source)
            return (key, source, others)
        }
        let path: String
        let looked: [String]
        if let file {
            path = file
            looked = ["TRESOR_KEY_FILE (\(path))"]
        } else {
            path = try defaultPath(for: keyID, environment: environment)
            looked = ["TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND", path]
        }
        guard let text = try KeyFile.contents(of: path, limit: maximumFileSize) else {
            throw .notFound(keyID, looked: looked)
        }
        let source = "key file \(path)"
        // A key file may hold the old and the new key during a rekey, as the README says
        // (found by a twenty-fifth fresh tester: two lines were "the wrong length").
        let (key, others) = try pick(keyID, from: text, source: source)
        return (key, source, others)
    }

    /// Writes `key` to its default key file and returns the path. Missing parent folders
    /// are created with mode 0700; the file is created with mode 0600, never replacing an
    /// existing file (a lost master key cannot be recovered), and flushed to disk.
    public static func store(
        _ key: MasterKey, environment: TresorEnvironment
    ) throws(KeyError) -> String {
        let path = try defaultPath(for: key.keyID, environment: environment)
        try KeyFile.createFolders(for: path)
        try KeyFile.create(path, holding: key.encoded)
        return path
    }

    /// `XDG_CONFIG_HOME` when set to an absolute path (the XDG rule), else `$HOME/.config`.
    static func configFolder(_ environment: TresorEnvironment) throws(KeyError) -> String {
        if let xdg = nonEmpty(environment.variables["XDG_CONFIG_HOME"]), xdg.isAbsolutePath {
            return trimmingSlashes(xdg)
        }
        // A relative HOME is read from the current folder, which may be the repository:
        // `HOME=.` had `init` put the master key there (found by a forty-fourth fresh
        // tester). Ignored, as a relative XDG_CONFIG_HOME is.
        guard let home = nonEmpty(environment.variables["HOME"]), home.isAbsolutePath else {
            throw .noHome
        }
        return trimmingSlashes(home) + "/.config"
    }

    private static func trimmingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.utf8.count > 1, result.utf8.last == UInt8(ascii: "/") {
            result = result.droppingLastBytes(1)
        }
        return result.isSamePath(as: "/") ? "" : String(result)
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// The key with id `keyID` among the keys of `text`, one per line (a single key is the
    /// rule; during a rekey a source may hold the old and the new key). Each line is
    /// copied into wiped memory before it is read.
    private static func pick(
        _ keyID: KeyID, from text: SecretBytes, source: String
    ) throws(KeyError) -> (key: MasterKey, others: [MasterKey]) {
        let lines = text.withUnsafeBytes { bytes in
            bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { SecretBytes($0) }
        }
        let filled = lines.indices.filter {
            lines[$0].withUnsafeBytes { $0.contains { $0 > 0x20 } }
        }
        guard !filled.isEmpty else { return (try parse(text, source: source), []) }
        // Every line is read, so a line that is no key is refused wherever it stands: one
        // after the key was passed over, one before it refused (found by a twenty-fifth
        // fresh tester). With more than one line, the error names the line.
        var keys: [MasterKey] = []
        for index in filled {
            let at = filled.count > 1 ? "\(source), line \(index + 1)" : source
            keys.append(try parse(lines[index], source: at))
        }
        if let key = keys.first(where: { $0.keyID == keyID }) {
            return (key, keys.filter { $0.keyID != keyID })
        }
        return (try check(keys[0], is: keyID, source: source), [])
    }

    private static func parse(_ text: SecretBytes, source: String) throws(KeyError) -> MasterKey {
        do {
            return try MasterKey(text: text)
        } catch {
            guard case .malformedMasterKey(let problem) = error else {
                preconditionFailure("MasterKey(text:) throws only malformedMasterKey")
            }
            throw .invalid(source: source, problem: problem)
        }
    }

    private static func check(
        _ key: MasterKey, is keyID: KeyID, source: String
    ) throws(KeyError) -> MasterKey {
        guard key.keyID == keyID else {
            throw .mismatch(expected: keyID, found: key.keyID, source: source)
        }
        return key
    }
}
