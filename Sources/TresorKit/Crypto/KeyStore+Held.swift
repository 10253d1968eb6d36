/// Every master key an environment holds, for `redact`, which masks them all: a key in a
/// log is as bad as every value it opens, and the old key a `rekey` leaves still opens the
/// values in git history (a second fresh tester found it printed in clear).
extension KeyStore {
    /// The keys found without running a command: each line of `TRESOR_KEY` and of the
    /// `TRESOR_KEY_FILE` file, and every `*.key` file of the default key folder. A source
    /// that cannot be read, or a line that is no key, is skipped. Key files are read here
    /// whatever their mode and owner: a key file open to others is refused for opening
    /// values, but its key must still be masked (found by a twenty-fifth fresh tester: an
    /// old key in a 0644 file passed `redact` in clear).
    public static func heldKeys(environment: TresorEnvironment) -> [MasterKey] {
        var texts: [SecretBytes] = []
        let variables = environment.variables
        if let text = nonEmpty(variables["TRESOR_KEY"]) { texts.append(SecretBytes(text.utf8)) }
        if let file = nonEmpty(variables["TRESOR_KEY_FILE"]),
            let text = try? KeyFile.contents(
                of: environment.absolute(file), limit: maximumFileSize, checkingAccess: false)
        {
            texts.append(text)
        }
        if let folder = try? keyFolder(environment) {
            for name in FileTree.names(in: folder) ?? [] where name.hasSuffix(".key") {
                if let text = try? KeyFile.contents(
                    of: folder + "/" + name, limit: maximumFileSize, checkingAccess: false)
                {
                    texts.append(text)
                }
            }
        }
        return texts.flatMap { text in
            text.withUnsafeBytes { bytes in
                bytes.split(separator: 0x0A).compactMap { try? MasterKey(text: SecretBytes($0)) }
            }
        }
    }
}

extension KeyStore {
    /// The key ids of the default key folder's key files (`ID.key`), when no key variable
    /// names another source; nil when one does, or the folder cannot be listed. Names
    /// only: no key is read.
    public static func defaultFolderKeyIDs(environment: TresorEnvironment) -> [String]? {
        let variables = environment.variables
        guard
            ["TRESOR_KEY", "TRESOR_KEY_FILE", "TRESOR_KEY_COMMAND"].allSatisfy({
                (variables[$0] ?? "").isEmpty
            }),
            let folder = try? keyFolder(environment),
            let names = FileTree.names(in: folder)
        else { return nil }
        return names.filter { $0.hasSuffix(".key") }.map { String($0.dropLast(4)) }.sorted()
    }
}

extension MasterKey {
    /// The text form without its prefix and newline: the key material itself, which
    /// `redact` masks wherever it stands, with its prefix or without.
    public var encodedBody: SecretBytes {
        encoded.withUnsafeBytes { SecretBytes($0[MasterKey.prefix.count..<($0.count - 1)]) }
    }
}
