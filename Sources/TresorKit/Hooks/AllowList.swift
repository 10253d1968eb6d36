/// Findings silenced on purpose, visibly: the checked-in file `.tresor-allow.yaml` at the
/// top of the repository lists entries of file, field, rule and reason.
///
/// ```yaml
/// allow:
///   - file: processes/orders/export.bpmn
///     field: sortKey
///     rule: plaintext-credential
///     reason: sortKey names a column, not a key
/// ```
///
/// Only process-file rules can be silenced (see ``Rule/silenceable``); a master key, a
/// vault file or an authorship problem never can. `field` is left out for findings that
/// name no field (those of the placeholder readers).
// Limitation: removing an entry does not check again the unchanged files it silenced, until
// they change (README, Known limitations).
public struct AllowList: Sendable {
    /// The file's name, at the top of the repository.
    public static let fileName = ".tresor-allow.yaml"

    /// One silenced finding kind.
    public struct Entry: Sendable, Hashable {
        public var file: String
        public var field: String?
        public var rule: Rule
        public var reason: String
        /// The entry's line in the allow-list file.
        public var line: Int

        // Limitation: findings of the placeholder readers carry no field, so an entry
        // without `field` silences every such finding of its rule in its file (and no
        // finding that names a field).
        /// Paths and fields are compared byte by byte (see `PathNames.swift`): an entry
        /// for one spelling of a name never silences a file spelt the other way.
        func matches(_ finding: CommitFinding) -> Bool {
            guard finding.finding.location.path.isSamePath(as: file), finding.finding.rule == rule
            else { return false }
            switch (finding.field, field) {
            case (nil, nil): return true
            case (let found?, let allowed?): return found.isSamePath(as: allowed)
            default: return false
            }
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// Parses the file; `path` names it in errors, all under the `allow-list` rule with the
    /// allow-list's advice (they were `vault-file` errors with the advice for secret files;
    /// found by fresh testers).
    public init(yaml bytes: [UInt8], path: String) throws(VaultFileError) {
        do { entries = try Self.entries(bytes, path) } catch {
            var error = error
            // Advice meant for a vault file ("vault files use plain YAML only") never fits;
            // the allow-list's own errors keep theirs.
            if error.rule != .allowList || error.fix == nil {
                error.fix =
                    "plain YAML: `allow:` and a list of mappings of file, rule and reason (not "
                    + "empty), and field where the finding names one; see the README's "
                    + "allow-list section"
            }
            error.rule = .allowList
            throw error
        }
    }

    private static func entries(_ bytes: [UInt8], _ path: String) throws(VaultFileError) -> [Entry]
    {
        let root: YAMLNode
        do { root = try YAMLReader.parse(bytes) } catch { throw error.vaultFileError(path) }
        let fields = try YAMLFields(root: root, path: path, allowed: ["allow"])
        guard case .sequence(let items, _) = fields.mapping["allow"] ?? .sequence([], root.mark)
        else { throw YAMLFields.error(path, root.mark, "allow must be a list of entries") }
        return try items.map { item throws(VaultFileError) in try Self.entry(item, path) }
    }

    private static func entry(_ item: YAMLNode, _ path: String) throws(VaultFileError) -> Entry {
        guard case .mapping(let mapping) = item else {
            throw YAMLFields.error(path, item.mark, "each entry must be a mapping")
        }
        let fields = try YAMLFields(
            mapping: mapping, path: path, allowed: ["file", "field", "rule", "reason"])
        let rule = Rule(try fields.string("rule").text)
        guard Rule.silenceable.contains(rule) else {
            let names = Rule.silenceable.map(\.rawValue).sorted().joined(separator: ", ")
            let why =
                Rule.validateErrors.contains(rule)
                ? ": `tresor validate` and `deploy` refuse the file whatever this list says"
                : ""
            let fix =
                rule == .nearMiss
                ? "correct the file (`tresor fix` rewrites near-misses) and remove the entry; "
                : Rule.validateErrors.contains(rule)
                    ? "correct the file and remove the entry; " : ""
            throw YAMLFields.error(
                path, try fields.string("rule").mark, "rule \(rule) cannot be silenced" + why,
                rule: .allowList, fix: fix + "rules that can be silenced: \(names)")
        }
        let reason = try fields.string("reason")
        guard !reason.text.trimmed.isEmpty else {
            throw YAMLFields.error(path, reason.mark, "the reason is empty", rule: .allowList)
        }
        return Entry(
            file: try fields.string("file").text, field: try fields.optionalString("field"),
            rule: rule, reason: reason.text, line: mapping.mark.line)
    }

    /// A warning for each entry whose `file` can match no finding: one not written as git
    /// writes paths (`./x`, `a//b`, a trailing `/`), one with a glob character (paths are
    /// compared whole), or one that names no file of `files`, the snapshot's files. Such
    /// an entry silenced nothing without a word (found by a twenty-fifth fresh tester).
    /// The hook asks only when the allow-list itself changes.
    func unmatchedFileFindings(files: Set<[UInt8]>) -> [Finding] {
        entries.compactMap { entry in
            let problem: String
            // A file that is there matches, `[` in its name or not (it was warned about as
            // a glob while it silenced; found by a twenty-sixth fresh tester).
            if files.contains(Array(entry.file.utf8)) {
                return nil
            } else if RepositoryPath.normalized(entry.file) != entry.file {
                problem = "is not written as git writes paths (from the top, no ./ or //)"
            } else if entry.file.utf8.contains(where: { [0x2A, 0x3F, 0x5B].contains($0) }) {
                problem = "holds a glob character; paths are compared whole, one file an entry"
            } else {
                problem = "names no file in the repository (as staged)"
            }
            return Finding(
                .warning, .allowList,
                at: SourceLocation(path: Self.fileName, line: entry.line, column: 1),
                "the entry's file \(TerminalText.quoted(entry.file)) \(problem), so it silences "
                    + "nothing",
                hint: "write the path from the top of the repository as `git ls-files` shows it")
        }
    }

    /// Splits `findings` into those still reported and those an entry silences, and adds a
    /// warning for each entry about a checked file that silenced nothing.
    func apply(
        to findings: [CommitFinding], checkedFiles: [String]
    ) -> (kept: [CommitFinding], silenced: [CommitFinding]) {
        let checked = Set(checkedFiles.map { Array($0.utf8) })
        var kept: [CommitFinding] = []
        var silenced: [CommitFinding] = []
        var used = Set<Int>()
        for finding in findings {
            let match = entries.indices.first { entries[$0].matches(finding) }
            if let match, Rule.silenceable.contains(finding.finding.rule) {
                used.insert(match)
                silenced.append(finding)
            } else {
                kept.append(finding)
            }
        }
        for (index, entry) in entries.enumerated()
        where !used.contains(index) && checked.contains(Array(entry.file.utf8)) {
            let location = SourceLocation(path: Self.fileName, line: entry.line, column: 1)
            let message = "the entry for \(entry.file) (\(entry.rule)) silences nothing"
            kept.append(
                CommitFinding(
                    Finding(.warning, .allowList, at: location, message, hint: "remove it")))
        }
        return (kept, silenced)
    }
}
