/// The single pass behind ``PlaceholderScanner``: finds each `{`, reads what follows it as a
/// candidate, and records a placeholder or a near-miss.
///
/// A run of braces opens at its last two (`{{{secret:A}}}` holds `{{secret:A}}` at 1..<13,
/// the outer braces stay text); a lone brace opens a single-brace candidate. After a
/// candidate the pass resumes at its end, so results never overlap and come out sorted.
struct PlaceholderLexer {
    /// The farthest a closing brace may end from the opening brace, in bytes. A valid
    /// placeholder is at most 75 bytes, so this only bounds how far a near-miss reaches.
    static let maximumExtent = 100

    let bytes: UnsafeRawBufferPointer
    private var result = PlaceholderScan()

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Scans the whole buffer once.
    mutating func run() -> PlaceholderScan {
        var index = 0
        while let brace = nextBrace(from: index) {
            var runEnd = brace + 1
            while runEnd < bytes.count, bytes[runEnd] == ASCII.openBrace { runEnd += 1 }
            let isDouble = runEnd - brace >= 2
            let open = isDouble ? runEnd - 2 : brace
            index = examine(open: open, isDouble: isDouble) ?? runEnd
        }
        return result
    }

    private func nextBrace(from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == ASCII.openBrace { return index }
            index += 1
        }
        return nil
    }

    /// Reads the candidate at `open` and records it; returns where scanning resumes, or nil
    /// when the text there is not of the placeholder family.
    private mutating func examine(open: Int, isDouble: Bool) -> Int? {
        guard let opening = Opening.read(bytes, at: open, isDouble: isDouble) else {
            return nil
        }
        let candidate = Candidate(bytes, opening: opening)
        // A loose opening counts only before a closed, valid name: `{{secret_key}}` is
        // another template's variable, `{{secret-FTP_PASSWORD}}` a placeholder mistyped
        // (found by a thirty-ninth fresh tester: such text was left in silently).
        if opening.isLoose,
            !candidate.isClosed || !candidate.hasValidName
                || (opening.needsTightName && candidate.isNameSpaced)
        {
            return nil
        }
        if let kind = candidate.problem() {
            record(kind, candidate)
        } else {
            // No problem means `hasValidName`: the name's bytes passed the rules.
            let name = SecretName(checked: candidate.nameText)
            result.placeholders.append(Placeholder(name: name, range: candidate.extent))
        }
        return candidate.extent.upperBound
    }

    private mutating func record(_ kind: NearMiss.Kind, _ candidate: Candidate) {
        let suggestion = candidate.hasValidName ? "{{secret:\(candidate.nameText)}}" : nil
        let text = NearMissText.printable(bytes[candidate.extent])
        let nearMiss = NearMiss(
            kind: kind, range: candidate.extent, text: text, suggestion: suggestion)
        result.nearMisses.append(nearMiss)
    }
}
