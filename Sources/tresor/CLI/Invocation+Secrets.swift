import TresorKit

extension FlagSpec {
    /// `--only NAMES`, for commands that hand out values.
    static let only = option("only", "NAMES", "only these secrets, comma-separated")
}

extension Invocation {
    /// The secrets `--only NAMES` names (each must exist), else every secret of `vault`;
    /// a file whose name is no secret name (`BASH_ENV.yaml`, committed by hand) is left
    /// out with a warning (it was left out without a word; found by a third fresh tester).
    func selectedNames(in vault: Vault) throws -> [SecretName] {
        guard let list = arguments.value("only") else {
            let entries = try vault.entries()
            // Named as they are (`X.yml` is no `X.yml.yaml`; found by a fourth fresh tester).
            let refused = entries.filter { $0.name == nil }.map { String($0.path.lastPathName) }
            if !refused.isEmpty {
                console.warning(
                    "left out, not valid secret names: "
                        + refused.map { SecretName.printable($0) }.joined(separator: ", ")
                        + " (`tresor validate` says why)")
            }
            return entries.compactMap(\.name)
        }
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
