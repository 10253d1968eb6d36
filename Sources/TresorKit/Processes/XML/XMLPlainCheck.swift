#if canImport(Glibc)
    import Glibc
#endif

/// A fast well-formedness check for the plain XML process files are written in, which
/// `BPMNReader.read` asks before libxml2: where it accepts a document, libxml2 would too,
/// and libxml2's parse (about 45 instructions a byte, a third of `validate`) is not run.
///
/// It accepts a narrow subset of XML 1.0 with namespaces, and only documents it can
/// prove well-formed in one pass at a few instructions a byte: ASCII names with at most
/// one colon, the five predefined entities and character references, comments, CDATA
/// sections, processing instructions, an XML declaration of version 1.0 in UTF-8, every
/// prefix declared (each namespace name parsed by libxml2's own URI parser, as its parse
/// does), no two attributes of one element with the same local name. Anything else (a
/// DOCTYPE, a name beyond ASCII, the `xml` prefix, a file over 8 MB, elements nested
/// over 128 deep, any mistake) it does not judge: it answers nil, and the caller asks
/// libxml2, which says what is wrong and where. So its answer is never a finding, only a
/// shortcut to libxml2's "well-formed", and libxml2's limits (10,000,000-byte values,
/// 256 levels, 50,000-byte names) lie beyond what it accepts.
///
/// It feeds the elements it meets to the runs of skippable elements at the offsets
/// libxml2's parse gives them (a start tag's `<`, the byte after an end tag or `/>`),
/// so the runs are the same; the tests and the process-file fuzz target hold it to
/// both: accepted means libxml2 accepts, with the same runs.
enum XMLPlainCheck {
    /// The largest document it judges: below libxml2's 10,000,000-byte limit on one value.
    static let maximumBytes = 8_000_000
    /// The deepest nesting it judges: below libxml2's 256 levels.
    static let maximumDepth = 128
    /// The longest name it judges: below libxml2's 50,000 bytes.
    static let maximumNameLength = 1_000

