/// An element or attribute name with its prefix resolved: namespace URI and local name.
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
    /// The element's expanded name.
    public let name: XMLExpandedName
    /// The expanded name of each attribute, in the order of `tag.attributes`.
    public let attributeNames: [XMLExpandedName]
}

/// The namespace declarations in scope while walking a document, innermost last.
///
/// Kept as a stack of URIs per prefix plus the prefixes each open element declared, so
/// entering, leaving and resolving cost only the element's own names, whatever the depth.
public struct XMLNamespaceScope: Sendable {
    static let xmlURI = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsURI = "http://www.w3.org/2000/xmlns/"

    private var bindings: [String?: [String]] = ["xml": [xmlURI]]
    private var declared: [[String?]] = []

    /// An empty scope (only the predefined `xml` prefix).
    public init() {}

    /// Opens `tag`'s scope and resolves its names; call `leave()` at its end (also for an
    /// empty-element tag, right after).
    public mutating func enter(
        _ tag: XMLTag, in file: [UInt8]
    ) throws(XMLSyntaxError) -> XMLResolvedTag {
        declared.append([])
        for attribute in tag.attributes {
            try declare(attribute, in: file)
        }
        let name = try resolve(tag.name, isAttribute: false)
        var attributeNames: [XMLExpandedName] = []
        var seen = SeenNames<XMLExpandedName>()
        for attribute in tag.attributes {
            let expanded = try resolve(attribute.name, isAttribute: true)
            guard seen.insert(expanded) else {
                let offset = attribute.name.span.lowerBound
                throw XMLSyntaxError("attribute \(attribute.name) appears twice", at: offset)
            }
            attributeNames.append(expanded)
        }
        return XMLResolvedTag(tag: tag, name: name, attributeNames: attributeNames)
    }

    /// Closes the innermost element's scope.
    public mutating func leave() {
        guard let prefixes = declared.popLast() else { return }
        for prefix in prefixes { bindings[prefix]?.removeLast() }
    }

    private mutating func declare(_ attribute: XMLAttribute, in file: [UInt8])
        throws(XMLSyntaxError)
    {
        let name = attribute.name
        let isDefault = name.prefix == nil && name.local == "xmlns"
        guard isDefault || name.prefix == "xmlns" else { return }
        let uri = attribute.value(in: file).string
        let offset = name.span.lowerBound
        if !isDefault {
            guard name.local != "xmlns" else {
                throw XMLSyntaxError("prefix xmlns cannot be declared", at: offset)
            }
            guard !uri.isEmpty else {
                throw XMLSyntaxError("prefix \(name.local) is bound to an empty URI", at: offset)
            }
            guard (name.local == "xml") == (uri == Self.xmlURI) else {
                throw XMLSyntaxError("prefix \(name.local) is reserved", at: offset)
            }
        }
        let prefix: String? = isDefault ? nil : name.local
        bindings[prefix, default: []].append(uri)
        declared[declared.count - 1].append(prefix)
    }

    private func resolve(_ name: XMLName, isAttribute: Bool) throws(XMLSyntaxError)
        -> XMLExpandedName
    {
        if isAttribute, name.prefix == nil && name.local == "xmlns" || name.prefix == "xmlns" {
            return XMLExpandedName(uri: Self.xmlnsURI, local: name.local)
        }
        // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
        if isAttribute, name.prefix == nil { return XMLExpandedName(uri: nil, local: name.local) }
        guard let uri = bindings[name.prefix]?.last else {
            if name.prefix == nil { return XMLExpandedName(uri: nil, local: name.local) }
            let offset = name.span.lowerBound
            throw XMLSyntaxError(
                "namespace prefix \(name.prefix ?? "") is not declared", at: offset)
        }
        return XMLExpandedName(uri: uri.isEmpty ? nil : uri, local: name.local)
    }
}
