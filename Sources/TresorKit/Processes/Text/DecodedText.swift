/// Text decoded from a file's syntax (XML entities, line ends, JSON escapes), with the way
/// back from each decoded byte to the file bytes it came from.
///
/// The map is a list of segments rather than one offset per byte: a verbatim run of the file
/// costs one segment however long it is, and each entity or escape costs one. That keeps a
/// large payload cheap and still lets the renderer replace exactly the bytes a placeholder
/// was written with, entities included.
public struct DecodedText: Sendable, Hashable {
    /// One run of decoded bytes and the file bytes it came from.
    struct Segment: Sendable, Hashable {
        /// Where the run starts in `bytes`.
        var decodedStart: Int
        /// The file bytes of the run.
        var source: Range<Int>
        /// True when the run is a copy of its source (offsets map one to one); false when
        /// an entity or escape produced it (every byte maps to the whole source).
        var isVerbatim: Bool
    }

    /// The decoded bytes.
    public private(set) var bytes: [UInt8] = []
    /// The segments in order: the first apart, so that text of one segment (most text is
    /// copied as it is) costs no array for its map. `rest` is empty while `first` is nil.
    private var first: Segment?
    private var rest: [Segment] = []

    /// An empty text, to be filled with `appendVerbatim` and `appendReplacement`.
    public init() {}

    /// An empty text with room for `capacity` decoded bytes (decoding never makes text
    /// longer than its source), so filling it allocates once.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// A text that is a verbatim copy of `source` in `file`: one allocation, for the bytes
    /// (the single segment is kept apart).
    public init(verbatim source: Range<Int>, of file: [UInt8]) {
        guard !source.isEmpty else { return }
        bytes = Array(file[source])
        first = Segment(decodedStart: 0, source: source, isVerbatim: true)
    }

    /// Appends the file bytes in `source` unchanged.
    public mutating func appendVerbatim(_ source: Range<Int>, of file: [UInt8]) {
        guard !source.isEmpty else { return }
        if let last = rest.last ?? first, last.isVerbatim,
            last.source.upperBound == source.lowerBound
        {
            let joined = last.source.lowerBound..<source.upperBound
            if rest.isEmpty { first!.source = joined } else { rest[rest.count - 1].source = joined }
        } else {
            add(Segment(decodedStart: bytes.count, source: source, isVerbatim: true))
        }
        bytes.append(contentsOf: file[source])
    }

    /// Appends `decoded`, which the file wrote as the bytes in `source` (an entity, an escape).
    public mutating func appendReplacement(_ decoded: some Collection<UInt8>, source: Range<Int>) {
        guard !decoded.isEmpty else { return }
        add(Segment(decodedStart: bytes.count, source: source, isVerbatim: false))
        bytes.append(contentsOf: decoded)
    }

    /// Appends another decoded text of the same file (the next piece of an element's content).
    public mutating func append(_ other: DecodedText) {
        let shift = bytes.count
        for index in 0..<other.segmentCount {
            var moved = other.segment(index)
            moved.decodedStart += shift
            add(moved)
        }
        bytes.append(contentsOf: other.bytes)
    }

    /// The file offset where decoded byte `index` starts.
    public func sourceOffset(of index: Int) -> Int {
        let segment = segment(segmentIndex(of: index))
        guard segment.isVerbatim else { return segment.source.lowerBound }
        return segment.source.lowerBound + index - segment.decodedStart
    }

    /// The file bytes that were decoded into `range` (non-empty), whole entities included.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        let start = sourceOffset(of: range.lowerBound)
        let last = segment(segmentIndex(of: range.upperBound - 1))
        guard last.isVerbatim else { return start..<last.source.upperBound }
        return start..<(last.source.lowerBound + range.upperBound - last.decodedStart)
    }

    /// The decoded text as a string (invalid UTF-8 repaired), for names and messages.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private var segmentCount: Int { first == nil ? 0 : 1 + rest.count }

    private func segment(_ index: Int) -> Segment { index == 0 ? first! : rest[index - 1] }

    private mutating func add(_ segment: Segment) {
        guard first != nil else { return first = segment }
        // A text with one entity mostly has more (a JSON payload's `&quot;`s): room for a
        // few at once, rather than growing the list one step per entity.
        if rest.isEmpty { rest.reserveCapacity(8) }
        rest.append(segment)
    }

    private func segmentIndex(of index: Int) -> Int {
        precondition(index >= 0 && index < bytes.count, "offset outside the decoded text")
        var low = 0
        var high = segmentCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segment(middle).decodedStart <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
