/// Decoding the standard base64 (RFC 4648, `+` `/`, `=` padding) of public data: sealed
/// boxes and public keys in vault files. Strict as libsodium's decoder is for them: the
/// length a multiple of four, only the alphabet before the padding, and the unused bits of
/// the last character zero, so one box has one text.
///
/// libsodium's decoder runs in constant time, as it must for secrets, at about 80
/// instructions a byte; a sealed box is no secret, and decoding the boxes was a twentieth
/// of a render's work. Master keys, which are secret, still go through libsodium.
enum Base64Text {
    /// The bytes `text` encodes, or nil when it is not canonical standard base64.
    static func decode(_ text: Substring) -> [UInt8]? {
        var text = text
        return text.withUTF8 { input -> [UInt8]? in
            guard input.count % 4 == 0 else { return nil }
            guard !input.isEmpty else { return [] }
            let padding =
                input[input.count - 1] != UInt8(ascii: "=")
                ? 0 : input[input.count - 2] == UInt8(ascii: "=") ? 2 : 1
            let body = input.count - padding
            let count = input.count / 4 * 3 - padding
            var valid = true
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { output, written in
                valid = decode(input, body: body, into: output.baseAddress!)
                written = valid ? count : 0
            }
            return valid ? bytes : nil
        }
    }

    /// Decodes the `body` characters of `input` (its padding left out) into `output`, four
    /// characters to three bytes; false at a character outside the alphabet (a `=` among
    /// them) or non-zero unused bits at the end.
    private static func decode(
        _ input: UnsafeBufferPointer<UInt8>, body: Int, into output: UnsafeMutablePointer<UInt8>
    ) -> Bool {
        values.withUnsafeBufferPointer { values in
            var out = output
            var index = 0
            while index + 4 <= body {
                let a = UInt32(values[Int(input[index])])
                let b = UInt32(values[Int(input[index + 1])])
                let c = UInt32(values[Int(input[index + 2])])
                let d = UInt32(values[Int(input[index + 3])])
                // Each value is below 64, or 0xFF: one test for all four.
                guard (a | b | c | d) & 0xC0 == 0 else { return false }
                let word = a << 18 | b << 12 | c << 6 | d
                out[0] = UInt8(truncatingIfNeeded: word >> 16)
                out[1] = UInt8(truncatingIfNeeded: word >> 8)
                out[2] = UInt8(truncatingIfNeeded: word)
                out += 3
                index += 4
            }
            let left = body - index
            guard left > 0 else { return true }
            // Two characters give one byte (4 bits unused), three give two (2 unused).
            let a = UInt32(values[Int(input[index])])
            let b = UInt32(values[Int(input[index + 1])])
            let c = left == 3 ? UInt32(values[Int(input[index + 2])]) : 0
            guard (a | b | c) & 0xC0 == 0 else { return false }
            let word = a << 18 | b << 12 | c << 6
            out[0] = UInt8(truncatingIfNeeded: word >> 16)
            if left == 3 {
                out[1] = UInt8(truncatingIfNeeded: word >> 8)
                return word & 0xFF == 0
            }
            return word & 0xFFFF == 0
        }
    }

    /// Each byte's value in the alphabet, or 0xFF for a byte outside it.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
