/// The namespace declarations in scope while walking a document, and resolving names
/// against them.
///
/// Names stay byte spans: a prefix is looked up by comparing its bytes with the prefixes
/// declared (innermost first; a document declares a handful), and each namespace URI is
/// kept once, so resolving a name makes no string. Entering and leaving cost only the
/// element's own attributes, whatever the depth.
public struct XMLNamespaceScope: Sendable {
    static let xmlURI = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsURI = "http://www.w3.org/2000/xmlns/"

    /// Every namespace URI declared so far, each once; a namespace's ``XMLNamespaceID`` is
    /// its index here. The first two are the predefined `xml` and `xmlns` namespaces.
    public private(set) var uris: [String] = [xmlURI, xmlnsURI]
    /// The index of each URI in ``uris``, once there are many: a document declares a
    /// handful, which are looked through one by one (hashing each, and growing a new
    /// dictionary for every file, was a hundredth of a scan).
    private var ids: [String: Int]?
    /// Declarations in scope, innermost last.
    private var bindings: [Binding] = []
    /// How many bindings each open element added.
    private var declared: [Int] = []
    /// The last tag's attribute names, kept for the next tag to fill (see `enter`).
    private var spare: [XMLResolvedName] = []

    /// One `xmlns` or `xmlns:prefix` attribute in scope.
    private struct Binding: Sendable {
        /// Where the prefix is in the file; nil for the default namespace.
        var prefix: Range<Int>?
        /// The namespace bound; nil for `xmlns=""`, which puts names in no namespace.
        var namespace: XMLNamespaceID?
    }

    /// An empty scope (only the predefined `xml` prefix).
    public init() {}

    /// Opens `tag`'s scope and resolves its names; call `leave()` at its end (also for an
    /// empty-element tag, right after).
    public mutating func enter(
        _ tag: XMLTag, in file: [UInt8]
    ) throws(XMLSyntaxError) -> XMLResolvedTag {
        declared.append(0)
        for attribute in tag.attributes {
            try declare(attribute, in: file)
        }
        let name = try resolve(tag.name, isAttribute: false, in: file)
        // The array of the tag before is reused when nothing holds it any more: most tags
        // have attributes, and a new array for each was a tenth of a scan's allocations.
        var attributeNames = spare
        spare = []
        attributeNames.removeAll(keepingCapacity: true)
        for attribute in tag.attributes {
            attributeNames.append(try resolve(attribute.name, isAttribute: true, in: file))
        }
        try refuseRepeated(attributeNames, of: tag, in: file)
        spare = attributeNames
        return XMLResolvedTag(tag: tag, name: name, attributeNames: attributeNames)
    }

    /// Closes the innermost element's scope.
    public mutating func leave() {
        guard let count = declared.popLast() else { return }
        bindings.removeLast(count)
    }

    /// The URI of `namespace`.
    public func uri(of namespace: XMLNamespaceID) -> String { uris[namespace.index] }

    /// `name` with its namespace URI and local name as strings, for messages and tests.
    public func expanded(_ name: XMLResolvedName, in file: [UInt8]) -> XMLExpandedName {
        XMLExpandedName(
            uri: name.namespace.map { uri(of: $0) }, local: XMLBytes.string(name.local, in: file))
    }

    private mutating func declare(_ attribute: XMLAttribute, in file: [UInt8])
        throws(XMLSyntaxError)
    {
        let name = attribute.name
        let isDefault = XMLBytes.equal(name.span, "xmlns", in: file)
        guard isDefault || name.prefixSpan.map({ XMLBytes.equal($0, "xmlns", in: file) }) == true
        else { return }
        let uri = attribute.value(in: file).string
        let offset = name.span.lowerBound
        if !isDefault {
            let local = name.local(in: file)
            guard local != "xmlns" else {
                throw XMLSyntaxError("prefix xmlns cannot be declared", at: offset)
            }
            guard !uri.isEmpty else {
                throw XMLSyntaxError("prefix \(local) is bound to an empty URI", at: offset)
            }
            guard (local == "xml") == (uri == Self.xmlURI) else {
                throw XMLSyntaxError("prefix \(local) is reserved", at: offset)
            }
        }
        bindings.append(
            Binding(prefix: isDefault ? nil : name.localSpan, namespace: intern(uri)))
        declared[declared.count - 1] += 1
    }

