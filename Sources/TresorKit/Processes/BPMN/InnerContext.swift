/// Decides, for each placeholder in a task input's decoded text, the inner syntax its value
/// lands in: a FEEL string, a JSON string, an XML payload's text or attribute, or plain
/// text; or why it cannot be escaped safely.
enum InnerContext: Sendable, Hashable {
    /// Safe: escape for `inner`; `path` extends the field path inside an embedded JSON payload.
    case safe(EscapeContext.Inner, path: JSONPath?)
    /// In FEEL code outside any string literal.
    case bareFEEL
    /// In a Zeebe input whose first non-blank character is `=` after blanks: Zeebe reads it
    /// as static text (an expression starts with `=` itself), which its author hardly meant.
    case blankBeforeFEEL
    /// In a JSON object key.
    case jsonKey(JSONPath)
    /// Inside a `${...}` or `#{...}` expression of a Camunda 7 or Flowable input.
    case insideExpression
    /// The text starts like a JSON document but is not valid JSON (`reason`, as the
    /// tokenizer says it, quoting nothing), so where the placeholder stands (string, key,
    /// code) cannot be told.
    case malformedJSON(reason: String)
    /// Standing bare where a JSON value goes (`{"port": {{secret:P}}}`): the value would be
    /// written as JSON code.
    case bareJSON(JSONPath)
    /// In a JSON payload that writes one key twice in an object (the key given): engines
    /// differ in which value they take, so the placeholder may not be the value used.
    case repeatedJSONKey(String)
    /// In a JSON string that holds a JSON document itself (`"{\"a\": \"{{secret:X}}\"}"`):
    /// the value would need escaping for both, and is escaped for one (found by a fresh
    /// tester: a value could break out of the inner document).
    case nestedJSON(JSONPath)
    /// In the markup of a text that is an XML document (`what`: "a tag", "a comment",
    /// ...), where a value would be markup itself (see ``XMLPayload``).
    case xmlMarkup(String)
    /// In JSON text held in an XML document's text or attribute value: the value would
    /// need escaping for both, and is escaped for XML (found by a thirty-ninth fresh
    /// tester: a value added keys to the inner document).
    case jsonInXMLPayload

    /// One outcome per placeholder range (sorted, non-overlapping), in the same order.
    static func resolve<Ranges: RandomAccessCollection<Range<Int>>>(
        _ placeholders: Ranges, in text: [UInt8], reading: InputReading
    ) -> [InnerContext] where Ranges.Index == Int {
        let isZeebe = reading.isZeebe
        // Most inputs are one placeholder and nothing else: plain text, in neither an
        // expression (it has no `${`) nor JSON (it opens a placeholder), nor FEEL (no `=`).
        if placeholders.count == 1, let only = placeholders.first, only == 0..<text.count {
            return [.safe(.plainText, path: nil)]
        }
        if reading == .feelWhenMarked, FEELStringLiterals.isMarkedAfterBlanks(text) {
            return placeholders.map { _ in .blankBeforeFEEL }
        }
        if reading == .feelWhenMarked, FEELStringLiterals.isExpression(text) {
            let literals = FEELStringLiterals.contents(of: text)
            // A FEEL string that is a JSON document gets FEEL escaping only; asked once per
            // literal, however many placeholders it holds. Literals joined with `+` may
            // make one too (`"{\"k\": \"" + "{{secret:X}}" + "\"}"`; found by a fortieth
            // fresh tester).
            let joined =
                literals.count > 1
                && LeadingDocument.mayOpen(FEELStringLiterals.decoded(text[literals[0]]))
                && holdsJSONDocument(literals.flatMap { FEELStringLiterals.decoded(text[$0]) })
            var nested: [Int: Bool] = [:]
            var contexts: [InnerContext] = []
            for range in placeholders {
                guard
                    let literal = literals.first(where: {
                        $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound
                    })
                else {
                    contexts.append(.bareFEEL)
                    continue
                }
                if nested[literal.lowerBound] == nil {
                    nested[literal.lowerBound] =
                        joined
                        || holdsJSONDocument(
                            FEELStringLiterals.decoded(text[literal]))
                }
                contexts.append(
                    nested[literal.lowerBound]!
                        ? .nestedJSON(JSONPath([])) : .safe(.feelString, path: nil))
            }
            return contexts
        }
        let expressions = isZeebe ? [] : ELExpressions.ranges(in: text)
        let inExpression = { (range: Range<Int>) in
            expressions.contains {
                $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound
            }
        }
        var contexts: [InnerContext] =
            if looksLikeJSON(text, placeholders: placeholders) {
                jsonContexts(placeholders, in: text)
            } else if XMLPayload.looksLikeXML(text) {
                XMLPayload.contexts(placeholders, in: text)
            } else {
                placeholders.map { _ in .safe(.plainText, path: nil) }
            }
        for index in contexts.indices
        where !expressions.isEmpty && inExpression(placeholders[index]) {
            contexts[index] = .insideExpression
        }
        return contexts
    }

