#if canImport(Glibc)
    import Glibc
#endif

/// Reads a BPMN process file into a `ProcessDocument`: its processes, every placeholder in a
/// task input with the task and field that hold it, and findings for everything else.
///
/// The file is walked once by `BPMNWalker` over `XMLTokenizer`'s tokens, which carry the byte
/// spans rendering needs; libxml2's parser then checks well-formedness a second time,
/// and a file either of them refuses gets an `xml` error. Reading never throws: problems
/// become findings with the file's line and column.
public enum BPMNReader {
    /// Reads the BPMN file `bytes`; `path` (relative to the processes folder) names it in
    /// findings.
    public static func read(bytes: [UInt8], path: String) -> ProcessDocument {
        read(bytes: bytes, path: path, secondOpinion: true)
    }

    /// Reads only the references of the BPMN file `bytes`, for `usage`: a file where no
    /// placeholder can start (see ``lastPlaceholderStart(_:)``) is not parsed at all, the
    /// walk ends with the top-level element (process, usually) that holds the last place
    /// one can start, so the diagram after it is not read, and libxml2's second
    /// opinion, which can only add a finding, is skipped. The document's findings are
    /// therefore incomplete (a malformed diagram goes unnoticed); its references are the
    /// same as ``read(bytes:path:)``'s.
    // Limitation: what follows the last place a placeholder can start is not checked, so
    // `usage` does not see a malformed diagram (README, Known limitations).
    public static func readReferences(bytes: [UInt8], path: String) -> ProcessDocument {
        // UTF-16 (a BOM, or a NUL beside the first `<`) hides its braces from the byte
        // search: read it in full, so `usage` says why it is not read.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.prefix(2).contains(0)
        {
            return read(bytes: bytes, path: path, secondOpinion: false)
        }
        guard let last = lastPlaceholderStart(bytes) else {
            return ProcessDocument(path: path, kind: .bpmn)
        }
        return read(bytes: bytes, path: path, secondOpinion: false, until: last)
    }

    // Limitation: reading costs about 100 instructions a byte (a walk element by element,
    // a reference per placeholder), and libxml2's second opinion a quarter as much again:
    // `usage` and `validate` are about 5.5x and 7x `rg -j1` over the same files, not the 4x
    // of issue 6 (README, Performance).
    static func read(
        bytes: [UInt8], path: String, secondOpinion: Bool, until lastSite: Int? = nil
    ) -> ProcessDocument {
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
            try walker.walk(until: lastSite) { sites.read($0) }
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

    /// The last offset of `bytes` where a placeholder can start once the file is decoded,
    /// or nil when none can. A placeholder opens with two braces, and decoding makes a `{`
    /// only from a `{` byte or a character reference (`&#123;`, `&#x7B;`); two braces meet
    /// only where a `{` byte is followed by another, by a reference (`&`), or by the end of
    /// its text or CDATA section (`<`, `]`), which the walker joins to the next.
    static func lastPlaceholderStart(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var last: Int?
            var offset = 0
            while offset < buffer.count,
                let found = memchr(base + offset, Int32(ASCII.openBrace), buffer.count - offset)
            {
                let brace = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if brace + 1 < buffer.count {
                    switch buffer[brace + 1] {
                    case ASCII.openBrace, UInt8(ascii: "&"), UInt8(ascii: "<"),
                        UInt8(ascii: "]"):
                        last = brace
                    default: break
                    }
                }
                offset = brace + 1
            }
            offset = last ?? 0
            while offset < buffer.count,
                let found = memchr(base + offset, Int32(UInt8(ascii: "&")), buffer.count - offset)
            {
                let ampersand = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let reference = XMLEntityDecoder.reference(
                    in: bytes, at: ampersand, limit: bytes.count)
                if reference?.scalar == "{" { last = ampersand }
                offset = ampersand + 1
            }
            return last
        }
    }

    /// Findings in file order; a stable sort keeps same-position findings as found.
    static func sortedByLocation(_ findings: [Finding]) -> [Finding] {
        findings.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}
