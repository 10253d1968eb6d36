#if canImport(Glibc)
    import Glibc
#endif

/// Reads a BPMN process file into a `ProcessDocument`: its processes, every placeholder in a
/// task input with the task and field that hold it, and findings for everything else.
///
/// The file is walked once by `BPMNWalker` over `XMLTokenizer`'s tokens, which carry the byte
/// spans rendering needs; FoundationXML's parser then checks well-formedness a second time,
/// and a file either of them refuses gets an `xml` error. Reading never throws: problems
/// become findings with the file's line and column.
public enum BPMNReader {
    /// Reads the BPMN file `bytes`; `path` (relative to the processes folder) names it in
    /// findings.
    public static func read(bytes: [UInt8], path: String) -> ProcessDocument {
        read(bytes: bytes, path: path, secondOpinion: true)
    }

    /// Reads only the references of the BPMN file `bytes`, for `usage`: a file that holds
    /// no `{` (not even as a character reference) is not parsed at all, and FoundationXML's
    /// second opinion, which can only add a finding, is skipped. The document's findings
    /// are therefore incomplete; its references are the same as ``read(bytes:path:)``'s.
    public static func readReferences(bytes: [UInt8], path: String) -> ProcessDocument {
        guard mayHoldPlaceholder(bytes) else { return ProcessDocument(path: path, kind: .bpmn) }
        return read(bytes: bytes, path: path, secondOpinion: false)
    }

    // Limitation: reading costs about 100 instructions a byte (a walk element by element,
    // a reference per placeholder), and FoundationXML's second opinion more again: `usage`
    // and `validate` are about 8x and 14x `rg -j1` over the same files, not the 4x of
    // issue 6 (README, Performance).
    static func read(bytes: [UInt8], path: String, secondOpinion: Bool) -> ProcessDocument {
        let lines = LineIndex(bytes)
        if let offset = UTF8Check.firstInvalidOffset(bytes) {
            let position = lines.position(of: offset)
            let finding = Finding(
                .error, .xml,
                at: SourceLocation(path: path, line: position.line, column: position.column),
                "the file is not valid UTF-8 here", hint: "save the file as UTF-8")
            return ProcessDocument(path: path, kind: .bpmn, findings: [finding])
        }
        var sites = BPMNSiteReader(path: path, lines: lines)
        var walker = BPMNWalker(bytes) { PlaceholderScanner.mayContainPlaceholder($0) }
        var findings: [Finding] = []
        do throws(XMLSyntaxError) {
            try walker.walk { sites.read($0) }
            // The tokenizer runs first: a DOCTYPE never reaches libxml2.
            if secondOpinion, let problem = XMLWellFormedness.check(bytes) {
                findings.append(problem.finding(path: path, lines: lines))
            }
        } catch {
            findings.append(error.finding(path: path, lines: lines))
        }
        findings += sites.findings
        return ProcessDocument(
            path: path, kind: .bpmn, processes: walker.processes, references: sites.references,
            findings: sortedByLocation(findings))
    }

    /// False when no placeholder can appear in `bytes` once decoded: no `{` byte, and no
    /// character reference (`&#123;`, `&#x7B;`) that decodes to one.
    static func mayHoldPlaceholder(_ bytes: [UInt8]) -> Bool {
        let openBrace = UInt8(ascii: "{")
        let ampersand = UInt8(ascii: "&")
        let hasBrace = bytes.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, Int32(openBrace), raw.count) != nil } ?? false
        }
        guard !hasBrace else { return true }
        var index = 0
        while let next = bytes[index...].firstIndex(of: ampersand) {
            let reference = XMLEntityDecoder.reference(in: bytes, at: next, limit: bytes.count)
            if reference?.scalar == "{" { return true }
            index = next + 1
        }
        return false
    }

    /// Findings in file order; a stable sort keeps same-position findings as found.
    static func sortedByLocation(_ findings: [Finding]) -> [Finding] {
        findings.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}