    /// The JSON context of each range; `.malformedJSON` for each, with the tokenizer's
    /// reason, when `text` is not JSON. Streams the tokens (keeping none) and walks the
    /// sorted ranges alongside: one pass over both.
    private static func jsonContexts<Ranges: RandomAccessCollection<Range<Int>>>(
        _ ranges: Ranges, in text: [UInt8]
    ) -> [InnerContext] where Ranges.Index == Int {
        var tokenizer = JSONTokenizer(text, placeholders: ranges)
        var results: [InnerContext] = []
        var keys = RepeatedKeys()
        do throws(JSONSyntaxError) {
            while let token = try tokenizer.next() {
                keys.track(token)
                let content = token.contentSpan
                // Asked once per string, however many placeholders it holds.
                var nested: Bool?
                while results.count < ranges.count,
                    ranges[results.count].upperBound <= content.upperBound
                {
                    if nested == nil, token.kind == .string {
                        nested = token.text.map { holdsJSONDocument($0.bytes) } ?? false
                    }
                    results.append(
                        context(of: ranges[results.count], in: token, nested: nested ?? false))
                }
            }
        } catch {
            // Text after the document a lenient reader reads (`[INFO] {{secret:X}}`) is text.
            let all = Array(ranges)
            let reason = Self.reason(for: error, in: text)
            return all.indices.map { index in
                LeadingDocument.isOpen(before: all[index].lowerBound, in: text[...], all[..<index])
                    ? .malformedJSON(reason: reason) : .safe(.plainText, path: nil)
            }
        }
        if let repeated = keys.first { return ranges.map { _ in .repeatedJSONKey(repeated) } }
        while results.count < ranges.count { results.append(.safe(.plainText, path: nil)) }
        return results
    }

    /// Why `text` is not JSON: the tokenizer's reason, or, when it stopped before the
    /// document's first bracket, what stands there that a reader skips but JSON does not
    /// (a no-break space was "a value expected": found by a forty-fifth fresh tester).
    private static func reason(for error: JSONSyntaxError, in text: [UInt8]) -> String {
        guard let start = LeadingDocument.firstContent(of: text[...]), error.offset < start,
            error.offset >= 0
        else { return error.message }
        let what: String
        if text[error.offset] == UInt8(ascii: "/") {
            what = "a comment"
        } else {
            let piece = text[error.offset..<min(error.offset + 4, text.count)]
            let scalar = String(decoding: piece, as: UTF8.self).unicodeScalars.first
            let hex = String(
                scalar?.value ?? UInt32(text[error.offset]), radix: 16, uppercase: true)
            what = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        let bracket = Character(Unicode.Scalar(text[start]))
        return "\(what) before its \(bracket), which JSON does not take as white space"
    }

    /// The first key a JSON document writes twice in one object, as the tokens go by.
    private struct RepeatedKeys {
        /// The keys of each open object; nil for arrays.
        private var open: [JSONObjectKeys<Void>?] = []
        private(set) var first: String?

        mutating func track(_ token: JSONToken) {
            switch token.kind {
            case .beginObject: open.append(JSONObjectKeys())
            case .beginArray: open.append(nil)
            case .endObject, .endArray: open.removeLast()
            case .key:
                guard let name = token.text?.bytes, open.last != nil else { return }
                if open[open.count - 1]!.earlier(name, else: ()) != nil, first == nil {
                    first = String(decoding: name, as: UTF8.self)
                }
            default: break
            }
        }
    }

    /// The context of `range` given the first token that ends at or after it.
    private static func context(
        of range: Range<Int>, in token: JSONToken, nested: Bool
    ) -> InnerContext {
        guard token.contentSpan.lowerBound <= range.lowerBound else {
            return .safe(.plainText, path: nil)
        }
        switch token.kind {
        case .key: return .jsonKey(token.path)
        case .string: return nested ? .nestedJSON(token.path) : .safe(.jsonString, path: token.path)
        default: return .bareJSON(token.path)
        }
    }

    /// True when `text` (a decoded string's content) holds a placeholder inside a JSON
    /// document: one it opens with (``LeadingDocument``), valid JSON or not, or a JSON
    /// string document (`"\"{{secret:X}}\""`) with its placeholders taken as values. Text
    /// that only starts with brackets (`[INFO] ...`) or is a placeholder alone is not.
    static func holdsJSONDocument(_ text: [UInt8]) -> Bool {
        // Told by the first byte before anything is scanned: nearly every string is a
        // placeholder or text (a document opens with `{` but not `{{`, `[` or `"`).
        guard let start = LeadingDocument.firstContent(of: text[...]) else { return false }
        switch text[start] {
        case UInt8(ascii: "["), UInt8(ascii: "\""): break
        case UInt8(ascii: "{") where start + 1 < text.count && text[start + 1] != UInt8(ascii: "{"):
            break
        default: return false
        }
        let placeholders = PlaceholderScanner.scan(text).placeholders.map(\.range)
        guard !placeholders.isEmpty else { return false }
        guard text[start] == UInt8(ascii: "\"") else {
            return LeadingDocument.holdsPlaceholder(text[...], placeholders)
        }
        guard let tokens = try? JSONTokenizer.tokens(of: text, placeholders: placeholders),
            let first = tokens.first
        else { return false }
        return first.kind != .placeholder
    }

    /// True when the text, trimmed, starts with `{` or `[` that does not open a
    /// placeholder: `{{secret:A}}` alone is text, not a JSON document.
    private static func looksLikeJSON(
        _ text: [UInt8], placeholders: some Collection<Range<Int>>
    ) -> Bool {
        // A byte order mark first is skipped, as lenient readers skip it; the tokenizer
        // then refuses the text as JSON, and its placeholders with it.
        guard let start = LeadingDocument.firstContent(of: text[...]) else { return false }
        guard text[start] == UInt8(ascii: "{") || text[start] == UInt8(ascii: "[") else {
            return false
        }
        return !placeholders.contains { $0.lowerBound == start }
    }
}
