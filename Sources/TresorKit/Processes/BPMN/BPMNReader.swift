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
    ///
    /// Elements where no site can start (see ``siteStarts(_:)``: no `{` the placeholder
    /// family can follow, no reference that may decode to a part of one, no `secrets.`) can
    /// give no reference and no finding but an XML one, so the walk steps over them
    /// (``XMLSkippableElements``; processes excepted, as the document lists them) and
    /// leaves their checking to libxml2, which reads every byte anyway. A file either of
    /// them refuses is read again in full, so that its findings are exactly those of a walk
    /// over every element: the tokenizer's message where it has one, libxml2's otherwise.
    ///
    /// libxml2 reads the file first where it may (UTF-8 without a DOCTYPE, see
    /// ``XMLWellFormedness/mayParseFirst(_:)``), and the elements it meets give the ones to
    /// step over, so no light pass of its own is needed; a file it refuses is read in full
    /// at once. Before it, ``XMLPlainCheck`` tries the file: where that fast check accepts
    /// it, libxml2 would too, with the same elements, and libxml2 is not run.
    public static func read(bytes: [UInt8], path: String) -> ProcessDocument {
        if XMLWellFormedness.mayParseFirst(bytes) {
            let kept = siteStarts(bytes)
            var runs = XMLPlainCheck.runs(of: bytes, keeping: kept)
            if runs == nil {
                runs = XMLSkippableElements.Runs(keeping: kept)
                if XMLWellFormedness.check(bytes, finding: &runs) != nil {
                    return readEveryElement(bytes: bytes, path: path)
                }
            }
            if let runs {
                let quick = read(
                    bytes: bytes, path: path, secondOpinion: false, utf8Checked: true,
                    skipping: runs.skippable)
                return quick.unreadable == nil ? quick : readEveryElement(bytes: bytes, path: path)
            }
        }
        let skips = XMLSkippableElements.find(
            in: bytes, keeping: siteStarts(bytes), stoppingAfterLast: false)
        if !skips.isEmpty {
            let quick = read(bytes: bytes, path: path, secondOpinion: true, skipping: skips)
            if quick.unreadable == nil { return quick }
        }
        return readEveryElement(bytes: bytes, path: path)
    }

    /// ``read(bytes:path:)`` walking every element, stepping over none: what `read` must
    /// always equal (the tests and the process-file fuzz target compare the two).
    public static func readEveryElement(bytes: [UInt8], path: String) -> ProcessDocument {
        read(bytes: bytes, path: path, secondOpinion: true)
    }

    /// Reads only the references of the BPMN file `bytes`, for `usage`: a file where no
    /// placeholder can start (see ``placeholderStarts(_:)``) is not parsed at all, the
    /// walk steps over every element where none can start (``XMLSkippableElements``) and
    /// ends with the top-level element (process, usually) that holds the last place one
    /// can, so the diagram after it is not read, and libxml2's second opinion, which can
    /// only add a finding, is skipped. The document's findings are therefore incomplete (a
    /// malformed diagram goes unnoticed); its references are the same as
    /// ``read(bytes:path:)``'s.
    // Limitation: what follows the last place a placeholder can start, and what lies in an
    // element where none can, is not checked, so `usage` does not see a malformed diagram
    // or task there; nor, anywhere, what only libxml2 refuses (a namespace name that is
    // no URI, a hexadecimal character reference libxml2 2.9.14 miscounts) (README, Known
    // limitations).
    public static func readReferences(bytes: [UInt8], path: String) -> ProcessDocument {
        // UTF-16 (a BOM, or a NUL beside the first `<`) hides its braces from the byte
        // search: read it in full, so `usage` says why it is not read.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.prefix(2).contains(0)
        {
            return read(bytes: bytes, path: path, secondOpinion: false)
        }
        let starts = placeholderStarts(bytes)
        guard let last = starts.last else { return ProcessDocument(path: path, kind: .bpmn) }
        let skips = XMLSkippableElements.find(in: bytes, keeping: starts)
        return read(bytes: bytes, path: path, secondOpinion: false, until: last, skipping: skips)
    }

    // Limitation: walking an element costs about 100 instructions a byte, and a reference
    // per placeholder as much again; the well-formedness check reads every byte (about 18
    // instructions a byte in `XMLPlainCheck`, 45 where libxml2 must judge): `validate`
    // and `usage` take 3.6-4.5x `rg -j1` on an AMD EPYC and 5.4x on an Intel Xeon, over
    // issue 6's 4x (README, Performance).
    static func read(
        bytes: [UInt8], path: String, secondOpinion: Bool, utf8Checked: Bool = false,
        until lastSite: Int? = nil, skipping skips: [XMLSkippableElements.Run] = []
    ) -> ProcessDocument {
        let lines = LineIndex(bytes)
        if !utf8Checked, let offset = UTF8Check.firstInvalidOffset(bytes) {
            let position = lines.position(of: offset)
            // A UTF-16 byte order mark says what the file is (found by a fresh tester).
            let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            let finding = Finding(
                .error, .xml,
                at: SourceLocation(path: path, line: position.line, column: position.column),
                isUTF16
                    ? "the file is not UTF-8: its byte order mark says UTF-16"
                    : "the file is not valid UTF-8 here", hint: "save the file as UTF-8")
            return ProcessDocument(path: path, kind: .bpmn, findings: [finding])
        }
        // UTF-16 or UTF-32 without a byte order mark is valid UTF-8 with a NUL beside each
        // ASCII character: said so, not "a name expected" (found by a fresh tester).
        if !utf8Checked, bytes.prefix(4).contains(0) {
            let finding = Finding(
                .error, .xml, at: .file(path),
                "the file is not UTF-8: its first bytes hold a NUL, as UTF-16 and UTF-32 do",
                hint: "save the file as UTF-8")
            return ProcessDocument(path: path, kind: .bpmn, findings: [finding])
        }
        var sites = BPMNSiteReader(path: path, lines: lines)
        var walker = BPMNWalker(bytes)
        var findings: [Finding] = []
        do throws(XMLSyntaxError) {
            try walker.walk(until: lastSite, skipping: skips) { sites.read($0) }
            // The tokenizer runs first: a DOCTYPE never reaches libxml2.
            if secondOpinion, let problem = XMLWellFormedness.check(bytes) {
                findings.append(problem.finding(path: path, lines: lines))
            }
        } catch {
            findings.append(
                firstProblem(error.saidOfAnEarlyEnd(bytes.count), bytes, secondOpinion, path, lines)
            )
        }
        findings += sites.findings
        var references = sites.references
        if !walker.fieldsWithTwoValues.isEmpty {
            let fields = Set(walker.fieldsWithTwoValues)
            references.removeAll { reference in
                guard let field = reference.inputElement, fields.contains(field) else {
                    return false
                }
                findings.append(PlaceholderFindings.twoFieldValues(reference))
                return true
            }
        }
        return ProcessDocument(
            path: path, kind: .bpmn, processes: walker.processes, references: references,
            findings: sortedByLocation(findings))
    }

    /// The finding for the tokenizer's `error`, or for libxml2's problem when libxml2 (asked
    /// for a `secondOpinion`, on UTF-8 without a DOCTYPE) stops at an earlier place: each
    /// stops at its first problem, and the first of the file is the one to fix first (a
    /// mistyped `<?` can hide the tags after it from the tokenizer until a later tag fails
    /// to match; found by a fresh tester). At one place, the tokenizer's words are kept.
    private static func firstProblem(
        _ error: XMLSyntaxError, _ bytes: [UInt8], _ secondOpinion: Bool, _ path: String,
        _ lines: LineIndex
    ) -> Finding {
        let own = error.finding(path: path, lines: lines)
        guard secondOpinion, error.rule == .xml, XMLWellFormedness.mayParseFirst(bytes),
            let problem = XMLWellFormedness.check(bytes)
        else { return own }
        let other = problem.finding(path: path, lines: lines)
        return other.location < own.location ? other : own
    }

    /// Findings in file order; a stable sort keeps same-position findings as found.
    static func sortedByLocation(_ findings: [Finding]) -> [Finding] {
        findings.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}
