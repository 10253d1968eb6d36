/// Reads the fields of a vault file's YAML mapping by the schema: every key known, every
/// required key present, every value a scalar or mapping as expected. Errors point at the
/// field's line and column and never quote its text.
struct YAMLFields {
    let mapping: YAMLMapping
    let path: String

    /// Wraps the document's root, which must be a mapping.
    init(root: YAMLNode, path: String, allowed: [String]) throws(VaultFileError) {
        guard case .mapping(let mapping) = root else {
            throw Self.error(path, root.mark, "the file must be a YAML mapping of fields")
        }
        try self.init(mapping: mapping, path: path, allowed: allowed)
    }

    init(mapping: YAMLMapping, path: String, allowed: [String]) throws(VaultFileError) {
        self.mapping = mapping
        self.path = path
        for entry in mapping.entries where !allowed.contains(entry.key.text) {
            throw Self.error(
                path, entry.key.mark, "unknown field",
                fix: "the fields are: " + allowed.joined(separator: ", "))
        }
    }

    /// The scalar text of the required field `key`.
    func string(_ key: String) throws(VaultFileError) -> YAMLScalar {
        guard let node = mapping[key] else {
            throw Self.error(path, mapping.mark, "missing field \(key)")
        }
        guard case .scalar(let scalar) = node else {
            throw Self.error(path, node.mark, "field \(key) must be a single value")
        }
        return scalar
    }

    /// The nested mapping of the required field `key`.
    func fields(_ key: String, allowed: [String]) throws(VaultFileError) -> YAMLFields {
        guard let node = mapping[key] else {
            throw Self.error(path, mapping.mark, "missing field \(key)")
        }
        guard case .mapping(let nested) = node else {
            throw Self.error(path, node.mark, "field \(key) must be a mapping")
        }
        return try YAMLFields(mapping: nested, path: path, allowed: allowed)
    }

    /// The integer of the field `key`, or `fallback` when it is absent.
    func integer(_ key: String, default fallback: Int) throws(VaultFileError) -> Int {
        guard mapping[key] != nil else { return fallback }
        let scalar = try string(key)
        // Decimal digits only, no sign and no leading zero: YAML 1.1 readers take `010` for
        // 8, and `+5` is a number to some and a string to others (found by a thirty-eighth
        // fresh tester: both were read as decimal).
        let digits = scalar.text.utf8
        let isDecimal =
            !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) }
            && (digits.count == 1 || digits.first != 0x30)
        guard isDecimal, let value = Int(scalar.text) else {
            let reason =
                isDecimal
                ? "is too large (at most \(Int.max))"
                : "must be a whole number, 0 or more, in decimal digits without a sign or a "
                    + "leading zero (such as \(max(fallback, 1)))"
            throw Self.error(path, scalar.mark, "field \(key) " + reason)
        }
        // `"1"` is a string to YAML: said as such, not as a number that is not one (found
        // by a sixth fresh tester).
        guard scalar.isPlain else {
            throw Self.error(
                path, scalar.mark, "field \(key) must be a number without quotes (\(key): \(value))"
            )
        }
        return value
    }

    static func error(
        _ path: String, _ mark: YAMLMark, _ problem: String, rule: Rule = .vaultFile,
        fix: String? = nil
    ) -> VaultFileError {
        VaultFileError(
            path: path, line: mark.line, column: mark.column, rule: rule, problem: problem,
            fix: fix)
    }
}
