#if canImport(Glibc)
    import Glibc
#endif

/// Walks a BPMN document's tokens once, with an explicit stack of open elements, and hands
/// each piece of text that may hold a placeholder to a visitor together with its place: the
/// process, the flow element, and whether it is a task input (and which), documentation, or
/// somewhere placeholders are not resolved.
///
/// Scanning is left to the caller; the walker skips text without a `{` (no placeholder can
/// start there) unless `readsEveryText` asks for every text.
struct BPMNWalker {
    let bytes: [UInt8]
    /// True for readers that look at every text (credentials, rendered task inputs).
    let readsEveryText: Bool
    /// False for a walk over a rendered file (deploy): its texts hold values, so sites carry
    /// their undecoded `sources` and the visitor decodes what it needs into wiped memory.
    var decodes = true
    /// Every `bpmn:process`, in file order.
    var processes: [ProcessIdentity] = []
    /// Every flow element, in file order.
    var tasks: [TaskIdentity] = []
    /// The places frames are in; elements that inherit their parent's place share its entry.
    var places: [BPMNPlace] = [.unsupported(.words(""))]
    var frames: [BPMNFrame] = []
    /// The character data since the last tag, in `pending[..<pendingCount]`: the slots are
    /// reused, as emptying the array after each text cost more than checking the text.
    private var pending: [XMLCharacterData] = []
    private var pendingCount = 0
    private(set) var namespaces = XMLNamespaceScope()
    /// The vocabulary of each namespace of `namespaces`, by index, filled as they appear.
    private var vocabularies: [BPMNVocabulary] = []
    /// Where each field that gives its value in more than one way starts (its element's
    /// `<`, as references' `inputElement`): engines take one of the forms and ignore the
    /// rest, and which one differs (Camunda the first, Flowable the last), so none of its
    /// placeholders can be trusted to reach the engine (found by a fresh tester).
    private(set) var fieldsWithTwoValues: [Int] = []

    init(_ bytes: [UInt8], readsEveryText: Bool = false) {
        self.bytes = bytes
        self.readsEveryText = readsEveryText
        // Room for a process file of a few dozen tasks at once: growing the lists step by
        // step was five allocations and copies a file.
        places.reserveCapacity(64)
        tasks.reserveCapacity(32)
        frames.reserveCapacity(32)
    }

    /// True when the bytes at `span` may hold a placeholder (a `{`; see
    /// ``PlaceholderScanner/mayContainPlaceholder(_:)``), or every text is read. Read where
    /// the bytes lie: a slice of the file for each of the thousands of texts between tags
    /// was a retain and a release each.
    private func mayHoldPlaceholder(_ span: Range<Int>) -> Bool {
        guard !readsEveryText else { return true }
        guard !span.isEmpty else { return false }
        return bytes.withUnsafeBytes { file in
            memchr(file.baseAddress! + span.lowerBound, Int32(ASCII.openBrace), span.count)
                != nil
        }
    }

