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
                literals.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
                    ? .safe(.feelString, path: nil) : .bareFEEL
            }
        }
        if looksLikeJSON(text),
            let tokens = try? JSONTokenizer.tokens(of: text, placeholders: placeholders)
        {
            return placeholders.map { locate($0, in: tokens) }
        }
        return placeholders.map { _ in .safe(.plainText, path: nil) }
    }

    /// The JSON context of `range` among `tokens`.
    private static func locate(_ range: Range<Int>, in tokens: [JSONToken]) -> InnerContext {
        // Limitation: a linear search per placeholder; payloads hold few placeholders.
        for token in tokens {
            let content = token.contentSpan
            guard content.lowerBound <= range.lowerBound, range.upperBound <= content.upperBound
            else { continue }
            switch token.kind {
            case .key: return .jsonKey(token.path)
            case .string: return .safe(.jsonString, path: token.path)
            default: return .safe(.plainText, path: token.path)
            }
        }
        return .safe(.plainText, path: nil)
    }

    /// True when the text, trimmed, starts with `{` or `[`.
    private static func looksLikeJSON(_ text: [UInt8]) -> Bool {
        let first = text.first { !(0x09...0x0D).contains($0) && $0 != 0x20 }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
