import TresorKit

/// What `tresor usage` from the deploy index learns by scanning the process folder: the
/// processes not deployed yet, changed since the deploy, or removed since, and the uses
/// and secrets in them that the index cannot know.
extension IndexUsage {
    /// What the process folder holds that the index does not say.
    struct SinceDeploy {
        /// Processes whose id is not in the index.
        var undeployed: [UsageIndex.Process] = []
        /// Deployed processes whose placeholders are not those the index lists.
        var changed: [UsageIndex.Process] = []
        /// When one secret is asked for, its uses in those processes that the index does
        /// not hold, each with whether its process was deployed (and changed since).
        var uses: [(use: UsageIndex.Use, changed: Bool)] = []
        /// Deployed processes whose file the scan did not find (removed, or moved: a moved
        /// one is listed as changed in its new file too).
        // Limitation: a moved process file is reported as removed and changed, not as moved
        // (README, Known limitations).
        var removed: [UsageIndex.Process] = []
        /// The secrets those processes use.
        var names: Set<SecretName> = []
        /// Every process the scan met, by id and file.
        var seen: Set<[[UInt8]]> = []

        /// "changed since the deploy" or "removed since the deploy" for a use of the index
        /// whose process is; nil for one still as deployed.
        func state(of use: UsageIndex.Use) -> String? {
            guard let process = use.process, !changed.isEmpty || !removed.isEmpty else {
                return nil
            }
            let key = Self.key(process, use.file)
            if changedKeys.contains(key) { return "changed since the deploy" }
            if removedKeys.contains(key) { return "removed since the deploy" }
            return nil
        }

        /// The changed and removed processes by id and file, once the scan is done.
        private(set) var changedKeys: Set<[[UInt8]]> = []
        private(set) var removedKeys: Set<[[UInt8]]> = []

        mutating func finish() {
            changedKeys = Set(changed.map { Self.key($0.id, $0.file) })
            removedKeys = Set(removed.map { Self.key($0.id, $0.file) })
        }

        /// A process by the bytes of its id and file: two spellings are two.
        static func key(_ id: String, _ file: String) -> [[UInt8]] {
            [Array(id.utf8), Array(file.utf8)]
        }
    }

    /// Scans the process folder for processes not deployed yet or changed since: a
    /// deployed process whose placeholders in a file (secret, task, parameter, field) are
    /// not the ones the index lists for it in that file has changed (a process may have
    /// task inputs in JSON files of its own).
    func sinceDeploy() throws -> SinceDeploy {
        guard FileReader.isFolder(folder) else { return SinceDeploy() }
        // Ids and files by their bytes: two spellings of an id are two processes.
        let key = { @Sendable (id: String, file: String) in SinceDeploy.key(id, file) }
        let ids = Set(index.processes.map { Array($0.id.utf8) })
        var deployed: [[[UInt8]]: [UseKey]] = [:]
        for process in index.processes { deployed[key(process.id, process.file)] = [] }
        for use in index.uses {
            guard let process = use.process else { continue }
            deployed[key(process, use.file), default: []].append(UseKey(use))
        }
        let indexed = deployed.mapValues { $0.sorted() }
        let only = only
        var result = SinceDeploy()
        try ProcessScan.forEachDocument(
            in: folder, displayPrefix: "",
            transform: { document in
                var found = SinceDeploy()
                for process in document.processes {
                    found.seen.insert(key(process.id, document.path))
                    let id = Array(process.id.utf8)
                    let listed = UsageIndex.Process(
                        id: process.id, name: process.name, file: document.path)
                    let references = document.references.filter {
                        $0.process.map { Array($0.id.utf8) == id } == true
                    }
                    let uses = references.map { UsageIndex.Use($0, file: document.path) }
                    let isDeployed = ids.contains(id)
                    let old = indexed[key(process.id, document.path)] ?? []
                    if isDeployed, old == uses.map(UseKey.init).sorted() { continue }
                    if isDeployed {
                        found.changed.append(listed)
                    } else {
                        found.undeployed.append(listed)
                    }
                    found.names.formUnion(references.map(\.name))
                    for (reference, use) in zip(references, uses) where reference.name == only {
                        // A use the deploy had already made is listed as deployed.
                        if old.contains(UseKey(use)) { continue }
                        found.uses.append((use, isDeployed))
                    }
                }
                return found
            }
        ) { found in
            result.undeployed += found.undeployed
            result.changed += found.changed
            result.uses += found.uses
            result.names.formUnion(found.names)
            result.seen.formUnion(found.seen)
        }
        result.removed = index.processes.filter { !result.seen.contains(key($0.id, $0.file)) }
        result.finish()
        return result
    }

    /// What a use is, without where it is written: a deployed process whose uses keep
    /// their keys has not changed.
    struct UseKey: Comparable, Hashable, Sendable {
        /// Secret, task, parameter and field, as bytes.
        let parts: [[UInt8]]

        init(_ use: UsageIndex.Use) {
            parts = [use.secret, use.task ?? "", use.parameter, use.field].map { Array($0.utf8) }
        }

        static func < (left: UseKey, right: UseKey) -> Bool {
            left.parts.lexicographicallyPrecedes(right.parts) { $0.lexicographicallyPrecedes($1) }
        }
    }
}
