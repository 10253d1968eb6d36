import Foundation

/// `manifest.json` in a deploy's output folder: every file written, and for each the
/// secrets it holds with a digest of each secret's envelope. It holds no value.
///
/// `tresor status` compares the digests with the vault's files: an output is stale when a
/// secret it holds was changed (its envelope differs) or deleted since the deploy.
public struct DeployManifest: Codable, Sendable, Equatable {
    /// The manifest's file name in the output folder.
    public static let fileName = "manifest.json"
    /// The only format this release writes and reads.
    public static let currentFormat = 1

    /// One file of the output folder.
    public struct Output: Codable, Sendable, Equatable {
        /// What the file is.
        public enum Kind: String, Codable, Sendable {
            /// A BPMN or JSON file of the process folder, rendered.
            case processFile = "process-file"
            /// One task input as its own JSON file.
            case taskInput = "task-input"
            /// Another file of the process folder, copied as it is.
            case copy
        }

        /// `/`-separated, relative to the output folder.
        public var path: String
        public var kind: Kind
        /// The file of the process folder it was made from.
        public var source: String
        public var process: String?
        public var task: String?
        public var parameter: String?
        /// Secret name to ``SealedValue/digest`` of the envelope that was opened.
        public var secrets: [String: String]
    }

    public var format = currentFormat
    /// When the deploy ran (UTC ISO-8601).
    public var deployedAt: String
    /// The vault's key id at the time.
    public var keyID: String
    public var outputs: [Output]

    enum CodingKeys: String, CodingKey {
        case format, outputs
        case deployedAt = "deployed_at"
        case keyID = "key_id"
    }

    public init(deployedAt: String, keyID: String, outputs: [Output]) {
        self.deployedAt = deployedAt
        self.keyID = keyID
        self.outputs = outputs
    }

    /// The manifest's JSON text: sorted keys, no `\/`.
    public func encoded() -> [UInt8] { JSONFile.encode(self) }

    /// Reads the manifest of the output folder `folder`. One that is not a regular file, or
    /// not a manifest of this format, is a bad manifest, with why (where the JSON breaks,
    /// when it does); one that cannot be read is a file error.
    public static func read(from folder: String) throws(DeployError) -> DeployManifest {
        let path = folder + "/" + fileName
        guard FileReader.exists(path) else { throw .noManifest(path) }
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path, limit: 64 << 20) } catch {
            switch error {
            // A folder or a FIFO where the manifest goes said "nothing was deployed", exit 6
            // (found by a sixth fresh tester).
            case .notRegularFile, .tooLarge:
                throw .badManifest(path, reason: error.reason ?? error.message)
            default: throw .unreadableManifest(error)
            }
        }
        guard let manifest = try? JSONDecoder().decode(DeployManifest.self, from: Data(bytes))
        else { throw .badManifest(path, reason: whyNotAManifest(bytes)) }
        guard manifest.format == currentFormat else {
            throw .badManifest(path, reason: "format \(manifest.format), not \(currentFormat)")
        }
        if let reason = manifest.outputs.lazy.compactMap(Self.problem).first {
            throw .badManifest(path, reason: reason)
        }
        return manifest
    }

    /// Why `output` is none `deploy` writes: a path or source that is empty, absolute, or
    /// steps out with `..` (or holds `.`, an empty part, a NUL), or a secret name that
    /// breaks the name rules. `status` printed `../../etc/passwd` for a script to re-render,
    /// and `report` judged files outside the folder (found by a forty-sixth fresh tester).
    private static func problem(_ output: Output) -> String? {
        for (field, path) in [("path", output.path), ("source", output.source)] {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.isEmpty || path.hasPrefix("/") || path.contains("\u{0}")
                || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
            {
                return "an output's \(field) is not a relative path inside the folder"
            }
        }
        if output.secrets.keys.contains(where: { (try? SecretName($0)) == nil }) {
            return "an output names a secret that breaks the name rules"
        }
        return nil
    }

    /// Why `bytes` do not decode as a manifest: where the JSON breaks, else what is missing.
    private static func whyNotAManifest(_ bytes: [UInt8]) -> String {
        var tokenizer = JSONTokenizer(bytes)
        tokenizer.decodesStringValues = false
        do throws(JSONSyntaxError) {
            while try tokenizer.next() != nil {}
        } catch {
            let position = LineIndex(bytes).position(of: error.offset)
            return "invalid JSON at line \(position.line), column \(position.column): "
                + error.message
        }
        return "valid JSON, but not the fields of a manifest"
    }
}
