/// The printable form of a near-miss for messages: one line, control characters escaped
/// as terminal text escapes them and every other character outside ASCII as `\u0410`, so
/// a message printed through it is not escaped twice, and nothing in it looks like ASCII.
enum NearMissText {
    /// The longest text, in bytes of the printed form, "..." included.
    static let limit = 80

    /// `bytes` as text of at most ``limit`` bytes, its controls escaped, and "..." at the
    /// end of a text that does not fit.
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

    /// A character as a terminal shows it safely: controls as C escapes (`\n`, `\x1b`),
    /// and every character outside ASCII as `\u0410`: a name is ASCII, and a look-alike
    /// (Cyrillic `А`, the Kelvin sign, a blank braille pattern) made a near-miss look
    /// valid (found by a fresh tester).
    private static func piece(_ scalar: Unicode.Scalar) -> String {
        // A backslash is written `\\`: a literal `\u0410` read as a Cyrillic А once
        // escaped (found by a fresh tester).
        scalar.isASCII
            ? TerminalText.escaped(String(scalar))
            : TerminalText.asciiOnly(String(scalar))
    }
}
