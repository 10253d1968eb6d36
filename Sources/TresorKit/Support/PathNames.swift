#if canImport(Glibc)
    import Glibc
#endif

/// Paths as the kernel reads them: bytes, with the byte `/` between names.
///
/// Swift takes `String`s apart and compares them by character: a `/` followed by a
/// combining mark (U+0301) or a zero-width joiner is one character that is not `/`, a name
/// `.` followed by a combining mark does not start with `.`, and the composed and the
/// decomposed spelling of `ü` are equal strings, while to Linux they are two names. So
/// paths are split, joined to prefixes and compared here, byte by byte, and never with
/// `split(separator: "/")`, `hasPrefix`, `lastIndex(of: "/")` or `==`.
extension StringProtocol {
    /// The names between `/` bytes; empty ones (doubled, leading or trailing slashes) are
    /// left out.
    public var pathNames: [SubSequence] {
        var names: [SubSequence] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if start != index { names.append(self[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { names.append(self[start..<utf8.endIndex]) }
        return names
    }

    /// The text after the last `/` byte: the whole path when it has none.
    public var lastPathName: SubSequence {
        guard let slash = lastSlash else { return self[...] }
        return self[utf8.index(after: slash)...]
    }

    /// The text before the last `/` byte: `/` for a name at the root, nil when there is no
    /// `/`.
    public var pathParent: SubSequence? {
        guard let slash = lastSlash else { return nil }
        guard slash != utf8.startIndex else { return self[..<utf8.index(after: slash)] }
        return self[..<slash]
    }

    /// True when the first byte is `/`.
    public var isAbsolutePath: Bool { utf8.first == UInt8(ascii: "/") }

    /// True for a name that starts with the byte `.` (a hidden file or folder).
    public var isHiddenName: Bool { utf8.first == UInt8(ascii: ".") }

    /// True when the last bytes are those of `suffix` (an extension: `.yaml`, `.json`),
    /// ASCII letters in either case with `ignoringASCIICase`.
    public func hasSuffixBytes(
        _ suffix: some StringProtocol, ignoringASCIICase: Bool = false
    ) -> Bool {
        let count = utf8.count
        let length = suffix.utf8.count
        guard count >= length else { return false }
        func lower(_ byte: UInt8) -> UInt8 {
            ignoringASCIICase && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                ? byte | 0x20 : byte
        }
        return utf8.dropFirst(count - length).elementsEqual(suffix.utf8) {
            lower($0) == lower($1)
        }
    }

    /// `self` without its last `count` bytes, which must not split a character's bytes.
    public func droppingLastBytes(_ count: Int) -> SubSequence {
        self[..<utf8.index(utf8.startIndex, offsetBy: utf8.count - count)]
    }

    /// Where the last `/` byte is.
    private var lastSlash: UTF8View.Index? {
        var found: UTF8View.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") { found = index }
            index = utf8.index(after: index)
        }
        return found
    }

    /// True when `self` and `other` are the same bytes: compared with `memcmp` where both
    /// lie in one piece (a native string does), byte by byte otherwise. Checks that compare
    /// ids per reference ask this often, and an element-wise compare took 300 instructions.
    public func isSamePath(as other: some StringProtocol) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count == theirs.count
                    && (mine.isEmpty
                        || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0)
            }
        }
        if let compared, let same = compared { return same }
        return utf8.elementsEqual(other.utf8)
    }

    /// True when `self` lies strictly inside `folder`: it starts with the bytes of `folder`
    /// and a `/` after them (any absolute path but `/` itself lies inside `/`).
    public func isPath(inside folder: some StringProtocol) -> Bool {
        relativePath(in: folder) != nil
    }

    /// The part of `self` after `folder` and the `/` that follows it (empty for `folder/`);
    /// nil unless `self` lies strictly inside `folder`.
    public func relativePath(in folder: some StringProtocol) -> SubSequence? {
        if folder.isSamePath(as: "/") {
            guard isAbsolutePath, utf8.count > 1 else { return nil }
            return self[utf8.index(after: utf8.startIndex)...]
        }
        var index = utf8.startIndex
        for byte in folder.utf8 {
            guard index != utf8.endIndex, utf8[index] == byte else { return nil }
            index = utf8.index(after: index)
        }
        guard index != utf8.endIndex, utf8[index] == UInt8(ascii: "/") else { return nil }
        return self[utf8.index(after: index)...]
    }
}
