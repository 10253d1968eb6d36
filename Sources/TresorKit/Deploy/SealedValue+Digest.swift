extension SealedValue {
    /// A fingerprint of the envelope text: BLAKE2b-256 of ``text``, as 64 hex digits.
    ///
    /// It is taken of the sealed envelope, never of the value: the envelope is public (it
    /// is in the repository), so the digest tells nothing new, while a digest of a short
    /// value could be brute-forced. Every re-seal (an edit, a rekey) changes it, even when
    /// the value stays the same.
    public var digest: String {
        var text = self.text
        let digest = text.withUTF8 { Sodium.blake2b(UnsafeRawBufferPointer($0), length: 32) }
        return Sodium.hex(digest)
    }
}