    /// The runs of elements of `bytes` that hold none of `kept` (see
    /// ``XMLSkippableElements/Runs``) when `bytes` are plain, well-formed XML; nil when the
    /// check cannot tell, and libxml2 must. `bytes` must be valid UTF-8 (as
    /// ``XMLWellFormedness/mayParseFirst(_:)`` checks).
    static func runs(of bytes: [UInt8], keeping kept: [Int]) -> XMLSkippableElements.Runs? {
        guard !bytes.isEmpty, bytes.count <= maximumBytes else { return nil }
        // A copy with a NUL after the end, which stops every scan (XML forbids it), so the
        // scans need not test for the end at each byte.
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
        defer { copy.deallocate() }
        bytes.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: $0.count) }
        copy[bytes.count] = 0
        return classes.withUnsafeBufferPointer { classes in
            var pass = Pass(
                base: copy, count: bytes.count, classes: classes.baseAddress!,
                runs: XMLSkippableElements.Runs(keeping: kept))
            defer { pass.deallocate() }
            return pass.document() ? pass.runs : nil
        }
    }

    /// Namespace names libxml2's URI parser reads with a scheme, so the check takes them
    /// without asking it: those of BPMN, its diagrams, XML Schema and the engines.
    /// `XMLPlainCheckTests` holds each to `xmlParseURI`.
    static let wellKnownNamespaceNames: [StaticString] = [
        "http://www.omg.org/spec/BPMN/20100524/MODEL",
        "http://www.omg.org/spec/BPMN/20100524/DI",
        "http://www.omg.org/spec/DD/20100524/DC",
        "http://www.omg.org/spec/DD/20100524/DI",
        "http://www.w3.org/2001/XMLSchema-instance",
        "http://www.w3.org/2001/XMLSchema",
        "http://camunda.org/schema/1.0/bpmn",
        "http://camunda.org/schema/zeebe/1.0",
        "http://camunda.org/schema/modeler/1.0",
        "http://flowable.org/bpmn",
        "http://activiti.org/bpmn",
    ]

    /// The most attributes one tag may have, and prefixes be declared at once, in a
    /// document it judges.
    static let maximumAttributes = 64
    static let maximumPrefixes = 64

    /// What each byte is to the pass, as bit flags: one load and one test a byte.
    enum Class {
        /// Stops a run of text: `<`, `&`, `]`, and the suspect bytes.
        static let textStop: UInt8 = 1
        /// Stops an attribute value: `<`, `&`, both quotes, and the suspect bytes.
        static let valueStop: UInt8 = 2
        /// May go on a name: ASCII letters, digits, `.`, `-`, `_`.
        static let nameChar: UInt8 = 4
        /// May start a name: ASCII letters and `_`.
        static let nameStart: UInt8 = 8
        /// XML's white space: space, tab, line feed, carriage return.
        static let space: UInt8 = 16
        /// Needs a closer look: the control characters XML forbids, and 0xEF, which
        /// starts the two non-characters U+FFFE and U+FFFF that valid UTF-8 may hold.
        static let suspect: UInt8 = 32
    }

    private static let classes: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        let isForbiddenControl = byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
        if isForbiddenControl || byte == 0xEF {
            flags |= Class.suspect | Class.textStop | Class.valueStop
        }
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"):
            flags |= Class.textStop | Class.valueStop
        case UInt8(ascii: "]"): flags |= Class.textStop
        case UInt8(ascii: "\""), UInt8(ascii: "'"): flags |= Class.valueStop
        case 0x20, 0x09, 0x0A, 0x0D: flags |= Class.space
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "_"):
            flags |= Class.nameChar | Class.nameStart
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
            flags |= Class.nameChar
        default: break
        }
        return flags
    }

    /// One attribute of the tag being read, as offsets: its name (`colon` is -1 when the
    /// name has no prefix) and its value between the quotes.
    struct Attribute {
        var name: Int
        var colon: Int
        var nameEnd: Int
        var value: Int
        var valueEnd: Int

        /// Where the local name starts.
        var local: Int { colon < 0 ? name : colon + 1 }
    }

    /// A prefix an open element declares: where it lies, and how deep that element is.
    struct Prefix {
        var start: Int
        var length: Int
        var depth: Int
    }

    /// One pass over a document. `base[count]` must be readable and NUL. Its namespace
    /// checks are in XMLPlainCheck+Namespaces.swift, its names, values and references in
    /// XMLPlainCheck+Lexical.swift.
    struct Pass {
        let base: UnsafePointer<UInt8>
        let count: Int
        let classes: UnsafePointer<UInt8>
        var runs: XMLSkippableElements.Runs
        var position = 0
        /// The prefixes the open elements declare, innermost last: fixed room, no
        /// reference counting per tag.
        let prefixes = UnsafeMutablePointer<Prefix>.allocate(capacity: maximumPrefixes)
        var prefixCount = 0
        /// The attributes of the tag being read.
        let attributes = UnsafeMutablePointer<Attribute>.allocate(capacity: maximumAttributes)
        var attributeCount = 0

        init(
            base: UnsafePointer<UInt8>, count: Int, classes: UnsafePointer<UInt8>,
            runs: XMLSkippableElements.Runs
        ) {
            self.base = base
            self.count = count
            self.classes = classes
            self.runs = runs
        }

        func deallocate() {
            prefixes.deallocate()
            attributes.deallocate()
        }

        /// The whole document: a byte order mark, an XML declaration, comments, processing
        /// instructions and white space around one root element, and nothing else.
        mutating func document() -> Bool {
            // A byte order mark (U+FEFF in UTF-8) may come first.
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
            if has("<?xml", at: position), !xmlDeclaration() { return false }
            guard misc(), position + 1 < count, base[position] == UInt8(ascii: "<"),
                startTag()
            else { return false }
            while !runs.open.isEmpty {
                guard text(), position + 1 < count else { return false }
                let read: Bool
                switch base[position + 1] {
                case UInt8(ascii: "/"): read = endTag()
                case UInt8(ascii: "?"): read = processingInstruction()
                case UInt8(ascii: "!"):
                    if has("<!--", at: position) {
                        read = comment()
                    } else if has("<![CDATA[", at: position) {
                        read = cdataSection()
                    } else {
                        read = false
                    }
                default: read = startTag()
                }
                guard read else { return false }
            }
            return misc() && position == count
        }

        /// `<?xml version="1.0"`, then optionally `encoding="UTF-8"` (in any case) and
        /// `standalone="yes"` or `"no"`, then `?>`.
        private mutating func xmlDeclaration() -> Bool {
            position += 5
            guard skipSpaces(), literal("version"), equals(), let version = quoted(),
                matches(version, "1.0")
            else { return false }
            var spaced = skipSpaces()
            if spaced, literal("encoding") {
                guard equals(), let encoding = quoted(), matches(encoding, "utf-8", anyCase: true)
                else { return false }
                spaced = skipSpaces()
            }
            if spaced, literal("standalone") {
                guard equals(), let value = quoted(), matches(value, "yes") || matches(value, "no")
                else { return false }
                skipSpaces()
            }
            return literal("?>")
        }

        /// White space, comments and processing instructions, before or after the root.
        private mutating func misc() -> Bool {
            while true {
                skipSpaces()
                if has("<!--", at: position) {
                    guard comment() else { return false }
                } else if has("<?", at: position) {
                    guard processingInstruction() else { return false }
                } else {
                    return true
                }
            }
        }

        /// Text up to the next `<`: every reference one of XML's own, no `]]>`, no
        /// forbidden character. False when the document ends first.
        private mutating func text() -> Bool {
            var index = position
            while true {
                let byte = base[index]
                if classes[Int(byte)] & Class.textStop == 0 {
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "<"):
                    position = index
                    return true
                case UInt8(ascii: "&"):
                    guard let next = reference(at: index) else { return false }
                    index = next
                case UInt8(ascii: "]"):
                    if has("]]>", at: index) { return false }
                    index += 1
                default:
                    // The NUL after the end stops here too.
                    guard index < count, isAllowed(at: index) else { return false }
                    index += 1
                }
            }
        }

        /// A start tag or empty-element tag at `position`: its name, its attributes with
        /// white space before each, its namespaces. It opens an element in the runs (and
        /// closes it at once when empty).
        private mutating func startTag() -> Bool {
            let start = position
            guard let (nameEnd, colon) = qualifiedName(at: start + 1) else { return false }
            attributeCount = 0
            var index = nameEnd
            var isEmpty = false
            while true {
                let spaced = skipSpaces(&index)
                guard index < count else { return false }
                let byte = base[index]
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "/") {
                    guard index + 1 < count, base[index + 1] == UInt8(ascii: ">") else {
                        return false
                    }
                    index += 2
                    isEmpty = true
                    break
                }
                guard spaced, let (attributeEnd, attributeColon) = qualifiedName(at: index)
                else { return false }
                var cursor = attributeEnd
                skipSpaces(&cursor)
                guard cursor < count, base[cursor] == UInt8(ascii: "=") else { return false }
                cursor += 1
                skipSpaces(&cursor)
                guard cursor < count else { return false }
                let quote = base[cursor]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                    let valueEnd = attributeValue(from: cursor + 1, quote: quote)
                else { return false }
                guard attributeCount < maximumAttributes else { return false }
                attributes[attributeCount] = Attribute(
                    name: index, colon: attributeColon, nameEnd: attributeEnd,
                    value: cursor + 1, valueEnd: valueEnd)
                attributeCount += 1
                index = valueEnd + 1
            }
            let depth = runs.open.count + 1
            guard depth <= maximumDepth, namespaces(name: start + 1, colon: colon, depth: depth)
            else { return false }
            runs.started(
                at: start, nameEnd: nameEnd,
                isSpared: isProcess(from: colon < 0 ? start + 1 : colon + 1, to: nameEnd))
            position = index
            if isEmpty { close(at: index) }
            return true
        }

        /// An end tag at `position`, which must name the innermost open element.
        private mutating func endTag() -> Bool {
            guard let element = runs.open.last else { return false }
            let name = element.start + 1
            let length = element.nameEnd - name
            var index = position + 2
            guard count - index > length, memcmp(base + index, base + name, length) == 0 else {
                return false
            }
            index += length
            skipSpaces(&index)
            guard index < count, base[index] == UInt8(ascii: ">") else { return false }
            position = index + 1
            close(at: position)
            return true
        }

        /// The innermost open element ends just before `end`: its prefixes go out of scope.
        private mutating func close(at end: Int) {
            runs.ended(at: end)
            while prefixCount > 0, prefixes[prefixCount - 1].depth > runs.open.count {
                prefixCount -= 1
            }
        }

        /// A comment at `position`: no `--` inside, no forbidden character.
        private mutating func comment() -> Bool {
            guard let dashes = find("--", from: position + 4), has("-->", at: dashes) else {
                return false
            }
            position = dashes + 3
            return true
        }

        /// A CDATA section at `position`, up to its `]]>`.
        private mutating func cdataSection() -> Bool {
            guard let end = find("]]>", from: position + 9) else { return false }
            position = end + 3
            return true
        }

        /// A processing instruction at `position`: an ASCII target without a colon that
        /// does not start with `xml` in any case, then `?>` or white space, data, `?>`.
        private mutating func processingInstruction() -> Bool {
            let target = position + 2
            guard target < count, classes[Int(base[target])] & Class.nameStart != 0 else {
                return false
            }
            var index = target + 1
            while classes[Int(base[index])] & Class.nameChar != 0 { index += 1 }
            guard index - target <= maximumNameLength, !startsWithXML(target, end: index)
            else { return false }
            if !has("?>", at: index) {
                guard classes[Int(base[index])] & Class.space != 0 else { return false }
            }
            guard let end = find("?>", from: index) else { return false }
            position = end + 2
            return true
        }

        /// Where the next `terminator` starts at or after `start`, every byte before it a
        /// character XML allows; nil when there is none.
        private func find(_ terminator: StaticString, from start: Int) -> Int? {
            let first = terminator.utf8Start[0]
            var index = start
            while index < count {
                if base[index] == first, has(terminator, at: index) { return index }
                guard isAllowed(at: index) else { return nil }
                index += 1
            }
            return nil
        }
    }
}
