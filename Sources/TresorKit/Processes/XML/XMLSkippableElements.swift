#if canImport(Glibc)
    import Glibc
#endif

/// Finds the elements of a document that a reader need not walk: those whose bytes hold
/// none of a sorted list of offsets (where a site can start). A light pass over the markup
/// finds where each element starts and ends, at a few instructions a byte, and the BPMN
/// walker then steps over such an element as over an empty one instead of tokenizing its
/// attributes and children, which costs about 100 instructions a byte.
///
/// The pass follows tags, comments, CDATA sections and processing instructions, with
/// quotes inside tags; it checks that each end tag names the element it closes and that no
/// attribute value holds a `<` (a quote left open would otherwise shift every tag after
/// it), and nothing else. On a well-formed document its elements are the tokenizer's.
/// Where it meets what it does not expect (a DOCTYPE, a tag that is not closed, an end tag
/// that names another element, a `<` in a value) it stops, keeping the elements found
/// before: the walker reads the rest and reports the problem.
// Limitation: for `usage`, which runs no second check, a problem inside an element stepped
// over (a bad attribute name, entity or character) goes unseen and the file's references
// are listed; `validate` reports it (README, Known limitations). The full read leaves such
// problems to libxml2, and reads a file libxml2 refuses again in full.
enum XMLSkippableElements {
    /// Elements side by side that a walk steps over at once: from the first one's start
    /// tag to the last one's end tag, with what lies between them (white space, mostly).
    struct Run: Equatable {
        var range: Range<Int>
        /// How many elements: each counts as a child of the element around them.
        var elements: Int
    }

    /// The outermost elements below the root whose bytes, start tag to end tag, hold none
    /// of `kept` (sorted offsets), in document order, siblings with no kept offset between
    /// them joined in one run; an element whose local name is `spared` (`process`, in any
    /// namespace) is never one, though its children may be. With `stoppingAfterLast`, the
    /// pass ends once it is past the last of `kept` and back at the root's children.
    static func find(
        in bytes: [UInt8], keeping kept: [Int], sparing spared: StaticString = "process",
        stoppingAfterLast: Bool = true
    ) -> [Run] {
        guard let end = stoppingAfterLast ? kept.last : Int.max else { return [] }
        return bytes.withUnsafeBufferPointer { buffer in
            classes.withUnsafeBufferPointer { classes in
                guard let base = buffer.baseAddress else { return [] }
                var pass = Pass(
                    base: base, count: buffer.count, classes: classes.baseAddress!, kept: kept,
                    spared: spared)
                pass.run(until: end)
                return pass.runs.skippable
            }
        }
    }

