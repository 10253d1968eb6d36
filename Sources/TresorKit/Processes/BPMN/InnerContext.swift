/// Decides, for each placeholder in a task input's decoded text, the inner syntax its value
/// lands in: a FEEL string, a JSON string, or plain text; or why it cannot be escaped safely.
enum InnerContext: Sendable, Hashable {
    /// Safe: escape for `inner`; `path` extends the field path inside an embedded JSON payload.
    case safe(EscapeContext.Inner, path: JSONPath?)
    /// In FEEL code outside any string literal.
    case bareFEEL
    /// In a JSON object key.
    case jsonKey(JSONPath)

    /// One outcome per placeholder range (sorted, non-overlapping), in the same order.
    static func resolve(
        _ placeholders: [Range<Int>], in text: [UInt8], isZeebe: Bool
    ) -> [InnerContext] {
        if isZeebe, FEELStringLiterals.isExpression(text) {
            let literals = FEELStringLiterals.contents(of: text)
            return placeholders.map { range in
                literals.contains {
                    $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound
                }
                    ? .safe(.feelString, path: nil) : .bareFEEL
            }
        }
        if looksLikeJSON(text),
            let tokens = try? JSONTokenizer.tokens(of: text, placeholders: placeholders)
        {
            return locate(placeholders, in: tokens)
        }
        // Limitation: Camunda 7 / Flowable expressions (`${...}`, JUEL) are not analysed: a
        // placeholder inside one counts as plain text, so a value with quotes can break it.
        return placeholders.map { _ in .safe(.plainText, path: nil) }
    }

    /// The JSON context of each range among `tokens`, both in file order: one pass over both.
    private static func locate(_ ranges: [Range<Int>], in tokens: [JSONToken]) -> [InnerContext] {
        var results: [InnerContext] = []
        var next = 0
        for range in ranges {
            while next < tokens.count, tokens[next].contentSpan.upperBound < range.upperBound {
                next += 1
            }
            guard next < tokens.count, tokens[next].contentSpan.lowerBound <= range.lowerBound
            else {
                results.append(.safe(.plainText, path: nil))
                continue
            }
            let token = tokens[next]
            switch token.kind {
            case .key: results.append(.jsonKey(token.path))
            case .string: results.append(.safe(.jsonString, path: token.path))
            default: results.append(.safe(.plainText, path: token.path))
            }
        }
        return results
    }

    /// True when the text, trimmed, starts with `{` or `[`.
    private static func looksLikeJSON(_ text: [UInt8]) -> Bool {
        let first = text.first { !(0x09...0x0D).contains($0) && $0 != 0x20 }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
