/// The head of a candidate: braces, optional white space, a `secret` keyword in any case
/// (or `secrets`), optional white space, and a `:` or `.`.
struct Opening {
    /// Offset of the first opening brace.
    let open: Int
    let isDouble: Bool
    /// White space between the braces and the keyword, or between it and the separator.
    let isSpaced: Bool
    /// The keyword is exactly `secret`, in lower case.
    let isExactKeyword: Bool
    /// The keyword is `secrets`, in any case.
    let isPlural: Bool
    /// Offset of the separator, `:` or `.`.
    let separator: Int
    let isDotSeparator: Bool

    /// Reads an opening at `open`, or nil when the text there is not of the family.
    static func read(_ bytes: UnsafeRawBufferPointer, at open: Int, isDouble: Bool) -> Opening? {
        let afterBraces = open + (isDouble ? 2 : 1)
        var index = afterBraces
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        guard let (keywordEnd, isExact) = keyword(bytes, at: index) else { return nil }
        let isPlural = keywordEnd - index == ASCII.keyword.count + 1
        // White space may stand before the separator too (`{{ secret :X}}`): a typo of the
        // family like the others.
        var separatorIndex = keywordEnd
        while separatorIndex < bytes.count, ASCII.isSpace(bytes[separatorIndex]) {
            separatorIndex += 1
        }
        guard separatorIndex < bytes.count else { return nil }
        let separator = bytes[separatorIndex]
        guard separator == ASCII.colon || separator == ASCII.dot else { return nil }
        return Opening(
            open: open, isDouble: isDouble,
            isSpaced: index > afterBraces || separatorIndex > keywordEnd,
            isExactKeyword: isExact && !isPlural, isPlural: isPlural,
            separator: separatorIndex, isDotSeparator: separator == ASCII.dot)
    }

    /// Matches `secret` or `secrets` in any letter case at `start`: the end of the keyword
    /// and whether `secret` was written in lower case.
    private static func keyword(
        _ bytes: UnsafeRawBufferPointer, at start: Int
    ) -> (end: Int, isExact: Bool)? {
        guard start + ASCII.keyword.count <= bytes.count else { return nil }
        var isExact = true
        for (offset, letter) in ASCII.keyword.enumerated() {
            let byte = bytes[start + offset]
            // Only `letter` and its upper-case form give `letter` when 0x20 is set.
            guard byte | 0x20 == letter else { return nil }
            isExact = isExact && byte == letter
        }
        var end = start + ASCII.keyword.count
        if end < bytes.count, bytes[end] | 0x20 == ASCII.plural { end += 1 }
        return (end, isExact)
    }
}

/// A whole candidate: its opening, where it ends, and the name it holds.
struct Candidate {
    let opening: Opening
    /// The bytes the candidate covers: through its closing brace(s), or, when unclosed,
    /// through the keyword, the separator and the name characters right after it.
    let extent: Range<Int>
    let isClosed: Bool
    /// White space between the separator and the name or between the name and the closing.
    let isNameSpaced: Bool
    /// The name as written, white space around it removed.
    let nameText: String
    /// The name rule the name breaks, or nil.
    let nameProblem: NameError.Problem?
    var hasValidName: Bool { nameProblem == nil }

    init(_ bytes: UnsafeRawBufferPointer, opening: Opening) {
        self.opening = opening
        let nameStart = opening.separator + 1
        var name = nameStart..<nameStart
        if let closing = Candidate.closing(bytes, opening: opening) {
            extent = opening.open..<closing.upperBound
            name = nameStart..<closing.lowerBound
            isClosed = true
        } else {
            var end = nameStart
            while end < bytes.count, ASCII.isNameCharacter(bytes[end]) { end += 1 }
            extent = opening.open..<end
            name = nameStart..<end
            isClosed = false
        }
        let trimmed = Candidate.trim(bytes, name)
        isNameSpaced = trimmed != name
        nameText = String(decoding: bytes[trimmed], as: UTF8.self)
        nameProblem = SecretName.problem(with: bytes[trimmed])
    }

    /// The rule the candidate breaks, most specific first, or nil for a valid placeholder.
    ///
    /// Order: single brace, unclosed, invalid name, Camunda form (`secrets` and `.`),
    /// white space, keyword (case or `secrets`), separator. The structural problems come
    /// first because fixing a later one does not help until they are fixed; the Camunda
    /// form names where the text most likely came from.
    func problem() -> NearMiss.Kind? {
        if !opening.isDouble { return .singleBrace }
        if !isClosed { return .unclosed }
        if let nameProblem {
            return nameProblem == .reserved || nameProblem == .environment
                ? .reservedName : .invalidName
        }
        if opening.isPlural && opening.isDotSeparator { return .camundaForm }
        if opening.isSpaced || isNameSpaced { return .whiteSpace }
        if !opening.isExactKeyword { return .keyword }
        if opening.isDotSeparator { return .separator }
        return nil
    }

    /// The closing `}}` (or `}` after a single brace): the first one after the separator,
    /// before the next `{` and within ``PlaceholderLexer/maximumExtent`` of the opening.
    private static func closing(
        _ bytes: UnsafeRawBufferPointer, opening: Opening
    ) -> Range<Int>? {
        let width = opening.isDouble ? 2 : 1
        let limit = min(bytes.count, opening.open + PlaceholderLexer.maximumExtent)
        var index = opening.separator + 1
        while index + width <= limit {
            let byte = bytes[index]
            if byte == ASCII.openBrace { return nil }
            if byte == ASCII.closeBrace, width == 1 || bytes[index + 1] == ASCII.closeBrace {
                return index..<index + width
            }
            index += 1
        }
        return nil
    }

    private static func trim(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ASCII.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
