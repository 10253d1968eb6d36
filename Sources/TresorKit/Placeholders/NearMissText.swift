/// The printable form of a near-miss for messages: one line, control characters escaped.
enum NearMissText {
    /// The longest text, in bytes of the printed form, "..." included.
    static let limit = 80

    /// `bytes` as text of at most ``limit`` bytes; controls and DEL become `\u{X}`, and a
    /// text that does not fit ends in "...".
    static func printable(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        // Decoding only a prefix keeps a megabyte-long unclosed name cheap.
        let decoded = String(decoding: bytes.prefix(limit), as: UTF8.self)
        let pieces = decoded.unicodeScalars.map(piece)
        let total = pieces.reduce(0) { $0 + $1.utf8.count }
        if total <= limit && bytes.count <= limit { return pieces.joined() }
        var text = ""
        for piece in pieces {
            guard text.utf8.count + piece.utf8.count <= limit - 3 else { break }
            text += piece
        }
        return text + "..."
    }

    private static func piece(_ scalar: Unicode.Scalar) -> String {
        guard scalar.value < 0x20 || scalar.value == 0x7F else { return String(scalar) }
        return "\\u{\(String(scalar.value, radix: 16))}"
    }
}
