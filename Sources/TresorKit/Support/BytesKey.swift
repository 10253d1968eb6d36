/// Bytes as a dictionary key, hashed as one run: an array of bytes hashes byte by byte, a
/// few thousand instructions for a sealed box or a pair of ids.
struct BytesKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
