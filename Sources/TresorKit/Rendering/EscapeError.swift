/// A value that its escape context cannot hold.
///
/// Carries the context layer and the offending character's code point, never the value, so
/// a message cannot leak a secret.
public enum EscapeError: TresorError, Hashable {
    /// The inner syntax has no way to write the character (a C0 control in a FEEL string).
    case unsupportedCharacter(EscapeContext.Inner, codePoint: UInt32)
    /// XML 1.0 cannot hold a C0 control other than TAB, LF and CR, not even escaped.
    case controlCharacterInXML(EscapeContext.Outer, codePoint: UInt32)
    /// XML 1.0 cannot hold the non-characters U+FFFE and U+FFFF.
    case nonCharacterInXML(EscapeContext.Outer, codePoint: UInt32)
    /// The value holds `${` or `#{`, which a Camunda 7 or Flowable engine would evaluate.
    case expressionInValue
    /// The value and the text next to it would make `${` or `#{` (``ValueEdges``).
    case expressionAcrossEdge
    /// The value ends with `\` before `$` or `#`: the engine would read `\${` as an
    /// escaped `${`, drop the value's backslash and not evaluate the expression after it
    /// (``ValueEdges``).
    case escapeAcrossEdge
    /// The value starts with `=` at the start of a Zeebe value, which would make the whole
    /// value a FEEL expression (``ValueEdges``).
    case feelExpressionStart

    /// One line naming the context and the character.
    public var message: String {
        switch self {
        case .unsupportedCharacter(let inner, let codePoint):
            "a \(inner.rawValue) cannot hold the character \(Self.format(codePoint))"
        case .controlCharacterInXML(let outer, let codePoint):
            "\(Self.describe(outer)) cannot hold the control character \(Self.format(codePoint))"
        case .nonCharacterInXML(let outer, let codePoint):
            "\(Self.describe(outer)) cannot hold the non-character \(Self.format(codePoint))"
        case .expressionInValue:
            "the value holds ${ or #{, which the engine would evaluate as an expression here"
        case .expressionAcrossEdge:
            "the value and the text next to it would make ${ or #{ where they meet, which "
                + "the engine would evaluate as an expression"
        case .escapeAcrossEdge:
            "the value ends with \\ before the $ or # next to it: the engine would take \\${ "
                + "or \\#{ for an escape, drop the backslash and not evaluate the expression"
        case .feelExpressionStart:
            "the value starts with =, or is white space before an =, which would make the "
                + "whole Zeebe value a FEEL expression"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case .expressionInValue:
            "change the credential so it holds neither ${ nor #{, or pass it through a Zeebe "
                + "input or a JSON task input, where it is not evaluated"
        case .expressionAcrossEdge, .escapeAcrossEdge:
            "put a space or other text between the placeholder and the $, # or { next to it, "
                + "or change the credential"
        case .feelExpressionStart:
            "make the input a FEEL string literal (source='=\"{{secret:NAME}}\"'), or change "
                + "the credential"
        default: "store the value encoded (for example base64) and decode it in the process"
        }
    }

    /// Rendering stops with problems found.
    public var exitCode: ExitCode { .problems }

    private static func format(_ codePoint: UInt32) -> String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func describe(_ outer: EscapeContext.Outer) -> String {
        switch outer {
        case .none: "the file"
        case .xmlText: "XML text"
        case .cdata: "a CDATA section"
        case .xmlAttribute: "an XML attribute"
        }
    }
}
