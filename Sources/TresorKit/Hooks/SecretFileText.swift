/// The text form of a vault file for `git diff` (a textconv driver): metadata line by
/// line, and the sealed value as its key ids and a short fingerprint instead of base64.
///
/// Why a fingerprint: textconv sees one version of a file at a time, so it cannot say
/// "changed" itself; a changed value shows as a changed fingerprint line, and a metadata
/// edit leaves that line alone. The fingerprint hashes the envelope, which is public in
/// the repository anyway; it tells nothing about the value.
public enum SecretFileText {
    /// The diff text of the vault file `bytes`. `vault.yaml` and files that do not read as
    /// a secret file come back as they are, so the diff still shows them, but for what a
    /// `value:` line holds when it is no sealed value (``maskingPlainValues(_:)``).
    public static func render(_ bytes: [UInt8]) -> [UInt8] {
        guard let record = record(bytes) else { return maskingPlainValues(bytes) }
        let keys = record.value.recipients.map(\.text).joined(separator: ", ")
        let lines = [
            "name: \(record.name)",
            "display_name: \(record.displayName)",
            "type: \(record.type.rawValue)",
            "value: sealed to \(keys), fingerprint \(fingerprint(record.value))",
            "created: \(record.created.at) by \(record.created.by)",
            "updated: \(record.updated.at) by \(record.updated.by)",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// `bytes` with the rest of each line whose first word is the key `value:` (at any
    /// indentation) replaced, unless it starts a sealed value (`tresor:v`, quoted or not):
    /// a value typed into a file by hand was shown by `git diff` (found by a fresh
    /// tester). The hook refuses to commit such a file.
    static func maskingPlainValues(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(0x0A) }
            let text = line.drop { $0 == 0x20 || $0 == 0x09 }
            guard text.starts(with: Array("value:".utf8)) else {
                output.append(contentsOf: line)
                continue
            }
            let rest = text.dropFirst(6).drop {
                $0 == 0x20 || $0 == 0x09 || $0 == 0x22 || $0 == 0x27
            }
            if rest.isEmpty || rest.starts(with: Array("tresor:v".utf8)) {
                output.append(contentsOf: line)
            } else {
                output.append(contentsOf: line[line.startIndex..<text.startIndex])
                output.append(contentsOf: Array("value: (not a sealed value; not shown)".utf8))
            }
        }
        return output
    }

    /// The file as a secret record, whatever the temporary file git hands over is called.
    static func record(_ bytes: [UInt8]) -> SecretRecord? {
        guard case .mapping(let mapping)? = try? YAMLReader.parse(bytes),
            let name = mapping["name"]?.scalar?.text
        else { return nil }
        return try? SecretRecord(yaml: bytes, path: "", fileName: name)
    }

    // Limitation: sealed boxes are randomised, so setting the same value again shows as
    // a changed fingerprint, just as it shows as a changed ciphertext.
    /// 12 hex digits of BLAKE2b over the envelope text.
    static func fingerprint(_ value: SealedValue) -> String {
        let text = Array(value.text.utf8)
        let digest = text.withUnsafeBytes { Sodium.blake2b($0, length: 16) }
        return String(Sodium.hex(digest).prefix(12))
    }
}