    /// What each byte is to the pass inside a tag: 0 for most, `nameEnd` for those that
    /// end a name (blanks, `/`, `>`, `<`), `tagStop` on top for those a tag's bytes stop at
    /// (`>`, `<`, quotes). One load and one test a byte.
    private static let nameEnd: UInt8 = 1
    private static let tagStop: UInt8 = 2
    private static let classes: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch UInt8(byte) {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"): nameEnd
        case UInt8(ascii: ">"), UInt8(ascii: "<"): nameEnd | tagStop
        case UInt8(ascii: "\""), UInt8(ascii: "'"): tagStop
        default: 0
        }
    }

    private struct Pass {
        let base: UnsafePointer<UInt8>
        let count: Int
        let classes: UnsafePointer<UInt8>
        let spared: StaticString
        var runs: Runs

        init(
            base: UnsafePointer<UInt8>, count: Int, classes: UnsafePointer<UInt8>, kept: [Int],
            spared: StaticString
        ) {
            self.base = base
            self.count = count
            self.classes = classes
            self.runs = Runs(keeping: kept)
            self.spared = spared
        }

        mutating func run(until last: Int) {
            var position = 0
            while position < count, let start = find(UInt8(ascii: "<"), from: position) {
                guard start + 1 < count else { return }
                let end: Int?
                switch base[start + 1] {
                case UInt8(ascii: "!"):
                    if has("<!--", at: start) {
                        end = find("-->", from: start + 4)
                    } else if has("<![CDATA[", at: start) {
                        end = find("]]>", from: start + 9)
                    } else {
                        return  // A DOCTYPE or other declaration: the tokenizer says what.
                    }
                case UInt8(ascii: "?"): end = find("?>", from: start + 2)
                case UInt8(ascii: "/"): end = endTag(at: start)
                default: end = startTag(at: start)
                }
                guard let end else { return }
                position = end
                if position > last, runs.open.count <= 1 { return }
            }
        }

        /// The offset after the start or empty-element tag at `start`; an empty element is
        /// closed at once, a start tag opens one.
        private mutating func startTag(at start: Int) -> Int? {
            let nameEnd = self.nameEnd(from: start + 1)
            guard nameEnd > start + 1 else { return nil }
            var index = nameEnd
            while index < count {
                let byte = base[index]
                if classes[Int(byte)] & XMLSkippableElements.tagStop == 0 {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: ">") {
                    runs.started(
                        at: start, nameEnd: nameEnd, isSpared: isSpared(start + 1..<nameEnd))
                    if base[index - 1] == UInt8(ascii: "/") { runs.ended(at: index + 1) }
                    return index + 1
                }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    // XML allows no `<` in an attribute value: meeting one first, the quote
                    // is not closed where it seems, and the tags after it cannot be told
                    // apart with certainty; the pass ends, and the walker reports it.
                    guard let quote = find(byte, from: index + 1),
                        memchr(base + index + 1, Int32(UInt8(ascii: "<")), quote - index - 1)
                            == nil
                    else { return nil }
                    index = quote + 1
                    continue
                }
                if byte == UInt8(ascii: "<") { return nil }
                index += 1
            }
            return nil
        }

        /// The offset after the end tag at `start`, which must name the innermost open
        /// element.
        private mutating func endTag(at start: Int) -> Int? {
            let nameEnd = self.nameEnd(from: start + 2)
            guard let element = runs.open.last,
                nameEnd - (start + 2) == element.nameEnd - (element.start + 1),
                memcmp(base + start + 2, base + element.start + 1, nameEnd - start - 2) == 0,
                let close = find(UInt8(ascii: ">"), from: nameEnd)
            else { return nil }
            runs.ended(at: close + 1)
            return close + 1
        }

        /// True when the qualified name at `name` has the local name `spared`.
        private func isSpared(_ name: Range<Int>) -> Bool {
            let length = spared.utf8CodeUnitCount
            guard name.count >= length,
                base[name.upperBound - 1] == spared.utf8Start[length - 1],
                memcmp(base + name.upperBound - length, spared.utf8Start, length) == 0
            else { return false }
            return name.count == length || base[name.upperBound - length - 1] == UInt8(ascii: ":")
        }

        /// The end of the name that starts at `offset`: the first blank, `/`, `>` or `<`.
        private func nameEnd(from offset: Int) -> Int {
            var index = offset
            while index < count, classes[Int(base[index])] & XMLSkippableElements.nameEnd == 0 {
                index += 1
            }
            return index
        }

        private func find(_ byte: UInt8, from offset: Int) -> Int? {
            guard offset < count, let found = memchr(base + offset, Int32(byte), count - offset)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        /// The offset after the next `literal` at or after `offset`.
        private func find(_ literal: StaticString, from offset: Int) -> Int? {
            var index = offset
            while let first = find(literal.utf8Start[0], from: index) {
                if has(literal, at: first) { return first + literal.utf8CodeUnitCount }
                index = first + 1
            }
            return nil
        }

        private func has(_ literal: StaticString, at offset: Int) -> Bool {
            let length = literal.utf8CodeUnitCount
            return count - offset >= length && memcmp(base + offset, literal.utf8Start, length) == 0
        }
    }
}
