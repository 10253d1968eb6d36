/// The text form of a vault file for `git diff` (a textconv driver): metadata line by
/// line, and the sealed value as its key ids and a short fingerprint instead of base64.
///
/// Why a fingerprint: textconv sees one version of a file at a time, so it cannot say
/// "changed" itself; a changed value shows as a changed fingerprint line, and a metadata
/// edit leaves that line alone. The fingerprint hashes the envelope, which is public in
/// the repository anyway; it tells nothing about the value.
public enum SecretFileText {
    /// The diff text of the vault file `bytes`. `vault.yaml` comes back as it is, so the
    /// diff still shows it; a file that reads as neither comes back line by line, but for
    /// lines that are no field of a secret file (``maskingUnknownLines(_:)``).
    public static func render(_ bytes: [UInt8]) -> [UInt8] {
        guard let record = record(bytes) else {
            if (try? VaultConfig(yaml: bytes, path: "")) != nil { return bytes }
            return maskingUnknownLines(bytes)
        }
        let keys = record.value.recipients.map(\.text).joined(separator: ", ")
        // The texts a person chose are shown escaped, as every command shows them: a line
        // separator or a bidirectional override reached `git diff` raw (found by a
        // thirty-eighth fresh tester).
        let shown = { (text: String) in TerminalText.escaped(text) }
        let lines = [
            "name: \(record.name)",
            "display_name: \(shown(record.displayName))",
            "type: \(record.type.rawValue)",
            "value: sealed to \(keys), fingerprint \(fingerprint(record.value))",
            "created: \(record.created.at) by \(shown(record.created.by))",
            "updated: \(record.updated.at) by \(shown(record.updated.by))",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The lines of a file that does not read as a secret file (a merge conflict, a typo),
    /// each shown only when it is a whole field as a secret file has it: at the top level
    /// `name:`, `display_name:` or `type:` with a one-line value, `value:` with a sealed
    /// value, `created:` or `updated:` alone, and under these two `at:` and `by:`; also
    /// empty lines, merge markers and Tresor's header comment. Any other line is
    /// replaced, and so is a line holding a line break other than LF (a CR, NEL, LS or
    /// PS, which YAML readers may take for one). A value typed into a file by hand was
    /// shown by `git diff`, whatever key spelling, YAML form or line break held it (found
    /// by three fresh testers); the hook refuses to commit such a file.
    static func maskingUnknownLines(_ bytes: [UInt8]) -> [UInt8] {
        let fields = ["name:", "display_name:", "type:"]
        let stamps = ["created:", "updated:"]
        let stampFields = ["at:", "by:"]
        let markers = ["<<<<<<< ", ">>>>>>> ", "||||||| "]
        let header = SecretRecord.header.split(separator: "\n").map(String.init)
        var output: [UInt8] = []
        var inStamp = false
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            .enumerated()
        {
            if index > 0 { output.append(0x0A) }
            var text = String(decoding: line, as: UTF8.self)
            if text.last == "\r" { text.removeLast() }
            let body = text.drop { $0 == " " || $0 == "\t" }
            let indented = body.count < text.count
            let breaks = text.unicodeScalars.contains {
                ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0)
            }
            var isShown = false
            if breaks {
                isShown = false
            } else if body.isEmpty {
                isShown = true
            } else if !indented {
                inStamp = stamps.contains(String(body))
                isShown =
                    inStamp || markers.contains { body.hasPrefix($0) } || body == "======="
                    || header.contains(String(body)) || isSealedValueLine(body)
                    || fields.contains { body.hasPrefix($0) && isOneLine(body.dropFirst($0.count)) }
            } else if inStamp {
                isShown = stampFields.contains {
                    body.hasPrefix($0) && isOneLine(body.dropFirst($0.count))
                }
            }
            if isShown {
                output.append(contentsOf: line)
            } else {
                output.append(contentsOf: text.prefix { $0 == " " || $0 == "\t" }.utf8)
                output.append(contentsOf: "(line not shown: no field of a secret file)".utf8)
            }
        }
        return output
    }

    /// True when `rest`, what follows a key's colon, is a value on this line: not empty,
    /// not a block scalar (`|`, `>`), a flow collection (`{`, `[`) or an alias or anchor
    /// whose node could continue below.
    private static func isOneLine(_ rest: Substring) -> Bool {
        let value = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.first == " ", let first = value.first else { return false }
        return !["|", ">", "{", "[", "&", "*", "!"].contains(first)
    }

    /// True for `value: tresor:v1:...`, quoted or not, where the rest parses as a sealed
    /// value.
    private static func isSealedValueLine(_ line: Substring) -> Bool {
        guard line.hasPrefix("value: ") else { return false }
        var rest = line.dropFirst(7)
        if let quote = rest.first, quote == "\"" || quote == "'", rest.count > 1,
            rest.last == quote
        {
            rest = rest.dropFirst().dropLast()
        }
        return (try? SealedValue(text: String(rest))) != nil
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