    /// The namespace of `uri`, added to ``uris`` when new; nil for the empty URI.
    private mutating func intern(_ uri: String) -> XMLNamespaceID? {
        guard !uri.isEmpty else { return nil }
        if ids == nil, uris.count > 16 {
            ids = Dictionary(uniqueKeysWithValues: uris.enumerated().map { ($1, $0) })
        }
        // Compared as `String`s, canonically, in both ways: what a dictionary did.
        if let index = ids?[uri] ?? (ids == nil ? uris.firstIndex(of: uri) : nil) {
            return XMLNamespaceID(index: index)
        }
        ids?[uri] = uris.count
        uris.append(uri)
        return XMLNamespaceID(index: uris.count - 1)
    }

    private func resolve(
        _ name: XMLName, isAttribute: Bool, in file: [UInt8]
    ) throws(XMLSyntaxError) -> XMLResolvedName {
        let local = name.localSpan
        guard let prefix = name.prefixSpan else {
            // Unprefixed attributes are in no namespace (`xmlns` itself aside); unprefixed
            // elements in the default one.
            if isAttribute {
                let isDeclaration = XMLBytes.equal(local, "xmlns", in: file)
                return XMLResolvedName(namespace: isDeclaration ? .xmlns : nil, local: local)
            }
            let binding = bindings.last { $0.prefix == nil }
            return XMLResolvedName(namespace: binding?.namespace, local: local)
        }
        if isAttribute, XMLBytes.equal(prefix, "xmlns", in: file) {
            return XMLResolvedName(namespace: .xmlns, local: local)
        }
        for binding in bindings.reversed() {
            guard let bound = binding.prefix, XMLBytes.equal(bound, prefix, in: file) else {
                continue
            }
            return XMLResolvedName(namespace: binding.namespace, local: local)
        }
        if XMLBytes.equal(prefix, "xml", in: file) {
            return XMLResolvedName(namespace: .xml, local: local)
        }
        let text = XMLBytes.string(prefix, in: file)
        throw XMLSyntaxError(
            "namespace prefix \(text) is not declared", at: name.span.lowerBound)
    }

    /// Refuses two attributes of one tag with the same namespace and local name under
    /// different prefixes (the tokenizer has refused the same name written twice).
    private func refuseRepeated(
        _ names: [XMLResolvedName], of tag: XMLTag, in file: [UInt8]
    ) throws(XMLSyntaxError) {
        // Most tags have at most one namespaced attribute: count before collecting.
        var count = 0
        for name in names where name.namespace != nil { count += 1 }
        guard count > 1 else { return }
        let namespaced = names.indices.filter { names[$0].namespace != nil }
        func repeated(_ index: Int) -> XMLSyntaxError {
            let name = tag.attributes[index].name
            return XMLSyntaxError(
                "attribute \(name.qualified(in: file)) appears twice", at: name.span.lowerBound)
        }
        if namespaced.count <= 16 {
            for (position, later) in namespaced.enumerated().dropFirst() {
                for earlier in namespaced[..<position]
                where names[earlier].namespace == names[later].namespace
                    && XMLBytes.equal(names[earlier].local, names[later].local, in: file)
                {
                    throw repeated(later)
                }
            }
            return
        }
        var seen = Set<XMLExpandedName>()
        for index in namespaced where !seen.insert(expanded(names[index], in: file)).inserted {
            throw repeated(index)
        }
    }
}

/// A namespace a scope has seen: an index into ``XMLNamespaceScope/uris``.
public struct XMLNamespaceID: Sendable, Hashable {
    public let index: Int

    static let xml = XMLNamespaceID(index: 0)
    static let xmlns = XMLNamespaceID(index: 1)
}

/// An element or attribute name with its prefix resolved: its namespace, and where its
/// local name is in the file.
public struct XMLResolvedName: Sendable, Hashable {
    /// The namespace, or nil for a name in no namespace.
    public let namespace: XMLNamespaceID?
    /// Where the local name is.
    public let local: Range<Int>
}

/// An element or attribute name with its namespace URI and local name as strings.
public struct XMLExpandedName: Sendable, Hashable, CustomStringConvertible {
    /// The namespace URI, or nil for a name in no namespace.
    public let uri: String?
    /// The local name.
    public let local: String

    /// A name in namespace `uri`.
    public init(uri: String?, local: String) {
        self.uri = uri
        self.local = local
    }

    /// Clark notation, `{uri}local`, for messages and tests.
    public var description: String { uri.map { "{\($0)}\(local)" } ?? local }
}

/// A start tag with its element and attribute names resolved.
public struct XMLResolvedTag: Sendable {
    /// The tag as written.
    public let tag: XMLTag
    /// The element's resolved name.
    public let name: XMLResolvedName
    /// The resolved name of each attribute, in the order of `tag.attributes`.
    public let attributeNames: [XMLResolvedName]
}
