/// `tresor status`: which outputs of a deploy hold a secret whose file changed or was
/// deleted since, by the envelope digests in the manifest. Needs no master key.
public enum StaleCheck {
    /// An output that no longer matches the vault.
    public struct Stale: Sendable, Equatable {
        public var output: DeployManifest.Output
        /// Secrets whose envelope differs from the one rendered.
        public var changed: [String]
        /// Secrets whose file is gone.
        public var deleted: [String]
    }

    /// The stale outputs of `manifest`, in manifest order.
    public static func stale(
        _ manifest: DeployManifest, vault: Vault
    ) throws(VaultError) -> [Stale] {
        var current: [String: String?] = [:]
        func digest(_ name: String) throws(VaultError) -> String? {
            if let known = current[name] { return known }
            var found: String?
            if let secret = try? SecretName(name), FileReader.exists(vault.path(of: secret)) {
                found = try vault.read(secret).value.digest
            }
            current[name] = found
            return found
        }
        var result: [Stale] = []
        for output in manifest.outputs where !output.secrets.isEmpty {
            var stale = Stale(output: output, changed: [], deleted: [])
            for (name, recorded) in output.secrets.sorted(by: { $0.key < $1.key }) {
                switch try digest(name) {
                case .none: stale.deleted.append(name)
                case .some(let now) where now != recorded: stale.changed.append(name)
                default: break
                }
            }
            if !stale.changed.isEmpty || !stale.deleted.isEmpty { result.append(stale) }
        }
        return result
    }
}