    /// Walks the document, calling `visit` for each site; throws at the first
    /// well-formedness or namespace problem.
    ///
    /// With `lastSite`, the walk ends early: once it has read past that offset and every
    /// element below the root that was open there has closed, no later site can start
    /// before it, and the rest of the document (usually the diagram) is not read, nor
    /// checked. `usage` passes the last offset where a placeholder can start.
    ///
    /// `skipping` are runs of elements (in document order, none the root) the walk steps
    /// over unread, as if each were an empty element it had no use for
    /// (``XMLSkippableElements``): they hold no site the caller wants.
    mutating func walk(
        until lastSite: Int? = nil, skipping skips: [XMLSkippableElements.Run] = [],
        _ visit: (BPMNSite) -> Void
    ) throws(XMLSyntaxError) {
        var tokenizer = XMLTokenizer(bytes)
        let end = lastSite ?? Int.max
        var nextSkip = 0
        while true {
            if nextSkip < skips.count, tokenizer.position >= skips[nextSkip].range.lowerBound {
                let skip = skips[nextSkip]
                nextSkip += 1
                // Only where a tag starts; a skip the walk has passed is dropped.
                guard tokenizer.position == skip.range.lowerBound, !frames.isEmpty else {
                    continue
                }
                // A field's children are read, held sites or not: each value form counts.
                if case .field = place(of: frames[frames.count - 1]) { continue }
                flush(visit, beforeChild: true)
                frames[frames.count - 1].childCount += skip.elements
                tokenizer.position = skip.range.upperBound
                if tokenizer.position > end, frames.count <= 1 { return }
                continue
            }
            guard let token = try tokenizer.next() else { return }
            switch token {
            case .startTag(let tag):
                flush(visit, beforeChild: true)
                try enter(tag, visit)
            case .emptyElementTag(let tag):
                flush(visit, beforeChild: true)
                try enter(tag, visit)
                leave()
                if tokenizer.position > end, frames.count <= 1 { return }
            case .endTag:
                flush(visit)
                leave()
                if tokenizer.position > end, frames.count <= 1 { return }
            case .text(let data), .cdata(let data):
                if pendingCount < pending.count {
                    pending[pendingCount] = data
                } else {
                    pending.append(data)
                }
                pendingCount += 1
            case .processingInstruction(let span):
                visitInstruction(span, visit)
            case .comment, .declaration:
                // Comments are skipped: a placeholder in a comment is nobody's business.
                break
            }
        }
    }

    private mutating func enter(_ tag: XMLTag, _ visit: (BPMNSite) -> Void) throws(XMLSyntaxError) {
        let resolved = try namespaces.enter(tag, in: bytes)
        let frame = child(resolved, vocabulary: vocabulary(of: resolved.name.namespace))
        if !frames.isEmpty {
            frames[frames.count - 1].childCount += 1
            if case .field = place(of: frames[frames.count - 1]),
                frame.element == .string || frame.element == .expression
            {
                frames[frames.count - 1].valueForms += 1
            }
        }
        frames.append(frame)
        visitAttributes(of: resolved, visit)
    }

    /// The process `frame` is in.
    func process(of frame: BPMNFrame) -> ProcessIdentity? { frame.process.map { processes[$0] } }
    /// The flow element `frame` is in.
    func task(of frame: BPMNFrame) -> TaskIdentity? { frame.task.map { tasks[$0] } }
    /// The place of `frame`.
    func place(of frame: BPMNFrame) -> BPMNPlace { places[frame.place] }

    /// The vocabulary of `namespace`, by its URI.
    private mutating func vocabulary(of namespace: XMLNamespaceID?) -> BPMNVocabulary {
        guard let namespace else { return .other }
        while vocabularies.count <= namespace.index {
            vocabularies.append(BPMNVocabulary(uri: namespaces.uris[vocabularies.count]))
        }
        return vocabularies[namespace.index]
    }

    private mutating func leave() {
        let frame = frames.removeLast()
        if frame.valueForms > 1, let input = frame.input {
            fieldsWithTwoValues.append(input.span.lowerBound)
        }
        namespaces.leave()
    }

