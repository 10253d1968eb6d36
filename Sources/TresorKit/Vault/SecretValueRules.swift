/// The rules every value must meet before it is sealed: valid UTF-8 (values land in text
/// formats), no NUL byte, and what its type promises. Values are otherwise kept exactly:
/// no trimming, no Unicode normalisation.
public enum SecretValueRules {
    /// The longest value accepted: its sealed, base64-encoded form must fit in a secret file
    /// the reader accepts (``Vault/maximumFileSize``, 1 MiB).
    public static let maximumLength = 512 * 1024

    /// Why an empty value is refused (its error then says how to give one).
    static let emptyProblem = "it is empty"

    /// Throws when `value` cannot be stored; returns warnings (a long value) otherwise.
    public static func check(
        _ value: SecretBytes, name: SecretName, type: SecretType, warnLength: Int
    ) throws(VaultError) -> [String] {
        let problem: String? = value.withUnsafeBytes { bytes in
            if bytes.isEmpty { return emptyProblem }
            if bytes.count > maximumLength {
                return "it is \(bytes.count) bytes; at most \(maximumLength) are allowed"
            }
            if bytes.contains(0) { return "it contains a NUL byte" }
            // Checked on the bytes: a String made of the value could not be wiped.
            if UTF8Check.firstInvalidOffset(bytes) != nil { return "it is not valid UTF-8" }
            return nil
        }
        if let problem { throw .invalidValue(name, problem) }
        if let problem = type.problem(with: value) { throw .invalidValue(name, problem) }
        // 0 turns the warning off (a sixth fresh tester found every value warned about).
        if warnLength > 0, value.count > warnLength {
            return [
                "the value for \(name) is \(value.count) bytes, above the warning "
                    + "threshold of \(warnLength) (settings.warn_value_length)"
            ]
        }
        return []
    }
}
