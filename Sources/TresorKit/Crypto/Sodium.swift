import CSodium

/// The one door to libsodium: it makes sure `sodium_init` has run before any other call, and
/// wraps the few primitives the crypto types share (hashing, base64, hex).
///
/// Nothing here is public: C types never leave the library.
enum Sodium {
    /// Runs `sodium_init` exactly once. A `static let` is initialised lazily and thread-safely
    /// by the Swift runtime, which gives the "once" without a lock of our own.
    private static let initialised: Bool = sodium_init() >= 0

    /// Call before any libsodium function. libsodium cannot work without its initialisation
    /// (no random source), so failing to initialise stops the process rather than going on.
    static func ready() {
        guard initialised else { fatalError("libsodium failed to initialise") }
    }

    /// BLAKE2b (`crypto_generichash`) with an output of `length` bytes and no key.
    static func blake2b(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8] {
        ready()
        var digest = [UInt8](repeating: 0, count: length)
        let status = digest.withUnsafeMutableBytes { out in
            crypto_generichash(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), length,
                input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt64(input.count), nil, 0)
        }
        precondition(status == 0, "crypto_generichash rejected a valid output length")
        return digest
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The base64 variants Tresor uses, named for where they appear.
enum Base64Variant {
    /// Standard alphabet with `=` padding: public keys and sealed boxes in vault files.
    case standard
    /// URL-safe alphabet without padding: master key text, so it survives shells and URLs.
    case urlSafeUnpadded

    var code: Int32 {
        switch self {
        case .standard: Int32(sodium_base64_VARIANT_ORIGINAL)
        case .urlSafeUnpadded: Int32(sodium_base64_VARIANT_URLSAFE_NO_PADDING)
        }
    }

    /// The length of the encoding of `count` bytes, without the C string's final NUL.
    func encodedLength(of count: Int) -> Int {
        sodium_base64_encoded_len(count, code) - 1
    }
}

extension Sodium {
    /// Writes the base64 of `input` into `output`, which must hold exactly
    /// `variant.encodedLength(of: input.count) + 1` bytes (libsodium adds a NUL).
    static func base64(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        variant: Base64Variant
    ) {
        ready()
        precondition(output.count == variant.encodedLength(of: input.count) + 1)
        _ = sodium_bin2base64(
            output.baseAddress!.assumingMemoryBound(to: CChar.self), output.count,
            input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
            variant.code)
    }

    /// Appends the base64 text of `input`, which may be secret, to `output`.
    static func base64(
        _ input: UnsafeRawBufferPointer, variant: Base64Variant, into output: WipedArray<UInt8>
    ) {
        output.append(count: variant.encodedLength(of: input.count) + 1) { text in
            base64(input, into: text, variant: variant)
        }
        output.removeLast()  // the C string's NUL
    }

    /// The base64 text of `bytes`, for values that are not secret (public keys, boxes).
    static func base64(_ bytes: [UInt8], variant: Base64Variant) -> String {
        var text = [UInt8](repeating: 0, count: variant.encodedLength(of: bytes.count) + 1)
        bytes.withUnsafeBytes { input in
            text.withUnsafeMutableBytes { base64(input, into: $0, variant: variant) }
        }
        text.removeLast()
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes base64 `text` into `output` and returns the number of bytes written, or nil
    /// when the text is not canonical base64 of the variant or does not fit. The whole input
    /// must be consumed: no white space or trailing bytes are ignored.
    static func decodeBase64(
        _ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        variant: Base64Variant
    ) -> Int? {
        ready()
        guard let input = text.baseAddress, let out = output.baseAddress else { return nil }
        // libsodium's decoder takes some bytes above 0x7F for base64 characters (the UTF-8
        // of U+FFFD decodes like `//`), so two texts would give one box: only ASCII passes.
        guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
        var written = 0
        var end: UnsafePointer<CChar>? = nil
        let status = sodium_base642bin(
            out.assumingMemoryBound(to: UInt8.self), output.count,
            input.assumingMemoryBound(to: CChar.self), text.count,
            nil, &written, &end, variant.code)
        let consumed = end.map { UnsafeRawPointer($0) - input } ?? -1
        guard status == 0, consumed == text.count else { return nil }
        return written
    }

    /// Decodes base64 `text` that holds no secret into a new array, or nil when invalid.
    /// Reads the text's UTF-8 where it is and decodes straight into the array: a copy of
    /// kilobytes of base64, byte by byte, cost more than decoding it.
    static func decodeBase64(_ text: Substring, variant: Base64Variant) -> [UInt8]? {
        var text = text
        return text.withUTF8 { input in
            var decoded = false
            let output = [UInt8](unsafeUninitializedCapacity: input.count) { buffer, count in
                let written = decodeBase64(
                    UnsafeRawBufferPointer(input), into: UnsafeMutableRawBufferPointer(buffer),
                    variant: variant)
                (decoded, count) = (written != nil, written ?? 0)
            }
            return decoded ? output : nil
        }
    }
}
