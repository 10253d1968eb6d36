/// Walks a BPMN document's tokens once, with an explicit stack of open elements, and hands
/// each piece of text that may hold a placeholder to a visitor together with its place: the
/// process, the flow element, and whether it is a task input (and which), documentation, or
/// somewhere placeholders are not resolved.
///
/// Scanning is left to the caller, so the walker knows nothing of the placeholder grammar;
/// `mayHoldPlaceholder` lets it skip decoding text that cannot hold one.
struct BPMNWalker {
    let bytes: [UInt8]
    let mayHoldPlaceholder: (ArraySlice<UInt8>) -> Bool
    /// False for a walk over a rendered file (deploy): its texts hold values, so sites carry
    /// their undecoded `sources` and the visitor decodes what it needs into wiped memory.
    var decodes = true
    /// Every `bpmn:process`, in file order.
    private(set) var processes: [ProcessIdentity] = []
    var frames: [BPMNFrame] = []
    private var pending: [XMLCharacterData] = []
    private var namespaces = XMLNamespaceScope()

    init(_ bytes: [UInt8], mayHoldPlaceholder: @escaping (ArraySlice<UInt8>) -> Bool) {
        self.bytes = bytes
        self.mayHoldPlaceholder = mayHoldPlaceholder
    }

    /// Walks the whole document, calling `visit` for each site; throws at the first
    /// well-formedness or namespace problem.
    mutating func walk(_ visit: (BPMNSite) -> Void) throws(XMLSyntaxError) {
        var tokenizer = XMLTokenizer(bytes)
        while let token = try tokenizer.next() {
            switch token {
            case .startTag(let tag):
                flush(visit)
                try enter(tag, visit)
            case .emptyElementTag(let tag):
                flush(visit)
                try enter(tag, visit)
                leave()
            case .endTag:
                flush(visit)
                leave()
            case .text(let data), .cdata(let data):
                pending.append(data)
            case .comment, .processingInstruction, .declaration:
                // Comments are skipped: a placeholder in a comment is nobody's business.
                break
            }
        }
    }

    private mutating func enter(_ tag: XMLTag, _ visit: (BPMNSite) -> Void) throws(XMLSyntaxError) {
        let resolved = try namespaces.enter(tag, in: bytes)
        let frame = child(resolved)
        if frame.vocabulary == .bpmn, frame.local == "process", let process = frame.process {
            processes.append(process)
        }
        if !frames.isEmpty { frames[frames.count - 1].childCount += 1 }
        frames.append(frame)
        visitAttributes(of: resolved, visit)
    }

    private mutating func leave() {
        frames.removeLast()
        namespaces.leave()
    }

    /// Hands the character data collected for the current element to `visit`.
    private mutating func flush(_ visit: (BPMNSite) -> Void) {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let frame = frames.last, !pending.isEmpty else { return }
        let mayHold = pending.contains { data in
            (data.needsDecoding && !data.isCDATA) || mayHoldPlaceholder(bytes[data.span])
        }
        guard mayHold else { return }
        let place = textPlace(of: frame)
        guard decodes else {
            var site = BPMNSite(
                text: DecodedText(), pieces: [], place: place, process: frame.process,
                task: frame.task)
            site.sources = pending.map { .characterData($0) }
            return visit(site)
        }
        var text = DecodedText()
        var pieces: [BPMNSite.Piece] = []
        for data in pending {
            let start = text.bytes.count
            text.append(data.value(in: bytes))
            let outer: EscapeContext.Outer = data.isCDATA ? .cdata : .xmlText
            pieces.append(BPMNSite.Piece(range: start..<text.bytes.count, outer: outer))
        }
        visit(
            BPMNSite(
                text: text, pieces: pieces, place: place, process: frame.process, task: frame.task)
        )
    }

    private func visitAttributes(of tag: XMLResolvedTag, _ visit: (BPMNSite) -> Void) {
        guard let frame = frames.last else { return }
        for (attribute, name) in zip(tag.tag.attributes, tag.attributeNames) {
            let isZeebe = frame.vocabulary == .zeebe && name.uri == nil
            guard
                isZeebe || attribute.needsDecoding
                    || mayHoldPlaceholder(bytes[attribute.valueSpan])
            else { continue }
            let place = attributePlace(name, attribute: attribute, of: frame, tag: tag)
            var site = BPMNSite(
                text: DecodedText(), pieces: [], place: place, process: frame.process,
                task: frame.task, isZeebeAttribute: isZeebe)
            if decodes {
                site.text = attribute.value(in: bytes)
                site.pieces = [
                    BPMNSite.Piece(
                        range: 0..<site.text.bytes.count,
                        outer: .xmlAttribute(quote: attribute.quote))
                ]
            } else {
                site.sources = [.attribute(attribute)]
            }
            visit(site)
        }
    }
}
