/// Replaces every form of every value given (see ``RedactionForms``) with `***` in a
/// stream of bytes fed in chunks of any size.
///
/// Streaming without leaks across chunk boundaries: the last `longest - 1` bytes of the
/// input are held back, since a form could start there and end in the next chunk; only
/// bytes no form can still cover are written. At each position the longest form wins and
/// matching continues after it. ``finish()`` flushes what is held back.
public struct Redactor {
    /// Values shorter than this many bytes are not masked: masking `1` or `true` wherever
    /// it appears would destroy a log. Lines of multi-line values follow the same rule.
    public static let defaultMinimumLength = 6
    /// What a masked form becomes.
    public static let mask = Array("***".utf8)

    private let trie: PatternTrie
    private var pending: [UInt8] = []

    /// A redactor for `values`; values shorter than `minimumLength` are ignored.
    public init(values: [SecretBytes], minimumLength: Int = defaultMinimumLength) {
        var forms: [[UInt8]] = []
        for value in values where value.count >= minimumLength {
            // Limitation: the forms, and so the values, live in ordinary arrays of the
            // trie for the life of the redactor and are not wiped.
            let bytes = value.copyBytes()
            forms += RedactionForms.forms(of: bytes, minimumLength: minimumLength)
        }
        trie = PatternTrie(forms)
    }

    /// The number of bytes held back at most between chunks.
    public var holdBack: Int { max(trie.longest - 1, 0) }

    /// Feeds `chunk`; returns the bytes that are now safe to write.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [UInt8] {
        pending.append(contentsOf: chunk)
        return drain(final: false)
    }

    /// Ends the stream; returns the rest.
    public mutating func finish() -> [UInt8] {
        drain(final: true)
    }

    /// Redacts `bytes` in one go.
    public static func redact(_ bytes: [UInt8], values: [SecretBytes]) -> [UInt8] {
        var redactor = Redactor(values: values)
        return redactor.feed(bytes) + redactor.finish()
    }

    private mutating func drain(final: Bool) -> [UInt8] {
        let decided = final ? pending.count : pending.count - holdBack
        guard decided > 0 else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(decided)
        var index = 0
        pending.withUnsafeBufferPointer { bytes in
            while index < decided {
                let length =
                    trie.isEmpty ? 0 : trie.longestMatch(in: bytes, at: index, end: bytes.count)
                if length > 0 {
                    output += Redactor.mask
                    index += length
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
        }
        pending.removeFirst(index)
        return output
    }
}
