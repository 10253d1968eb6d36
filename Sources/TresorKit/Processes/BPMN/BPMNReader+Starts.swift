/// Where a process file's sites can start, found with `memchr` before any parsing: the
/// full read steps over elements that hold none, and `usage` stops after the last place a
/// placeholder can start and skips files where none can.
extension BPMNReader {
    /// The last offset of `bytes` where a placeholder can start once the file is decoded
    /// (see ``placeholderStarts(_:)``), or nil when none can.
    static func lastPlaceholderStart(_ bytes: [UInt8]) -> Int? { placeholderStarts(bytes).last }

    /// The offsets of `bytes` where a placeholder can start once the file is decoded, in
    /// order. A placeholder opens with two braces, and decoding makes a `{` only from a
    /// `{` byte or a character reference (`&#123;`, `&#x7B;`). Two braces meet only where a
    /// `{` byte is followed by another or by the end of its text or CDATA section (`<`,
    /// `]`), which the walker joins to the next, or where a reference decodes to a brace,
    /// which counts itself. A `{` before any other reference (`{&quot;id&quot;: 1}`, as
    /// Camunda 8's FEEL writes objects) is no start; an ampersand that starts no reference
    /// makes the file malformed, which `usage` does not promise to see (README, Known
    /// limitations).
    static func placeholderStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(64)
        forEach(ASCII.openBrace, in: bytes) { brace in
            guard brace + 1 < bytes.count else { return }
            switch bytes[brace + 1] {
            case ASCII.openBrace, UInt8(ascii: "<"), UInt8(ascii: "]"): starts.append(brace)
            default: break
            }
        }
        let braces = starts.count
        forEach(UInt8(ascii: "&"), in: bytes) { ampersand in
            let reference = XMLEntityDecoder.reference(in: bytes, at: ampersand, limit: bytes.count)
            if reference?.scalar == "{" { starts.append(ampersand) }
        }
        if starts.count > braces { starts.sort() }
        return starts
    }

    /// The offsets of `bytes` where a site of the full read can start, in order: what can
    /// open a placeholder or a near-miss, or spell Camunda's legacy `secrets.` reference.
    /// An element that holds none gives no reference and no finding but an XML one, so
    /// the walk may step over it (``XMLSkippableElements``).
    ///
    /// - A run of `{` and white space counts (once) when what follows it can continue the
    ///   placeholder family once decoded: `s` or `S` (the keyword, in any case), a reference
    ///   that may decode to a brace, white space or the keyword's first letter, or the end
    ///   of its text or CDATA section (`<`, `]`), which the walker joins to the next. A `{`
    ///   before anything else (`{"a": 1}`, `={&quot;id&quot;: x}`, code) opens nothing.
    /// - A reference counts when it decodes to `{` or to a letter of `secrets.`; one that
    ///   decodes to nothing known counts too (the file is then malformed).
    /// - Every `secrets.` written out counts.
    static func siteStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        while let brace = bytes.firstOffset(of: ASCII.openBrace, from: offset) {
            // The braces and white space of a run share what follows them: the run is
            // judged once, so a long run costs no more than its length.
            var next = brace + 1
            while next < bytes.count, bytes[next] == ASCII.openBrace || ASCII.isSpace(bytes[next]) {
                next += 1
            }
            if next < bytes.count, mayContinueFamily(bytes, at: next) { starts.append(brace) }
            offset = next
        }
        forEach(UInt8(ascii: "&"), in: bytes) { ampersand in
            let reference = XMLEntityDecoder.reference(in: bytes, at: ampersand, limit: bytes.count)
            if reference.map({ referenceMayStartSite($0.scalar) }) ?? true {
                starts.append(ampersand)
            }
        }
        let keyword = Array("secrets".utf8)
        forEach(ASCII.dot, in: bytes) { dot in
            if dot >= keyword.count, bytes[(dot - keyword.count)..<dot].elementsEqual(keyword) {
                starts.append(dot - keyword.count)
            }
        }
        starts.sort()
        return starts
    }

    /// True when the byte at `index`, the first after a run of `{` and white space, may
    /// decode to what continues a placeholder or a near-miss (see ``siteStarts(_:)``).
    private static func mayContinueFamily(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "<"), UInt8(ascii: "]"):
            return true
        case UInt8(ascii: "&"):
            guard
                let scalar = XMLEntityDecoder.reference(in: bytes, at: index, limit: bytes.count)?
                    .scalar
            else { return true }
            return scalar == "{" || scalar == "s" || scalar == "S"
                || (scalar.isASCII && ASCII.isSpace(UInt8(scalar.value)))
        default:
            return false
        }
    }

    /// True for the characters a reference may stand for in a site: a brace, or a letter
    /// of `secrets.`.
    private static func referenceMayStartSite(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "{", "s", "e", "c", "r", "t", ".": true
        default: false
        }
    }

    /// Calls `body` with each offset of `byte` in `bytes`, in order, found with `memchr`.
    private static func forEach(_ byte: UInt8, in bytes: [UInt8], _ body: (Int) -> Void) {
        var offset = 0
        while let found = bytes.firstOffset(of: byte, from: offset) {
            body(found)
            offset = found + 1
        }
    }
}
