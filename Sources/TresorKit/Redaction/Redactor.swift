/// Replaces every form of every value given (see ``RedactionForms``) with `***` in a
/// stream of bytes fed in chunks of any size.
///
/// Streaming without leaks across chunk boundaries: the last `longest - 1` bytes of the
/// input are held back, since a form could start there and end in the next chunk; only
/// bytes no form can still cover are written. At each position the longest form wins and
/// matching continues after it. ``finish()`` flushes what is held back.
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
    /// as the mask.
    private func drain(final: Bool) -> WipedArray<UInt8> {
        let decided = final ? pending.count : pending.count - holdBack
        let output = WipedArray<UInt8>(capacity: max(decided, 0))
        guard decided > 0 else { return output }
        var index = 0
        trie.withMatcher { matcher in
            pending.withUnsafeBytes { bytes in
                var run = 0
                while index < decided {
                    let length =
                        trie.isEmpty
                        ? 0 : matcher.longestMatch(in: bytes, at: index, end: bytes.count)
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
