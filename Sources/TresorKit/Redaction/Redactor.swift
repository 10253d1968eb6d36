/// Replaces every form of every value given (see ``RedactionForms``) with `***` in a
/// stream of bytes fed in chunks of any size.
///
/// Streaming without leaks across chunk boundaries: the input is held back from the first
/// position where a form could start and end in the next chunk (its bytes so far spell the
/// start of one), at most `longest - 1` bytes; every byte before it is written at once, so
/// a log line that starts no form is not held up until more output comes (found by a
/// thirty-fifth fresh tester: a command that printed "started" and hung showed nothing
/// for 30 s). At each position the longest form wins and matching continues after it.
/// ``finish()`` flushes what is held back.
///
/// The forms, the bytes held back and each output chunk live in ``WipedArray``s: a log fed
/// in may itself hold a value, and the output holds whatever is too short to mask.
public struct Redactor {
    /// Values shorter than this many bytes are not masked: masking `1` or `true` wherever
    /// it appears would destroy a log. Lines of multi-line values follow the same rule.
    public static let defaultMinimumLength = 6
    /// What a masked form becomes.
    public static let mask = Array("***".utf8)

    private let trie = PatternTrie()
    private let pending = WipedArray<UInt8>()

    /// A redactor for `values`; values shorter than `minimumLength` are ignored.
    public init(values: [SecretBytes], minimumLength: Int = defaultMinimumLength) {
        for value in values where value.count >= minimumLength {
            value.withUnsafeBytes { bytes in
                RedactionForms.insertForms(of: bytes, minimumLength: minimumLength, into: trie)
            }
        }
    }

    /// The number of bytes held back at most between chunks.
    public var holdBack: Int { max(trie.longest - 1, 0) }

    /// Feeds `chunk`; returns the bytes that are now safe to write.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> WipedArray<UInt8> {
        pending.append(contentsOf: chunk)
        return drain(final: false)
    }

    /// Ends the stream; returns the rest.
    public mutating func finish() -> WipedArray<UInt8> {
        drain(final: true)
    }

    /// Redacts `bytes` in one go.
    public static func redact(_ bytes: some Collection<UInt8>, values: [SecretBytes]) -> WipedArray<
        UInt8
    > {
        var redactor = Redactor(values: values)
        let output = redactor.feed(bytes)
        redactor.finish().withUnsafeBytes { output.append(contentsOf: $0) }
        return output
    }

    /// Writes out what no form can still cover: runs of unmatched bytes whole, each match
    /// as the mask; stops (unless `final`) where a form could still end in bytes to come.
    private func drain(final: Bool) -> WipedArray<UInt8> {
        let output = WipedArray<UInt8>(capacity: pending.count)
        var index = 0
        trie.withMatcher { matcher in
            pending.withUnsafeBytes { bytes in
                var run = 0
                while index < bytes.count {
                    let (length, isOpen) =
                        trie.isEmpty
                        ? (0, false) : matcher.longestMatch(in: bytes, at: index, end: bytes.count)
                    if isOpen && !final { break }
                    if length > 0 {
                        output.append(contentsOf: bytes[run..<index])
                        output.append(contentsOf: Redactor.mask)
                        index += length
                        run = index
                    } else {
                        index += 1
                    }
                }
                output.append(contentsOf: bytes[run..<index])
            }
        }
        pending.removeFirst(index)
        return output
    }
}
