/// The head of a candidate: braces, optional white space, a `secret` keyword in any case
/// (or `secrets`), optional white space, and a `:` or `.`; or, after two braces, a loose
/// one: the keyword with one letter wrong, missing, extra or swapped (`sercet`), or
/// another separator (`-`, `_`, `;`, `=`, a full-width colon, white space alone).
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
    /// Offset of the separator, `:` or `.` (or another, for a loose opening).
    let separator: Int
    let isDotSeparator: Bool
    /// Where the name starts: after the separator.
    let nameStart: Int
    /// A typo of the keyword or another separator: a near-miss only when a closed, valid
    /// name follows (`{{sercet:FTP_PASSWORD}}`), as other templates write `{{secret_key}}`.
    let isLoose: Bool
    /// Another separator: the keyword must be `secret` or `secrets` in lower case, and the
    /// name follow with no white space around it (`{{secret-FTP_PASSWORD}}`), as
    /// templates write `{{SECRET_KEY}}`, `{{ secret = x }}`, `{{secret|b64}}` and
    /// `{{secret/API}}` (found by a fortieth fresh tester).
    let needsTightName: Bool

    /// Bytes that stand for `:` in a loose opening.
    private static let looseSeparators = Array("-_;=,+*?^'#!@~>$%&`".utf8)

    /// Reads an opening at `open`, or nil when the text there is not of the family.
    static func read(_ bytes: UnsafeRawBufferPointer, at open: Int, isDouble: Bool) -> Opening? {
        let afterBraces = open + (isDouble ? 2 : 1)
        var index = afterBraces
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        if let (end, isExact) = keyword(bytes, at: index),
            let opening = read(
                bytes, open: open, isDouble: isDouble, keyword: index..<end, isExact: isExact,
                typo: false)
        {
            return opening
        }
        // `{{sercet:A}}`, and `{{SECRETX:A}}`, whose keyword read as `SECRET` leads nowhere.
        guard isDouble, let end = misspelledKeyword(bytes, at: index) else { return nil }
        return read(
            bytes, open: open, isDouble: isDouble, keyword: index..<end, isExact: false,
            typo: true)
    }

    /// The opening whose keyword (or its misspelling, a `typo`) is at `keyword`: what
    /// follows it decides.
    private static func read(
        _ bytes: UnsafeRawBufferPointer, open: Int, isDouble: Bool, keyword: Range<Int>,
        isExact: Bool, typo: Bool
    ) -> Opening? {
        let afterBraces = open + (isDouble ? 2 : 1)
        let (index, keywordEnd) = (keyword.lowerBound, keyword.upperBound)
        let isPlural = !typo && keyword.count == ASCII.keyword.count + 1
        // White space may stand before the separator too (`{{ secret :X}}`): a typo of the
        // family like the others.
        var separatorIndex = keywordEnd
        while separatorIndex < bytes.count, ASCII.isSpace(bytes[separatorIndex]) {
            separatorIndex += 1
        }
        guard separatorIndex < bytes.count else { return nil }
        let separator = bytes[separatorIndex]
        var nameStart = separatorIndex + 1
        var loose = typo
        let otherSeparator = separator != ASCII.colon && separator != ASCII.dot
        if otherSeparator {
            // Tight only: `{{secret = X}}` and `{{ secret X }}` are other templates' text.
            let lowerCase = keyword.allSatisfy { bytes[$0] >= UInt8(ascii: "a") }
            guard isDouble, !typo, lowerCase, index == afterBraces else { return nil }
            let tight = separatorIndex == keywordEnd
            if tight, looseSeparators.contains(separator) {
                loose = true
            } else if tight, bytes[separatorIndex...].starts(with: [0xEF, 0xBC, 0x9A]) {
                (loose, nameStart) = (true, separatorIndex + 3)
            } else if separatorIndex > keywordEnd {
                // White space alone between the keyword and the name: `{{secret NAME}}`.
                (loose, nameStart) = (true, separatorIndex)
            } else {
                return nil
            }
        }
        return Opening(
            open: open, isDouble: isDouble,
            isSpaced: index > afterBraces
                || (separatorIndex > keywordEnd && nameStart > separatorIndex),
            isExactKeyword: isExact && !isPlural && !typo, isPlural: isPlural,
            separator: separatorIndex, isDotSeparator: separator == ASCII.dot,
            nameStart: nameStart, isLoose: loose, needsTightName: otherSeparator)
    }

    /// The end of a word of 5 to 8 ASCII letters or digits at `start` that is one edit from
    /// `secret` or `secrets` in any case (a letter wrong, missing, extra, or two swapped),
    /// and not the keyword itself. It starts with `s` as the keyword does: the scans that step
    /// over elements holding no placeholder look for that letter after the braces
    /// (``BPMNReader/siteStarts(_:)``).
    private static func misspelledKeyword(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard start < bytes.count, bytes[start] | 0x20 == ASCII.keyword[0] else { return nil }
        var end = start
        // Letters and digits: `s3cret` and `secre7` are one key away.
        while end < bytes.count, end - start <= 8,
            ASCII.isLetter(bytes[end]) || (0x30...0x39).contains(bytes[end])
        {
            end += 1
        }
        guard (5...8).contains(end - start) else { return nil }
        let word = bytes[start..<end].map { $0 | 0x20 }
        let targets = [ASCII.keyword, ASCII.keyword + [ASCII.plural]]
        return targets.contains { EditDistance.isWithinOne(word, $0) } ? end : nil
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
        let nameStart = opening.nameStart
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
        if opening.isLoose { return opening.isExactKeyword ? .separator : .keyword }
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
        var index = opening.nameStart
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
