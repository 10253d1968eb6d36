/// Where a placeholder stands in a task input whose text is an XML document itself (a SOAP
/// envelope, an XML body for a connector): in its character data, in an attribute value,
/// or in markup (a tag, a comment, a CDATA section, a processing instruction, a
/// declaration), where no escaping makes a value safe.
///
/// A value in the payload's text or attributes is escaped for XML before the file's own
/// escaping, so that it reads back as itself once the engine hands the payload on (a
/// value holding `</Password>` wrote elements into the request; found by a thirty-fourth
/// fresh tester).
enum XMLPayload {
    /// True when `text`, leading white space and byte order marks skipped, opens with
    /// markup: `<` then a name's first letter, `?` or `!`. Text such as `<= 5` or `<3` is
    /// not XML. A receiver skips a byte order mark before the document (found by a
    /// thirty-ninth fresh tester: one first kept a value from being escaped).
    // Limitation: only a parameter's whole text is taken for a document; one held in a
    // JSON or FEEL string gets that string's escaping alone, and the hook's credential
    // rules do not look inside a document (README, Known limitations).
    static func looksLikeXML(_ text: [UInt8]) -> Bool {
        guard let start = LeadingDocument.firstContent(of: text[...]),
            start + 1 < text.count, text[start] == UInt8(ascii: "<")
        else { return false }
        let next = text[start + 1]
        return (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")
            || next == UInt8(ascii: "_") || next == UInt8(ascii: "?") || next == UInt8(ascii: "!")
    }

    /// The context of each placeholder range of `text` (sorted, non-overlapping), in the
    /// same order. The scan follows markup as XML delimits it; a placeholder holds none of
    /// its delimiters, so its bytes are stepped over. A placeholder inside a JSON document
    /// that an element's text or an attribute value opens with (``LeadingDocument``; the
    /// text read as a reader joins it, across comments and CDATA sections, with its
    /// references decoded) would need JSON escaping inside the XML escaping: refused.
    // Limitation: the payload is not checked for well-formedness, and an internal DTD
    // subset is followed by its brackets alone (README, Known limitations).
    static func contexts<Ranges: RandomAccessCollection<Range<Int>>>(
        _ ranges: Ranges, in text: [UInt8]
    ) -> [InnerContext] where Ranges.Index == Int {
        var scan = Scan(text: text)
        return ranges.map { range in
            while scan.index < range.lowerBound { scan.step() }
            let holdsJSON = { scan.pieceIsInJSON() }
            defer {
                scan.piece.append(contentsOf: text[range])
                scan.index = range.upperBound
            }
            switch scan.state {
            case .text where holdsJSON(), .attribute where holdsJSON(): return .jsonInXMLPayload
            case .text: return .safe(.xmlPayloadText, path: nil)
            case .attribute: return .safe(.xmlPayloadAttribute, path: nil)
            case .tag: return .xmlMarkup("a tag")
            case .comment: return .xmlMarkup("a comment")
            case .cdata: return .xmlMarkup("a CDATA section")
            case .instruction: return .xmlMarkup("a processing instruction")
            case .declaration: return .xmlMarkup("a declaration")
            }
        }
    }

    private enum State: Equatable {
        case text, tag, attribute(quote: UInt8), comment, cdata, instruction, declaration
    }

    /// The state of the scan at `index`: what the byte there belongs to.
    private struct Scan {
        let text: [UInt8]
        var index = 0
        var state = State.text
        /// Brackets open in a declaration (a DOCTYPE's internal subset).
        var brackets = 0
        /// The text of the element (since its last tag, CDATA sections' content included)
        /// or the attribute value being read, as read so far, references undecoded.
        var piece: [UInt8] = []

        /// True when the piece opens with a JSON document still open where it ends.
        func pieceIsInJSON() -> Bool {
            let decoded = XMLEntityDecoder.decode(0..<piece.count, of: piece, isAttribute: false)
                .bytes
            let placeholders = PlaceholderScanner.scan(decoded).placeholders.map(\.range)
            return LeadingDocument.isOpen(
                before: decoded.count, in: decoded[...], placeholders[...])
        }

        /// Reads the byte at `index` (and the delimiter it starts) and moves past it.
        mutating func step() {
            let byte = text[index]
            switch state {
            case .text:
                guard byte == UInt8(ascii: "<") else {
                    piece.append(byte)
                    break
                }
                if opens("<!--") {
                    (state, index) = (.comment, index + 4)
                    return
                }
                if opens("<![CDATA[") {
                    (state, index) = (.cdata, index + 9)
                    return
                }
                state = opens("<?") ? .instruction : opens("<!") ? .declaration : .tag
            case .tag:
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .attribute(quote: byte)
                    piece = []
                } else if byte == UInt8(ascii: ">") {
                    state = .text
                    piece = []
                }
            case .attribute(let quote):
                if byte == quote { state = .tag } else { piece.append(byte) }
            case .comment: closes("-->")
            case .cdata:
                if !opens("]]>") { piece.append(byte) }
                closes("]]>")
            case .instruction: closes("?>")
            case .declaration:
                if byte == UInt8(ascii: "[") { brackets += 1 }
                if byte == UInt8(ascii: "]") { brackets = max(0, brackets - 1) }
                if byte == UInt8(ascii: ">"), brackets == 0 { state = .text }
            }
            index += 1
        }

        private func opens(_ delimiter: StaticString) -> Bool {
            let bytes = UnsafeRawBufferPointer(
                start: delimiter.utf8Start, count: delimiter.utf8CodeUnitCount)
            return text[index...].starts(with: bytes)
        }

        /// Ends the markup when `delimiter` starts at `index`, leaving `index` on its last
        /// byte (``step()`` moves past it).
        private mutating func closes(_ delimiter: StaticString) {
            guard opens(delimiter) else { return }
            state = .text
            index += delimiter.utf8CodeUnitCount - 1
        }
    }
}
