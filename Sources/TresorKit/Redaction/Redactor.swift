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

    /// A redactor for `values`, and for `keys` whatever their length; values shorter than
    /// `minimumLength` are ignored. A master key is no `1` or `true` a log holds anyway:
    /// `--min-length 68` let the key through (found by a forty-sixth fresh tester).
    public init(
        values: [SecretBytes], keys: [SecretBytes] = [],
        minimumLength: Int = defaultMinimumLength
    ) {
        for value in values where value.count >= minimumLength {
            value.withUnsafeBytes { bytes in
                RedactionForms.insertForms(of: bytes, minimumLength: minimumLength, into: trie)
            }
        }
        for key in keys {
            key.withUnsafeBytes { bytes in
                RedactionForms.insertForms(
                    of: bytes, minimumLength: Self.defaultMinimumLength, into: trie)
            }
        }
    }

    /// How a value long enough to mask fares in its other forms: `rawUnmasked` when, after
    /// its leading line breaks (whose raw forms are left out), it is shorter than
    /// `minimumLength`, so it is masked only in its escaped and encoded forms; `untrimmed`
    /// when its trimmed form is shorter, so only the form with its white space is;
    /// `shortLines` when a line of a multi-line value is shorter, so that line is not
    /// masked on its own. The command lists such names, which went unmentioned (found by
    /// the forty-seventh and forty-ninth fresh testers).
    public static func shortForms(
        of value: SecretBytes, minimumLength: Int
    ) -> (rawUnmasked: Bool, untrimmed: Bool, shortLines: Bool) {
        value.withUnsafeBytes { bytes in
            let rest = bytes.count - RedactionForms.leadingBreaks(of: bytes)
            let trimmed = RedactionForms.javaTrimmed(bytes).count
            // Blank and white-space lines hold nothing to mask (a fiftieth fresh tester
            // found them named); a padded line is judged by its trimmed text.
            let shortLine =
                bytes.contains(0x0A)
                && bytes.split(separator: 0x0A, omittingEmptySubsequences: true).contains {
                    let trimmed = RedactionForms.javaTrimmed(UnsafeRawBufferPointer(rebasing: $0))
                    return !trimmed.isEmpty && trimmed.count < minimumLength
                }
            return (
                rest < minimumLength, trimmed < minimumLength && trimmed < bytes.count, shortLine
            )
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
    // Limitation: each position is matched from the trie's root (no failure links), so a
    // long self-repeating value and an input of the same repeats take time growing with
    // their product (README, Known limitations).
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
                        // The union of overlapping matches: a value starting inside this
                        // match and ending after it is masked to its end (its tail was
                        // printed: found by a forty-sixth fresh tester).
                        guard let end = Self.unionEnd(matcher, bytes, index, length, final)
                        else { break }
                        output.append(contentsOf: bytes[run..<index])
                        output.append(contentsOf: Redactor.mask)
                        index = end
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

    /// Where the run of matches overlapping the one at `start` (of `length`) ends; nil
    /// when one of them may still end in bytes to come (unless `final`).
    private static func unionEnd(
        _ matcher: PatternTrie.Matcher, _ bytes: UnsafeRawBufferPointer, _ start: Int,
        _ length: Int, _ final: Bool
    ) -> Int? {
        var end = start + length
        var inner = start + 1
        while inner < end {
            let (more, isOpen) = matcher.longestMatch(in: bytes, at: inner, end: bytes.count)
            if isOpen && !final { return nil }
            end = max(end, inner + more)
            inner += 1
        }
        return end
    }
}
