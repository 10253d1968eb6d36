/// Where the XML decoder writes decoded text: a ``DecodedText`` keeps the way back from
/// each byte to the file; a ``WipedArray`` keeps the bytes alone, in memory wiped after
/// use (deploy reads values back from rendered files this way).
protocol DecodedTextSink {
    /// Appends the file bytes in `source` unchanged.
    mutating func appendVerbatim(_ source: Range<Int>, of file: [UInt8])
    /// Appends `decoded`, which the file wrote as the bytes in `source`.
    mutating func appendReplacement(_ decoded: some Collection<UInt8>, source: Range<Int>)
}

extension DecodedText: DecodedTextSink {}

extension WipedArray: DecodedTextSink where Element == UInt8 {
    func appendVerbatim(_ source: Range<Int>, of file: [UInt8]) {
        append(contentsOf: file[source])
    }

    func appendReplacement(_ decoded: some Collection<UInt8>, source: Range<Int>) {
        append(contentsOf: decoded)
    }
}
