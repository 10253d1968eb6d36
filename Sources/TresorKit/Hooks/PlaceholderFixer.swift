/// Rewrites near-miss placeholders to the canonical `{{secret:NAME}}` in a process file,
/// where the intended name is clear and exists in the vault (`tresor fix`).
///
/// Only the near-miss's own bytes change (entities and escapes it was written with
/// included). A near-miss is left alone when it is not closed, when a brace follows it
/// (the rewrite would leave a stray `}`), or when its name is not in the vault. The
/// rewritten file is read again, and kept only if exactly the fixed near-misses are gone.
public enum PlaceholderFixer {
    /// One near-miss and what happens to it.
    public struct Fix: Sendable, Hashable {
        public var location: SourceLocation
        /// The near-miss as written (printable, at most 80 bytes).
        public var text: String
        /// The canonical placeholder, or nil when it is left alone.
        public var replacement: String?
        /// Why it is left alone.
        public var reason: String?
        var range: Range<Int>
    }

    // Limitation: the Camunda form `{{secrets.X}}` is rewritten even in a Camunda 8
    // connector, where Camunda itself would have resolved it from its own secret store;
    // a near-miss in an unsupported place (a processing instruction) is rewritten too; one
    // split by a comment is rewritten whole, the comment dropped, and `text` is decoded
    // (README, Known limitations).
    /// The near-misses of the process file `bytes` (named `path` in locations), each with
    /// its rewrite or the reason it has none.
    public static func plan(
        _ bytes: [UInt8], path: String, kind: ProcessDocument.Kind, exists: (SecretName) -> Bool
    ) -> [Fix] {
        let lines = LineIndex(bytes)
        return NearMissSites.find(bytes, kind: kind).map { found in
            let position = lines.position(of: found.source.lowerBound)
            var fix = Fix(
                location: SourceLocation(path: path, line: position.line, column: position.column),
                text: found.nearMiss.text, replacement: nil, reason: nil, range: found.source)
            fix.reason = problem(found, bytes: bytes, exists: exists)
            if fix.reason == nil { fix.replacement = found.nearMiss.suggestion }
            return fix
        }
    }

    /// `bytes` with every planned replacement made, or nil when reading the result again
    /// does not show exactly those near-misses gone, or shows the file broken.
    public static func apply(
        _ fixes: [Fix], to bytes: [UInt8], kind: ProcessDocument.Kind
    ) -> [UInt8]? {
        let chosen = fixes.filter { $0.replacement != nil }.sorted {
            $0.range.lowerBound < $1.range.lowerBound
        }
        let output = replacing(chosen, in: bytes)
        return readsBack(output, from: bytes, fixed: chosen.count, kind: kind) ? output : nil
    }

    /// `bytes` with each of `fixes` (in file order; near-misses never overlap) replaced,
    /// built in one pass: replacing them in place, from the last, moved the rest of the
    /// file each time, and 20,000 near-misses moved gigabytes (found by a tester).
    static func replacing(_ fixes: [Fix], in bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for fix in fixes {
            output += bytes[copied..<fix.range.lowerBound]
            output += fix.replacement!.utf8
            copied = fix.range.upperBound
        }
        output += bytes[copied...]
        return output
    }

    /// The planned replacements that read back, made one at a time where all at once do
    /// not: one near-miss whose rewrite would not read back no longer keeps the others of
    /// its file from being fixed (found by a fresh tester). Returns the new bytes and the
    /// fixes made; the others are left as they are.
    // Limitation: one at a time, each reading the whole file back, so a file of a thousand
    // near-misses with one that will not read back takes seconds (4,000 took 105 s),
    // growing with their square (README, Known limitations).
    public static func applyEach(
        _ fixes: [Fix], to bytes: [UInt8], kind: ProcessDocument.Kind
    ) -> (bytes: [UInt8], applied: [Fix]) {
        let chosen = fixes.filter { $0.replacement != nil }
        if let all = apply(fixes, to: bytes, kind: kind) { return (all, chosen) }
        var output = bytes
        var applied: [Fix] = []
        // From the last to the first: each replacement leaves the ranges before it alone.
        for fix in chosen.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            var candidate = output
            candidate.replaceSubrange(fix.range, with: Array(fix.replacement!.utf8))
            guard readsBack(candidate, from: output, fixed: 1, kind: kind) else { continue }
            output = candidate
            applied.append(fix)
        }
        return (output, applied.reversed())
    }

    /// True when `after` holds `fixed` fewer near-misses than `before`, and is no more
    /// broken.
    private static func readsBack(
        _ after: [UInt8], from before: [UInt8], fixed: Int, kind: ProcessDocument.Kind
    ) -> Bool {
        let old = ProcessFolder.document(bytes: before, path: "f", kind: kind)
        let new = ProcessFolder.document(bytes: after, path: "f", kind: kind)
        let nearMisses = { (document: ProcessDocument) in
            document.findings.filter { $0.rule == .nearMiss }.count
        }
        let broken = { (document: ProcessDocument) in
            document.findings.filter { [.xml, .json, .xmlDoctype].contains($0.rule) }.count
        }
        return nearMisses(new) == nearMisses(old) - fixed && broken(new) <= broken(old)
    }

    private static func problem(
        _ found: NearMissSites.Found, bytes: [UInt8], exists: (SecretName) -> Bool
    ) -> String? {
        let nearMiss = found.nearMiss
        guard nearMiss.kind != .unclosed, nearMiss.text.hasSuffix("}") else {
            return "it is not closed"
        }
        guard let suggestion = nearMiss.suggestion else { return "the name is not valid" }
        if found.source.upperBound < bytes.count, bytes[found.source.upperBound] == 0x7D {
            return "a brace follows it"
        }
        let name = suggestion.dropFirst("{{secret:".count).dropLast(2)
        guard let secret = try? SecretName(String(name)), exists(secret) else {
            return "no secret \(name) in the vault"
        }
        return nil
    }
}

/// Near-misses of a process file with the file bytes each was written with.
enum NearMissSites {
    struct Found {
        var nearMiss: NearMiss
        var source: Range<Int>
    }

    static func find(_ bytes: [UInt8], kind: ProcessDocument.Kind) -> [Found] {
        var found: [Found] = []
        func collect(_ text: DecodedText) {
            for nearMiss in PlaceholderScanner.scan(text.bytes).nearMisses {
                found.append(
                    Found(nearMiss: nearMiss, source: text.sourceRange(of: nearMiss.range)))
            }
        }
        switch kind {
        case .bpmn:
            var walker = BPMNWalker(bytes)
            try? walker.walk { collect($0.text) }
        case .json:
            let tokens = (try? JSONTokenizer.tokens(of: bytes)) ?? []
            for token in tokens { if let text = token.text { collect(text) } }
        }
        return found.sorted { $0.source.lowerBound < $1.source.lowerBound }
    }
}
