/// What a value may not start or end with where it meets the text around it: the engine
/// reads the rendered text whole, so a value can join its neighbours into an expression
/// neither holds alone.
///
/// - Camunda 7 and Flowable evaluate `${...}` and `#{...}`: a value ending in `$` or `#`
///   before a `{`, or starting with `{` after a `$` or `#`, would make one. (A value
///   holding `${` itself is refused by ``ValueEscaper``.) A value ending in `\` before a
///   `$` or `#` would escape the expression after it (JUEL reads `\${` as a literal `${`;
///   found by a thirty-fourth fresh tester); refused before any `$` or `#`, which is safe
///   and needs no look past the next byte.
/// - Zeebe takes a value starting with `=` as a FEEL expression: a value starting with `=`
///   (after white space) where only white space and other placeholders come before it
///   would make a static value one, and so would a value of white space only there that
///   the text after it continues with `=` (a second tester found `{{secret:SPACES}}` then
///   a value `=x` passing).
///
/// A placeholder right after another counts the other's `{` as the text after it: a
/// value ending in `$` before a second placeholder is refused, whatever that one's value.
public struct ValueEdges: Sendable, Hashable {
    /// The byte before the placeholder in the decoded text of its place, and the byte
    /// after it; 0 at either end.
    public var before: UInt8
    public var after: UInt8
    /// True for a placeholder in a Zeebe value that only white space and other
    /// placeholders come before.
    public var startsZeebeValue: Bool
    /// The first byte after the placeholder that is not white space (0 at the end).
    public var nextVisible: UInt8

    public init(
        before: UInt8 = 0, after: UInt8 = 0, startsZeebeValue: Bool = false,
        nextVisible: UInt8 = 0
    ) {
        self.before = before
        self.after = after
        self.startsZeebeValue = startsZeebeValue
        self.nextVisible = nextVisible
    }

    /// The edges of the placeholders of one decoded text, asked for in order, each once:
    /// whether a Zeebe value starts at one depends on those before it.
    struct Scan {
        let text: [UInt8]
        private var startsValue: Bool
        private var previousEnd = 0

        /// For the placeholders of `text`; `isZeebe` for a Zeebe value.
        init(_ text: [UInt8], isZeebe: Bool) {
            self.text = text
            startsValue = isZeebe
        }

        /// The edges of `range`, the placeholder after the one asked for last.
        mutating func next(_ range: Range<Int>) -> ValueEdges {
            startsValue =
                startsValue && text[previousEnd..<range.lowerBound].allSatisfy(ValueEdges.isSpace)
            previousEnd = range.upperBound
            let rest = text[range.upperBound...]
            return ValueEdges(
                before: range.lowerBound > 0 ? text[range.lowerBound - 1] : 0,
                after: rest.first ?? 0, startsZeebeValue: startsValue,
                nextVisible: rest.first { !ValueEdges.isSpace($0) } ?? 0)
        }
    }

    /// Throws when `value` would join these edges into an expression; `context` says
    /// whether `${` and `#{` are evaluated where it lands.
    func check(
        _ value: UnsafeRawBufferPointer, in context: EscapeContext
    ) throws(EscapeError) {
        if context.evaluatesExpressions, let first = value.first, let last = value.last {
            let marks = [UInt8(ascii: "$"), UInt8(ascii: "#")]
            let brace = UInt8(ascii: "{")
            if marks.contains(last) && after == brace || first == brace && marks.contains(before) {
                throw .expressionAcrossEdge
            }
            if last == UInt8(ascii: "\\"), marks.contains(after) { throw .escapeAcrossEdge }
        }
        // Limitation: the values before this one are not known here, so they count as
        // white space (`{{secret:A}}{{secret:B}}` with B `=x` is refused whatever A is),
        // and so does white space before it, which makes the value static text to Zeebe
        // (README, Known limitations).
        if startsZeebeValue {
            let first = value.first { !Self.isSpace($0) } ?? nextVisible
            if first == UInt8(ascii: "=") { throw .feelExpressionStart }
        }
    }

    fileprivate static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
