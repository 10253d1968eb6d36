/// The stale outputs of a `deploy` folder, judged by its manifest as `tresor status` judges
/// them (envelope digests, no clock), over every output it lists: the rendered process
/// files and the task inputs beside them (a time-based comparison of the process files
/// alone left the task inputs out: found by a forty-fifth fresh tester).
extension StaleOutput {
    /// Each output of `manifest` whose secrets changed or were deleted since the deploy, or
    /// whose process file in `processesFolder` is newer than it; then each process file
    /// holding placeholders (`references`, paths starting with `displayPrefix/`) that the
    /// deploy did not render. Sorted by path; paths are relative to `deployFolder`.
    public static func find(
        deployFolder: String, manifest: DeployManifest, vault: Vault,
        processesFolder: String?, displayPrefix: String, references: [PlaceholderReference]
    ) throws(VaultError) -> [StaleOutput] {
        let stale = try StaleCheck.stale(manifest, vault: vault)
        let bySecrets = Dictionary(
            stale.map { ($0.output.path, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [StaleOutput] = []
        for output in manifest.outputs {
            var reasons: [String] = []
            if let item = bySecrets[output.path] {
                if !item.deleted.isEmpty {
                    reasons.append("uses deleted secrets: " + item.deleted.joined(separator: ", "))
                }
                if !item.changed.isEmpty {
                    reasons.append("secrets changed since: " + item.changed.joined(separator: ", "))
                }
            }
            if let processesFolder, output.kind != .copy,
                let written = modified(deployFolder + "/" + output.path)
            {
                // A process file removed since the deploy was passed over (a forty-sixth
                // fresh tester; `usage` says "removed since the deploy").
                if let source = modified(processesFolder + "/" + output.source) {
                    if source > written { reasons.append("the process file changed since") }
                } else {
                    reasons.append("the process file was removed since")
                }
            }
            if !reasons.isEmpty {
                result.append(
                    StaleOutput(path: output.path, reason: reasons.joined(separator: "; ")))
            }
        }
        let rendered = Set(manifest.outputs.filter { $0.kind == .processFile }.map(\.source))
        let withPlaceholders = Set(
            references.map { inProcessFolder($0.location.path, displayPrefix: displayPrefix) })
        for source in withPlaceholders.subtracting(rendered) {
            result.append(StaleOutput(path: "processes/" + source, reason: "not rendered yet"))
        }
        return result.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }
}
