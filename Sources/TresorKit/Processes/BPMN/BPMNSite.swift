/// A piece of text in a BPMN file that may hold placeholders: an attribute value or an
/// element's character data (text and CDATA pieces joined), decoded, with where it is.
struct BPMNSite: Sendable {
    /// One stretch of the text written in one way (text, CDATA, an attribute).
    struct Piece: Sendable, Hashable {
        var range: Range<Int>
        var outer: EscapeContext.Outer
    }

    /// Where an undecoded text lies in the file: its character data, or an attribute.
    enum Source: Sendable {
        case characterData(XMLCharacterData)
        case attribute(XMLAttribute)
    }

    /// How `text` was written: one way throughout (an attribute, a text without CDATA: no
    /// array for a single piece), or in pieces written in different ways, in order, that
    /// cover it without gaps. No pieces from a walker that does not decode.
    enum Writing: Sendable {
        case whole(EscapeContext.Outer)
        case pieces([Piece])
    }

    /// The decoded text, mapped back to the file; empty from a walker that does not decode.
    var text: DecodedText
    var writing: Writing
    /// The text undecoded, from a walker that does not decode (and only then).
    var sources: [Source] = []
    var place: BPMNSitePlace
    var process: ProcessIdentity?
    var task: TaskIdentity?
    /// True for attribute values of Zeebe elements, where the legacy `secrets.NAME` is looked for.
    var isZeebeAttribute = false
    /// The name of the element that starts the task input the text belongs to, when it
    /// belongs to one: two inputs of a task with one parameter name have different ones.
    var input: XMLName?
    /// True for a text the engine trims at both ends before it uses it: a Camunda 7 input
    /// parameter's own, a map entry's or a list value's (`getText().trim()`), a Flowable
    /// field's `string` or `expression` (`getElementText().trim()`). Deploy writes what the
    /// engine reads (found by fresh testers).
    var engineTrims = false

    /// Decodes `sources`, which lie in `file`, into `text`.
    func decode(from file: [UInt8], into text: inout some DecodedTextSink) {
        for source in sources {
            switch source {
            case .characterData(let data): data.decode(in: file, into: &text)
            case .attribute(let attribute): attribute.decode(in: file, into: &text)
            }
        }
    }

    /// The stretches of `text`, in order; they cover it without gaps.
    var pieces: [Piece] {
        switch writing {
        case .whole(let outer): [Piece(range: 0..<text.bytes.count, outer: outer)]
        case .pieces(let pieces): pieces
        }
    }

    /// The outer context of `range`, or nil when the range crosses from one piece into another
    /// (a placeholder split by a comment, a processing instruction or a CDATA boundary
    /// cannot be replaced in one go).
    func outer(of range: Range<Int>) -> EscapeContext.Outer? {
        let pieces: [Piece]
        switch writing {
        case .whole(let outer):
            guard range.lowerBound >= 0, range.lowerBound < text.bytes.count,
                range.upperBound <= text.bytes.count
            else { return nil }
            return outer
        case .pieces(let written): pieces = written
        }
        // Pieces are sorted and contiguous: binary search for the one holding the start.
        var low = 0
        var high = pieces.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].range.lowerBound <= range.lowerBound {
                low = middle
            } else {
                high = middle - 1
            }
        }
        guard low < pieces.count, pieces[low].range.contains(range.lowerBound),
            range.upperBound <= pieces[low].range.upperBound
        else { return nil }
        return pieces[low].outer
    }
}
