import Foundation

/// Reading a secret file by the schema: each rule broken is a ``VaultFileError`` at the
/// field's position, without the field's text.
extension SecretRecord {
    /// Parses a secret file; `path` is used in messages, `fileName` (without `.yaml`) must
    /// equal the name inside.
    public init(yaml bytes: [UInt8], path: String, fileName: String) throws(VaultFileError) {
        let root: YAMLNode
        do { root = try YAMLReader.parse(bytes) } catch { throw error.vaultFileError(path) }
        let fields = try YAMLFields(root: root, path: path, allowed: Self.fields)
        name = try Self.name(fields, fileName: fileName)
        displayName = try Self.displayName(fields)
        type = try Self.type(fields)
        value = try Self.value(fields)
        created = try Self.stamp(fields, "created")
        updated = try Self.stamp(fields, "updated")
    }

    private static func name(
        _ fields: YAMLFields, fileName: String
    ) throws(VaultFileError) -> SecretName {
        let field = try fields.string("name")
        let name: SecretName
        do { name = try SecretName(field.text) } catch {
            throw YAMLFields.error(
                fields.path, field.mark, error.reason, rule: .secretName, fix: error.hint)
        }
        guard name.text == fileName else {
            throw YAMLFields.error(
                fields.path, field.mark, "the name \(name) differs from the file name",
                rule: .secretName, fix: "a secret NAME lives in vault/NAME.yaml; names never change"
            )
        }
        return name
    }

    private static func displayName(_ fields: YAMLFields) throws(VaultFileError) -> String {
        let field = try fields.string("display_name")
        if let problem = DisplayName.problem(with: field.text) {
            throw YAMLFields.error(fields.path, field.mark, problem)
        }
        return field.text
    }

    private static func type(_ fields: YAMLFields) throws(VaultFileError) -> SecretType {
        let field = try fields.string("type")
        do { return try SecretType(parsing: field.text) } catch {
            throw YAMLFields.error(
                fields.path, field.mark, "unknown secret type", rule: .secretType,
                fix: error.hint)
        }
    }

    private static func value(_ fields: YAMLFields) throws(VaultFileError) -> SealedValue {
        let field = try fields.string("value")
        do { return try SealedValue(text: field.text) } catch {
            let fix: String
            if case .unknownEnvelopeVersion = error {
                fix = "this tresor reads v1 values; upgrade tresor"
            } else {
                // The hook refuses a delete and a create in one commit (audit-stamp).
                fix =
                    "restore the file from git, or delete the secret (`tresor delete NAME --yes`),"
                    + " commit that, and create it again"
            }
            throw YAMLFields.error(
                fields.path, field.mark, "value: " + error.message, rule: .envelope, fix: fix)
        }
    }

    private static func stamp(
        _ fields: YAMLFields, _ key: String
    ) throws(VaultFileError) -> AuditStamp {
        let nested = try fields.fields(key, allowed: stampFields)
        let at = try nested.string("at")
        guard AuditStamp.isWellFormed(at.text) else {
            throw YAMLFields.error(
                fields.path, at.mark, "\(key).at must be a UTC time such as 2026-01-31T09:30:00Z")
        }
        let by = try nested.string("by")
        // An empty author names nobody; tresor always writes one (found by a fresh tester).
        guard by.text.contains(where: { !$0.isWhitespace }) else {
            throw YAMLFields.error(
                fields.path, by.mark, "\(key).by is empty: it names who made the change",
                fix: "write the author's email or name there, as `tresor` does")
        }
        // Found by a fresh tester: `log` and `list` escaped such a stamp, `validate` passed it.
        guard !by.text.unicodeScalars.contains(where: AuditStamp.isControl) else {
            throw YAMLFields.error(
                fields.path, by.mark, "\(key).by must be one line without control characters",
                fix: "write the author's email or name there on one line, as `tresor` does")
        }
        return AuditStamp(at: at.text, by: by.text)
    }
}

/// The rules for display names: one line of printable text, at most 200 characters.
public enum DisplayName {
    public static let maximumLength = 200

    /// Why `text` is not a valid display name, or nil.
    public static func problem(with text: String) -> String? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            return "the display name is empty"
        }
        if text.unicodeScalars.count > maximumLength {
            return "the display name is longer than \(maximumLength) characters"
        }
        if text.unicodeScalars.contains(where: AuditStamp.isControl) {
            return "the display name must be one line without control characters"
        }
        return nil
    }
}
