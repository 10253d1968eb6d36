/// Turns the sites the walker finds into references and findings: scans each site's decoded
/// text, then decides per placeholder by the site's place and the inner context.
struct BPMNSiteReader {
    let path: String
    let lines: LineIndex
    private(set) var references: [PlaceholderReference] = []
    private(set) var findings: [Finding] = []

    init(path: String, lines: LineIndex) {
        self.path = path
        self.lines = lines
        // A file read this far holds a `{`: room for a few dozen references at once.
        references.reserveCapacity(16)
    }

    mutating func read(_ site: BPMNSite) {
        if site.isZeebeAttribute { findLegacyReferences(in: site) }
        let scan = PlaceholderScanner.scan(site.text.bytes)
        for nearMiss in scan.nearMisses {
            findings.append(
                PlaceholderFindings.nearMiss(nearMiss, at: location(nearMiss.range, site)))
        }
        guard !scan.placeholders.isEmpty else { return }
        switch site.place {
        case .legacyOnly:
            // The walker says so only of text without a `{`, where the scan finds nothing.
            assertionFailure("a placeholder in text the walker found none could be in")
        case .input(let parameter, let fieldPath, let reading):
            readInput(scan.placeholders, site, parameter, fieldPath, reading)
        case .documentation:
            for placeholder in scan.placeholders {
                let at = location(placeholder.range, site)
                findings.append(PlaceholderFindings.documentation(placeholder.name, at: at))
            }
        case .unsupported(let place):
            for placeholder in scan.placeholders {
                let at = location(placeholder.range, site)
                findings.append(
                    PlaceholderFindings.unsupported(placeholder.name, in: place, at: at))
            }
        case .script(let parameter):
            for placeholder in scan.placeholders {
                let at = location(placeholder.range, site)
                findings.append(
                    PlaceholderFindings.script(placeholder.name, parameter: parameter, at: at))
            }
        }
    }

    private mutating func readInput(
        _ placeholders: [Placeholder], _ site: BPMNSite, _ parameter: String, _ fieldPath: String,
        _ reading: InputReading
    ) {
        let isZeebe = reading.isZeebe
        let contexts = InnerContext.resolve(
            placeholders.lazy.map(\.range), in: site.text.bytes, reading: reading)
        var edges = ValueEdges.Scan(site.text.bytes, isZeebe: reading == .feelWhenMarked)
        for (placeholder, context) in zip(placeholders, contexts) {
            // First, for every placeholder: each one's edges depend on those before it.
            let placeholderEdges = edges.next(placeholder.range)
            let at = location(placeholder.range, site)
            guard let outer = site.outer(of: placeholder.range) else {
                findings.append(PlaceholderFindings.split(placeholder.name, at: at))
                continue
            }
            switch context {
            case .safe(let inner, let jsonPath):
                let reference = PlaceholderReference(
                    name: placeholder.name, location: at, process: site.process,
                    task: site.task,
                    parameter: parameter,
                    fieldPath: jsonPath?.appended(to: fieldPath) ?? fieldPath,
                    // Limitation: a field's literal `camunda:string` or `stringValue`
                    // counts as evaluated too, so `${` in a value is refused there as
                    // well (README, Known limitations).
                    context: EscapeContext(
                        inner: inner, outer: outer, evaluatesExpressions: !isZeebe),
                    sourceRange: site.text.sourceRange(of: placeholder.range),
                    edges: placeholderEdges, inputElement: site.input?.span.lowerBound)
                // Moved in, not copied: a copy and a destroy of its nine strings were
                // eighteen atomic reference-count operations per reference.
                references.append(consume reference)
            case .bareFEEL:
                findings.append(
                    PlaceholderFindings.bareFEEL(placeholder.name, input: parameter, at: at))
            case .blankBeforeFEEL:
                findings.append(
                    PlaceholderFindings.blankBeforeFEEL(placeholder.name, input: parameter, at: at))
            case .jsonKey(let jsonPath):
                let path = jsonPath.appended(to: fieldPath)
                findings.append(PlaceholderFindings.jsonKey(placeholder.name, path: path, at: at))
            case .insideExpression:
                findings.append(
                    PlaceholderFindings.insideExpression(placeholder.name, input: parameter, at: at)
                )
            case .malformedJSON(let reason):
                findings.append(
                    PlaceholderFindings.malformedJSON(
                        placeholder.name, input: parameter, reason: reason, at: at))
            case .bareJSON(let jsonPath):
                let path = jsonPath.appended(to: fieldPath)
                findings.append(PlaceholderFindings.bareJSON(placeholder.name, path: path, at: at))
            case .xmlMarkup(let markup):
                findings.append(
                    PlaceholderFindings.xmlMarkup(
                        placeholder.name, input: parameter, markup: markup, at: at))
            case .jsonInXMLPayload:
                findings.append(
                    PlaceholderFindings.jsonInXMLPayload(placeholder.name, input: parameter, at: at)
                )
            case .nestedJSON(let jsonPath):
                let path = jsonPath.appended(to: fieldPath)
                findings.append(
                    PlaceholderFindings.nestedJSON(placeholder.name, path: path, at: at))
            case .repeatedJSONKey(let key):
                findings.append(
                    PlaceholderFindings.repeatedJSONKey(
                        placeholder.name, key: key, input: parameter, at: at))
            }
        }
    }

    private mutating func findLegacyReferences(in site: BPMNSite) {
        for found in LegacySecretReference.find(in: site.text.bytes) {
            findings.append(
                PlaceholderFindings.legacy(found.name, at: location(found.range, site)))
        }
    }

    private func location(_ range: Range<Int>, _ site: BPMNSite) -> SourceLocation {
        let position = lines.position(of: site.text.sourceOffset(of: range.lowerBound))
        return SourceLocation(path: path, line: position.line, column: position.column)
    }
}
