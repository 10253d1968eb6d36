import TresorKit

extension FlagSpec {
    /// `--only NAMES`, for commands that hand out values.
    static let only = option("only", "NAMES", "only these secrets, comma-separated")
}

extension Invocation {
    /// The secrets `--only NAMES` names (each must exist), else every secret of `vault`.
    func selectedNames(in vault: Vault) throws -> [SecretName] {
        guard let list = arguments.value("only") else { return try vault.names() }
        var names: [SecretName] = []
        for part in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = try SecretName(String(part))
            guard FileReader.exists(vault.path(of: name)) else {
                throw VaultError.secretNotFound(name)
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The values of `names`, opened with the master key of `vault`.
    func openValues(_ names: [SecretName], in vault: Vault) throws -> [(SecretName, SecretBytes)] {
        let resolver = resolver(for: vault)
        return try names.map { ($0, try resolver.value(of: $0)) }
    }
}