    /// Hands the character data collected for the current element to `visit`;
    /// `beforeChild` when a child element starts next.
    private mutating func flush(_ visit: (BPMNSite) -> Void, beforeChild: Bool = false) {
        guard pendingCount > 0 else { return }
        let count = pendingCount
        pendingCount = 0
        // Asked before anything is copied: nearly every text is white space between tags.
        var mayHold = false
        for index in 0..<count {
            let data = pending[index]
            if (data.needsDecoding && !data.isCDATA) || mayHoldPlaceholder(data.span) {
                mayHold = true
                break
            }
        }
        guard mayHold, let frame = frames.last else { return }
        let pending = self.pending[..<count]
        var place = textPlace(of: frame)
        // An input with a child element (a map, a list, a script) is that child: the engine
        // ignores text beside it, and a placeholder there would be a value written into a
        // dead spot (found by a fresh tester). A list value's engine joins the text around
        // an element, where a value could meet the text after it in an expression the
        // checks, which see each text apart, would miss: refused too (found by the next
        // tester).
        if case .input = place, beforeChild || frame.childCount > 0 {
            let name = frame.name.qualified(in: bytes)
            place = .unsupported(
                frame.isListValue
                    ? "the text of <\(name)> around a child element, which the engine joins "
                        + "where the checks cannot see,"
                    : "the text of <\(name)> beside a child element, which the engine takes "
                        + "instead,")
        }
        let engineTrims = Self.engineTrims(frame)
        guard decodes else {
            var site = BPMNSite(
                text: DecodedText(), writing: .pieces([]), place: place,
                process: process(of: frame), task: task(of: frame), input: frame.input)
            site.sources = pending.map { .characterData($0) }
            site.engineTrims = engineTrims
            return visit(site)
        }
        var text: DecodedText
        let writing: BPMNSite.Writing
        if pending.count == 1 {
            // The usual case, one piece of text: its decoded text is the site's.
            text = pending[0].value(in: bytes)
            writing = .whole(pending[0].isCDATA ? .cdata : .xmlText)
        } else {
            text = DecodedText(capacity: pending.reduce(0) { $0 + $1.span.count })
            var pieces: [BPMNSite.Piece] = []
            for data in pending {
                let start = text.bytes.count
                text.append(data.value(in: bytes))
                let outer: EscapeContext.Outer = data.isCDATA ? .cdata : .xmlText
                pieces.append(BPMNSite.Piece(range: start..<text.bytes.count, outer: outer))
            }
            writing = .pieces(pieces)
        }
        var site = BPMNSite(
            text: text, writing: writing, place: place, process: process(of: frame),
            task: task(of: frame), input: frame.input)
        site.engineTrims = engineTrims
        visit(site)
    }

    /// True when the engine trims the text of `frame`'s element (see
    /// ``BPMNSite/engineTrims``). Activiti's namespace is read as Camunda 7 reads it.
    private static func engineTrims(_ frame: BPMNFrame) -> Bool {
        switch (frame.vocabulary, frame.element) {
        case (.camunda, .inputParameter), (.camunda, .entry), (.camunda, .value),
            (.flowable, .string), (.flowable, .expression):
            true
        default: false
        }
    }

    /// A processing instruction is read by some application, never by Tresor: a
    /// placeholder in one is not resolved, and is reported as in an unsupported place.
    /// Its bytes are taken as they are (XML decodes nothing in it).
    private func visitInstruction(_ span: Range<Int>, _ visit: (BPMNSite) -> Void) {
        guard decodes, mayHoldPlaceholder(span) else { return }
        let frame = frames.last
        visit(
            BPMNSite(
                text: DecodedText(verbatim: span, of: bytes), writing: .whole(.xmlText),
                place: .unsupported("a processing instruction"),
                process: frame.flatMap(process(of:)), task: frame.flatMap(task(of:)),
                input: nil))
    }

    private func visitAttributes(of tag: XMLResolvedTag, _ visit: (BPMNSite) -> Void) {
        guard let frame = frames.last else { return }
        for (attribute, name) in zip(tag.tag.attributes, tag.attributeNames) {
            let isZeebe = frame.vocabulary == .zeebe && name.namespace == nil
            let mayHold =
                attribute.needsDecoding || mayHoldPlaceholder(attribute.valueSpan)
            // Without a `{`, only a Zeebe value holding `secrets.` needs reading.
            guard
                mayHold
                    || isZeebe && LegacySecretReference.mayOccur(in: bytes[attribute.valueSpan])
            else { continue }
            let place =
                mayHold
                ? attributePlace(name, attribute: attribute, of: frame, tag: tag)
                : .legacyOnly
            var site = BPMNSite(
                text: DecodedText(), writing: .pieces([]), place: place,
                process: process(of: frame), task: task(of: frame), isZeebeAttribute: isZeebe,
                input: frame.input)
            if decodes {
                site.text = attribute.value(in: bytes)
                site.writing = .whole(.xmlAttribute(quote: attribute.quote))
            } else {
                site.sources = [.attribute(attribute)]
            }
            visit(site)
        }
    }
}
