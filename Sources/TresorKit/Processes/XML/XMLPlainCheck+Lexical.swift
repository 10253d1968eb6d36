#if canImport(Glibc)
    import Glibc
#endif

/// The small readers of the fast check of plain XML (see ``XMLPlainCheck``): names,
/// attribute values, references, the characters XML allows, and literal text.
extension XMLPlainCheck.Pass {
    /// The end of the qualified name at `start` and its colon (-1 for none): an ASCII
    /// name, or two joined by one colon; nil when there is none there, it is too long,
    /// or a byte beyond ASCII follows (a name may go on in it).
    func qualifiedName(at start: Int) -> (end: Int, colon: Int)? {
        guard start < count, classes[Int(base[start])] & XMLPlainCheck.Class.nameStart != 0 else {
            return nil
        }
        var index = start + 1
        var colon = -1
        while true {
            while classes[Int(base[index])] & XMLPlainCheck.Class.nameChar != 0 { index += 1 }
            guard base[index] == UInt8(ascii: ":"), colon < 0,
                classes[Int(base[index + 1])] & XMLPlainCheck.Class.nameStart != 0
            else { break }
            colon = index
            index += 2
        }
        guard index - start <= XMLPlainCheck.maximumNameLength, index < count, base[index] < 0x80
        else {
            return nil
        }
        return (index, colon)
    }

    /// The offset of the quote that ends the attribute value starting at `start`:
    /// no `<`, every reference one of XML's own, no forbidden character.
    func attributeValue(from start: Int, quote: UInt8) -> Int? {
        var index = start
        while true {
            let byte = base[index]
            if classes[Int(byte)] & XMLPlainCheck.Class.valueStop == 0 {
                index += 1
                continue
            }
            switch byte {
            case quote: return index
            case UInt8(ascii: "\""), UInt8(ascii: "'"): index += 1
            case UInt8(ascii: "&"):
                guard let next = reference(at: index) else { return nil }
                index = next
            case UInt8(ascii: "<"): return nil
            default:
                guard index < count, isAllowed(at: index) else { return nil }
                index += 1
            }
        }
    }

    /// The offset after the reference at `start` (its `&`): one of the five
    /// predefined entities, or a character reference to a character XML allows.
    func reference(at start: Int) -> Int? {
        guard start + 1 < count else { return nil }
        switch base[start + 1] {
        case UInt8(ascii: "#"): break
        case UInt8(ascii: "a"):
            return after("amp;", at: start + 1) ?? after("apos;", at: start + 1)
        case UInt8(ascii: "l"): return after("lt;", at: start + 1)
        case UInt8(ascii: "g"): return after("gt;", at: start + 1)
        case UInt8(ascii: "q"): return after("quot;", at: start + 1)
        default: return nil
        }
        var index = start + 2
        let isHex = index < count && base[index] == UInt8(ascii: "x")
        if isHex { index += 1 }
        var value = 0
        var digits = 0
        while index < count, digits <= 7, let digit = digit(base[index], hex: isHex) {
            value = value * (isHex ? 16 : 10) + digit
            digits += 1
            index += 1
        }
        guard digits > 0, digits <= 7, index < count, base[index] == UInt8(ascii: ";"),
            isCharacter(value)
        else { return nil }
        return index + 1
    }

    private func digit(_ byte: UInt8, hex: Bool) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// XML 1.0's `Char`.
    private func isCharacter(_ value: Int) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// False for a byte that starts a character XML forbids: a control character
    /// other than tab, line feed and carriage return, or U+FFFE or U+FFFF.
    @inline(__always)
    func isAllowed(at index: Int) -> Bool {
        let byte = base[index]
        guard classes[Int(byte)] & XMLPlainCheck.Class.suspect != 0 else { return true }
        guard byte == 0xEF else { return false }
        return !(index + 2 < count && base[index + 1] == 0xBF && base[index + 2] >= 0xBE)
    }

    /// True when the local name from `start` to `end` is `process`.
    func isProcess(from start: Int, to end: Int) -> Bool {
        end - start == 7 && has("process", at: start)
    }

    /// True when the three bytes at `start` (before `end`) spell `xml` in any case.
    func startsWithXML(_ start: Int, end: Int) -> Bool {
        guard end - start >= 3, start + 3 <= count else { return false }
        return base[start] | 0x20 == UInt8(ascii: "x")
            && base[start + 1] | 0x20 == UInt8(ascii: "m")
            && base[start + 2] | 0x20 == UInt8(ascii: "l")
    }

    @discardableResult
    mutating func skipSpaces() -> Bool { skipSpaces(&position) }

    /// Moves `index` past white space; true when there was some.
    @discardableResult
    func skipSpaces(_ index: inout Int) -> Bool {
        let start = index
        while classes[Int(base[index])] & XMLPlainCheck.Class.space != 0 { index += 1 }
        return index > start
    }

    /// Moves past `text` when it comes next.
    mutating func literal(_ text: StaticString) -> Bool {
        guard has(text, at: position) else { return false }
        position += text.utf8CodeUnitCount
        return true
    }

    /// `=` with optional white space around it.
    mutating func equals() -> Bool {
        skipSpaces()
        guard literal("=") else { return false }
        skipSpaces()
        return true
    }

    /// A quoted value of the XML declaration: what lies between its quotes, ASCII
    /// letters, digits, `.`, `-` and `_` only (as its values are written).
    mutating func quoted() -> Range<Int>? {
        guard position < count else { return nil }
        let quote = base[position]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        var index = position + 1
        while index < count, base[index] != quote {
            guard classes[Int(base[index])] & XMLPlainCheck.Class.nameChar != 0 else { return nil }
            index += 1
        }
        guard index < count else { return nil }
        defer { position = index + 1 }
        return position + 1..<index
    }

    func matches(_ range: Range<Int>, _ text: StaticString, anyCase: Bool = false)
        -> Bool
    {
        guard range.count == text.utf8CodeUnitCount else { return false }
        for (offset, index) in range.enumerated() {
            let byte = base[index]
            let expected = text.utf8Start[offset]
            // Case is folded for letters only: `| 0x20` also turns a carriage return
            // into `-` (found by a fresh tester).
            let isLetter = expected >= UInt8(ascii: "a") && expected <= UInt8(ascii: "z")
            guard byte == expected || (anyCase && isLetter && byte | 0x20 == expected) else {
                return false
            }
        }
        return true
    }

    func has(_ text: StaticString, at offset: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        return offset >= 0 && count - offset >= length
            && memcmp(base + offset, text.utf8Start, length) == 0
    }

    /// The offset after `text` when it comes at `offset`.
    func after(_ text: StaticString, at offset: Int) -> Int? {
        has(text, at: offset) ? offset + text.utf8CodeUnitCount : nil
    }
}
