/// The contents of `vault/vault.yaml`: the format version, the public key every secret is
/// sealed to, its key id, and the settings.
///
/// Anyone with the repository can read it and seal new values with the public key; only
/// the master private key, kept outside the repository, opens them.
public struct VaultConfig: Sendable, Equatable {
    /// The only format version this release reads and writes.
    public static let currentFormat = 1
    public static let defaultWarnValueLength = 4096
    public static let defaultProcesses = "processes/"

    public var format: Int
    public var publicKey: PublicKey
    /// Value lengths above this many bytes get a warning at create and edit time.
    public var warnValueLength: Int
    /// The process folder, relative to the folder that holds `vault/`.
    public var processes: String
    /// The key id an unfinished `tresor rekey` started from: values still sealed to it
    /// open with that key and are not errors. Nil when no rekey is under way.
    public var rekeyFrom: KeyID?
    /// The public half of the signing key of the master key (see ``SigningKey``); nil in a
    /// vault made before this field, until its next `tresor rekey`.
    public var signingKey: SigningPublicKey?
    /// The last rekey's signature of `public_key` and `signing_key` by the signing key of
    /// the key it started from; nil before the first rekey.
    public var keyChange: KeyChangeSignature?
    /// Who may change secrets (emails, names, or `*` patterns); empty means anyone. The
    /// pre-commit hook and `verify` enforce it; see ``EditorList``.
    public var editors: [String] = []

    public init(
        publicKey: PublicKey, signingKey: SigningPublicKey? = nil,
        warnValueLength: Int = defaultWarnValueLength, processes: String = defaultProcesses
    ) {
        self.format = Self.currentFormat
        self.publicKey = publicKey
        self.signingKey = signingKey
        self.warnValueLength = warnValueLength
        self.processes = processes
    }

    /// The short fingerprint of ``publicKey`` that envelopes and key files are named by.
    public var keyID: KeyID { publicKey.keyID }

    static let header = """
        # Tresor vault settings, written by `tresor init`.
        # public_key seals new values; the master private key that opens them never
        # belongs in this repository. key_id must match public_key; signing_key and
        # key_change vouch for the key (only init and rekey write them); settings may be
        # edited.
        """

    /// Parses `vault.yaml`; `path` is used in messages only.
    public init(yaml bytes: [UInt8], path: String) throws(VaultFileError) {
        let root: YAMLNode
        do { root = try YAMLReader.parse(bytes) } catch { throw error.vaultFileError(path) }
        let fields = try YAMLFields(
            root: root, path: path,
            allowed: [
                "format", "public_key", "key_id", "rekey_from", "signing_key", "key_change",
                "settings", "editors",
            ])
        format = try fields.integer("format", default: 0)
        guard format == Self.currentFormat else {
            let mark = try fields.string("format").mark
            throw YAMLFields.error(
                path, mark, "format \(format) is not supported by this tresor (it reads 1)",
                fix: "upgrade tresor")
        }
        publicKey = try Self.publicKey(fields)
        rekeyFrom = try Self.optional(
            fields, "rekey_from", "rekey_from is not a key id (16 hex digits)",
            fix: "restore vault.yaml from git, then run `tresor rekey` again", KeyID.init(text:))
        let restore = "restore vault.yaml from git; only tresor init and tresor rekey write it"
        signingKey = try Self.optional(
            fields, "signing_key", "signing_key is not a base64 Ed25519 public key", fix: restore,
            SigningPublicKey.init(base64:))
        keyChange = try Self.optional(
            fields, "key_change", "key_change is not a base64 Ed25519 signature", fix: restore,
            KeyChangeSignature.init(base64:))
        let settings = try Self.settings(fields)
        warnValueLength =
            try settings?.integer(
                "warn_value_length", default: Self.defaultWarnValueLength)
            ?? Self.defaultWarnValueLength
        processes = try settings.map(Self.processes) ?? Self.defaultProcesses
        editors = try fields.optionalStrings("editors")
    }

    private static func publicKey(_ fields: YAMLFields) throws(VaultFileError) -> PublicKey {
        let keyField = try fields.string("public_key")
        let key: PublicKey
        do { key = try PublicKey(base64: keyField.text) } catch {
            throw YAMLFields.error(
                fields.path, keyField.mark, "public_key is not a base64 X25519 public key")
        }
        let idField = try fields.string("key_id")
        guard idField.text == key.keyID.text else {
            throw YAMLFields.error(
                fields.path, idField.mark, "key_id does not match public_key",
                fix: "key_id must be \(key.keyID); restore vault.yaml from git if it was edited")
        }
        return key
    }

    /// The optional field `key`, read by `parse`; nil when absent, an error saying
    /// `problem` at the field when `parse` refuses it.
    private static func optional<Value>(
        _ fields: YAMLFields, _ key: String, _ problem: String, fix: String,
        _ parse: (String) -> Value?
    ) throws(VaultFileError) -> Value? {
        guard fields.mapping[key] != nil else { return nil }
        let field = try fields.string(key)
        guard let value = parse(field.text) else {
            throw YAMLFields.error(fields.path, field.mark, problem, fix: fix)
        }
        return value
    }

    /// True for a character that hides what a path says: a control character, or one
    /// terminal text writes out because it shows as nothing (``TerminalText/isHidden(_:)``:
    /// format and default-ignorable characters, line and paragraph separators).
    private static func isHiddenInAPath(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || TerminalText.isHidden(scalar)
    }

