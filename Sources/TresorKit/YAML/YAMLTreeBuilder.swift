/// Builds a ``YAMLNode`` tree from parser events and enforces the vault rules on the way:
/// no anchors, aliases or tags; scalar, distinct keys; no merge key; one document.
///
/// Mappings and sequences under construction live on an explicit stack rather than the
/// call stack, so deep input hits ``YAMLReader/maximumDepth`` instead of a stack overflow.
struct YAMLTreeBuilder {
    /// A mapping or sequence whose end event has not arrived yet.
    private struct Frame {
        let isMapping: Bool
        let mark: YAMLMark
        var items: [YAMLNode] = []
        var entries: [YAMLMapping.Entry] = []
        var pendingKey: YAMLScalar?
        var keys: Set<String> = []

        var node: YAMLNode {
            isMapping
                ? .mapping(YAMLMapping(entries: entries, mark: mark)) : .sequence(items, mark)
        }
    }

    private var stack: [Frame] = []
    private var document: YAMLNode?
    private var documentCount = 0
    /// True once the stream has ended.
    private(set) var isFinished = false

    /// Takes the next event, in stream order.
    mutating func handle(_ event: YAMLEvent) throws(YAMLError) {
        if event.hasAnchor { throw .anchor(event.mark) }
        if event.hasTag { throw .tag(event.mark) }
        switch event.kind {
        case .streamStart, .documentEnd: break
        case .streamEnd: isFinished = true
        case .documentStart:
            guard documentCount == 0 else { throw .multipleDocuments(event.mark) }
            documentCount += 1
        case .alias: throw .alias(event.mark)
        case .scalar(let text, let style):
            try attach(.scalar(YAMLScalar(text: text, style: style, mark: event.mark)))
        case .sequenceStart: try open(Frame(isMapping: false, mark: event.mark))
        case .mappingStart: try open(Frame(isMapping: true, mark: event.mark))
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return }
            try attach(frame.node)
        }
    }

    /// The document's root; throws ``YAMLError/empty`` when there is none or it is empty.
    func root() throws(YAMLError) -> YAMLNode {
        guard let document else { throw .empty }
        if let scalar = document.scalar, scalar.isPlain, scalar.text.isEmpty {
            throw .empty
        }
        return document
    }

    private mutating func open(_ frame: Frame) throws(YAMLError) {
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw .nonScalarKey(frame.mark)
        }
        guard stack.count < YAMLReader.maximumDepth else { throw .tooDeep(frame.mark) }
        stack.append(frame)
    }

    /// Adds a finished node to the open collection, or makes it the document's root.
    private mutating func attach(_ node: YAMLNode) throws(YAMLError) {
        let last = stack.count - 1
        guard last >= 0 else {
            document = node
            return
        }
        guard stack[last].isMapping else {
            stack[last].items.append(node)
            return
        }
        guard let key = stack[last].pendingKey else {
            stack[last].pendingKey = try checkedKey(node, in: stack[last])
            return
        }
        stack[last].entries.append(YAMLMapping.Entry(key: key, value: node))
        stack[last].keys.insert(key.text)
        stack[last].pendingKey = nil
    }

    private func checkedKey(_ node: YAMLNode, in frame: Frame) throws(YAMLError) -> YAMLScalar {
        guard let key = node.scalar else { throw .nonScalarKey(node.mark) }
        // Only a plain `<<` is a merge key for YAML readers; a quoted one is a string.
        if key.isPlain && key.text == "<<" { throw .mergeKey(key.mark) }
        guard !frame.keys.contains(key.text) else {
            throw .duplicateKey(key: YAMLError.printableKey(key.text), key.mark)
        }
        return key
    }
}
