import CXML2

/// The namespace checks of the fast check of plain XML (see ``XMLPlainCheck``): the
/// declarations a tag makes, the prefixes it uses, and its attributes' local names.
extension XMLPlainCheck.Pass {
    /// The namespaces of a tag whose name starts at `name`: each declaration valid,
    /// each prefix used declared, no two attributes with the same local name (the
    /// same qualified name, or two prefixes that may be bound to one namespace).
    mutating func namespaces(name: Int, colon: Int, depth: Int) -> Bool {
        for index in 0..<attributeCount {
            let attribute = attributes[index]
            if attribute.colon < 0 {
                if attribute.nameEnd - attribute.name == 5, has("xmlns", at: attribute.name) {
                    guard isNamespaceName(attribute.value, attribute.valueEnd) else {
                        return false
                    }
                }
            } else if attribute.colon - attribute.name == 5, has("xmlns", at: attribute.name) {
                let prefix = attribute.colon + 1
                let length = attribute.nameEnd - prefix
                guard !startsWithXML(prefix, end: attribute.nameEnd),
                    isNamespaceName(attribute.value, attribute.valueEnd)
                else { return false }
                guard prefixCount < XMLPlainCheck.maximumPrefixes else { return false }
                prefixes[prefixCount] = XMLPlainCheck.Prefix(
                    start: prefix, length: length, depth: depth)
                prefixCount += 1
            }
        }
        if attributeCount > 1 {
            for later in 1..<attributeCount {
                for earlier in 0..<later where sameLocalName(earlier, later) {
                    return false
                }
            }
        }
        if colon >= 0, !isDeclared(name, colon) { return false }
        for index in 0..<attributeCount where attributes[index].colon >= 0 {
            let attribute = attributes[index]
            let isDeclaration =
                attribute.colon - attribute.name == 5 && has("xmlns", at: attribute.name)
            if !isDeclaration, !isDeclared(attribute.name, attribute.colon) { return false }
        }
        return true
    }

    /// True when the prefix from `start` to `end` is declared on an open element or
    /// the tag being read; `xml` and `xmlns` never are (the check does not judge them).
    private func isDeclared(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        var index = prefixCount
        while index > 0 {
            index -= 1
            let declared = prefixes[index]
            if declared.length == length, same(declared.start, start, length) { return true }
        }
        return false
    }

    private func sameLocalName(_ first: Int, _ second: Int) -> Bool {
        let one = attributes[first]
        let other = attributes[second]
        let length = one.nameEnd - one.local
        return other.nameEnd - other.local == length && same(one.local, other.local, length)
    }

    /// True when the `length` bytes at `one` and at `other` are the same: names are
    /// short, and a loop is cheaper than a call to `memcmp`.
    @inline(__always)
    func same(_ one: Int, _ other: Int, _ length: Int) -> Bool {
        for offset in 0..<length where base[one + offset] != base[other + offset] {
            return false
        }
        return true
    }

    /// True when the value from `start` to `end` is a namespace name libxml2 takes
    /// without a word: printable ASCII with no reference, not empty, not one of the
    /// two names XML reserves, parsed by libxml2's URI parser (which its parse calls
    /// on each declaration), and with a scheme (a relative one draws its warning).
    private func isNamespaceName(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length > 0, length <= 2_000 else { return false }
        for index in start..<end {
            let byte = base[index]
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "&") else { return false }
        }
        if matches(start..<end, "http://www.w3.org/XML/1998/namespace")
            || matches(start..<end, "http://www.w3.org/2000/xmlns/")
        {
            return false
        }
        // Every process file declares a few of these: libxml2's parse of each took about
        // 2,800 instructions, 1% of `validate`.
        for known in XMLPlainCheck.wellKnownNamespaceNames where matches(start..<end, known) {
            return true
        }
        return XMLPlainCheck.hasScheme(
            Array(UnsafeBufferPointer(start: base + start, count: length)))
    }
}

extension XMLPlainCheck {
    /// True when libxml2's URI parser reads `name` (no NUL in it) as a URI with a scheme.
    static func hasScheme(_ name: [UInt8]) -> Bool {
        XMLWellFormedness.prepareLibXML2()
        var text = name
        text.append(0)
        return text.withUnsafeBufferPointer { terminated in
            terminated.withMemoryRebound(to: CChar.self) { characters in
                guard let uri = xmlParseURI(characters.baseAddress) else { return false }
                defer { xmlFreeURI(uri) }
                return uri.pointee.scheme != nil
            }
        }
    }
}