    /// True when `processes` names the default folder, however spelt (`processes`,
    /// `./processes/`, `processes//`): only it may be missing (a forty-ninth fresh tester
    /// found those spellings taken for another folder).
    public var namesDefaultProcesses: Bool {
        let parts = processes.pathNames.filter { !$0.isSamePath(as: ".") }
        return parts.count == 1 && parts[0].isSamePath(as: Self.defaultProcesses.dropLast())
    }

    /// `settings.processes`: a folder inside the repository, beside the vault. Render
    /// writes and deploy reads there, and the hook guards only the repository, so a path
    /// that leaves it (`/etc`, `../x`), the repository itself (`.`, which holds `vault/`),
    /// or the vault folder is refused.
    // Limitation: the vault folder is taken to be `vault/`, its usual name; a vault opened
    // with `--vault` under another name is not recognised inside the setting.
    private static func processes(_ settings: YAMLFields) throws(VaultFileError) -> String {
        guard settings.mapping["processes"] != nil else { return defaultProcesses }
        let field = try settings.string("processes")
        let setting = field.text
        let parts = setting.pathNames.filter { !$0.isSamePath(as: ".") }
        let problem: String? =
            if field.isPlain, ["~", "null", "Null", "NULL", ""].contains(setting) {
                // YAML's null, which was taken for a folder named `~` (found by a sixth
                // fresh tester).
                "settings.processes is empty (null); name the process folder, or leave the "
                    + "setting out for \(defaultProcesses)"
            } else if setting.unicodeScalars.contains(where: Self.isHiddenInAPath) {
                // A NUL ended the path for the system, and every finding showed one that
                // does not exist (found by an eighteenth fresh tester); an invisible
                // character made `processes` name another folder that looks the same, so
                // the hook's process checks looked elsewhere (found by the next).
                "settings.processes must not hold control, invisible or line-breaking "
                    + "characters, as \(TerminalText.quoted(setting)) does"
            } else if parts.contains(where: { $0.isSamePath(as: ".git") }) {
                // Renders and deploys copied the repository's .git/config, a remote's token
                // and all (found by a fresh tester).
                "settings.processes must not be git's folder .git or lie inside it"
            } else if setting.isAbsolutePath {
                "settings.processes must be a path relative to the repository, not \(setting)"
            } else if parts.contains(where: { $0.isSamePath(as: "..") }) {
                "settings.processes must stay inside the repository; \(setting) uses '..'"
            } else if parts.isEmpty {
                "settings.processes must be a folder inside the repository, not the "
                    + "repository itself (it holds vault/)"
            } else if parts.first?.isSamePath(as: "vault") == true {
                "settings.processes must not be the vault folder or lie inside it"
            } else { nil }
        guard let problem else { return setting }
        throw YAMLFields.error(
            settings.path, field.mark, problem,
            fix: "name a folder beside vault/, such as \(defaultProcesses)")
    }

    private static func settings(_ fields: YAMLFields) throws(VaultFileError) -> YAMLFields? {
        guard fields.mapping["settings"] != nil else { return nil }
        return try fields.fields("settings", allowed: ["warn_value_length", "processes"])
    }

    /// The file's bytes, in the fixed field order, with its header comment.
    public func yaml() throws(YAMLError) -> [UInt8] {
        var entries: [YAMLWriter.Entry] = [
            .init(key: "format", value: .integer(format)),
            .init(key: "public_key", value: .string(publicKey.base64)),
            .init(key: "key_id", value: .string(keyID.text)),
        ]
        if let rekeyFrom {
            entries.append(.init(key: "rekey_from", value: .string(rekeyFrom.text)))
        }
        if let signingKey {
            entries.append(.init(key: "signing_key", value: .string(signingKey.base64)))
        }
        if let keyChange {
            entries.append(.init(key: "key_change", value: .string(keyChange.base64)))
        }
        entries += [
            .init(
                key: "settings",
                value:
                    .mapping([
                        .init(key: "warn_value_length", value: .integer(warnValueLength)),
                        .init(key: "processes", value: .string(processes)),
                    ]))
        ]
        let editorEntry = YAMLWriter.Entry(key: "editors", value: .strings(editors))
        return try YAMLWriter.document(
            entries + (editors.isEmpty ? [] : [editorEntry]), header: Self.header)
    }
}

extension YAMLFields {
    /// The texts of the optional field `key`, a sequence of scalars; empty when absent.
    func optionalStrings(_ key: String) throws(VaultFileError) -> [String] {
        guard let node = mapping[key] else { return [] }
        guard case .sequence(let items, _) = node else {
            throw Self.error(path, node.mark, "field \(key) must be a list")
        }
        var texts: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item, !scalar.text.isEmpty else {
                throw Self.error(path, item.mark, "each entry of \(key) must be one text")
            }
            texts.append(scalar.text)
        }
        return texts
    }

    /// The text of the optional field `key`, or nil when absent.
    func optionalString(_ key: String) throws(VaultFileError) -> String? {
        guard mapping[key] != nil else { return nil }
        return try string(key).text
    }
}

extension YAMLError {
    /// The same problem as a vault file error for `path`.
    func vaultFileError(_ path: String) -> VaultFileError {
        VaultFileError(
            path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, problem: reason,
            fix: hint ?? "fix the YAML at that position; `git diff` shows what changed")
    }
}
