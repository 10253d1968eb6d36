/// Finds literal HTTP credentials in text: `Bearer <token>` and `Basic <base64 of
/// user:password>`, where the token is written out rather than a placeholder.
///
/// To stay quiet on prose ("Basic authentication", "Bearer token required"), a Bearer
/// token must be at least 8 characters of the token alphabet with a digit or punctuation
/// in it, and a Basic credential must decode from base64 to text holding a `:`.
enum AuthorizationHeader {
    static let minimumTokenLength = 8

    /// The byte offsets in `text` where a literal credential's scheme word starts.
    static func literalOffsets(in text: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        for scheme in ["bearer", "basic"] {
            let word = Array(scheme.utf8)
            var index = 0
            while index + word.count < text.count {
                defer { index += 1 }
                guard startsWord(text, at: index, word), text[index + word.count] == 0x20 else {
                    continue
                }
                let start = index + word.count + 1
                let end = text[start...].firstIndex { !isTokenByte($0) } ?? text.count
                let token = Array(text[start..<end])
                if scheme == "bearer" ? isBearerToken(token) : isBasicCredential(token) {
                    offsets.append(index)
                }
            }
        }
        return offsets.sorted()
    }

    private static func startsWord(_ text: [UInt8], at index: Int, _ word: [UInt8]) -> Bool {
        if index > 0, isLetter(text[index - 1]) { return false }
        return zip(text[index...], word).allSatisfy { $0 | 0x20 == $1 }
    }

    private static func isBearerToken(_ token: [UInt8]) -> Bool {
        token.count >= minimumTokenLength && token.contains { !isLetter($0) }
    }

    private static func isBasicCredential(_ token: [UInt8]) -> Bool {
        guard token.count >= minimumTokenLength,
            let decoded = Sodium.decodeBase64(
                Substring(String(decoding: token, as: UTF8.self)), variant: .standard)
        else { return false }
        return decoded.contains(UInt8(ascii: ":"))
    }

    /// The token68 alphabet of RFC 7235: letters, digits, `-._~+/` and trailing `=`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte) || "-._~+/=".utf8.contains(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
