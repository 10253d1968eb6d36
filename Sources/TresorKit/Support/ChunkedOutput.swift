/// Bytes on their way to an output stream, handed on in chunks of about 64 KiB rather than
/// one write per line: a long listing has a line per reference.
public struct ChunkedOutput {
    /// Receives each chunk; the bytes are valid during the call only.
    public typealias Sink = (UnsafeRawBufferPointer) -> Void

    private static let chunkSize = 64 << 10
    private let sink: Sink
    private var buffer: [UInt8] = []

    public init(sink: @escaping Sink) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { flush() }
    }

    /// `text` and a line break.
    public mutating func line(_ text: String) {
        append(text.utf8)
        append(CollectionOfOne(UInt8(ascii: "\n")))
    }

    /// Hands on what is buffered.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes(sink)
        buffer.removeAll(keepingCapacity: true)
    }
}
