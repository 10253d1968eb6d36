import CSodium

/// Plaintext bytes (a secret's value or a private key) in memory this object owns, wiped
/// with `sodium_memzero` when the last reference goes away.
///
/// Why a class: the bytes must live in one place we control, so that nothing copies them
/// around implicitly and the wipe on `deinit` is the only way they leave memory. Printing
/// shows `<redacted>` and reflection shows nothing, so a stray `"\(value)"`, `print` or
/// `dump` cannot leak a secret into a log. It is deliberately not a `Collection`: reading the
/// bytes takes an explicit ``withUnsafeBytes(_:)``, and there is no way to an ordinary,
/// unwiped copy; what is built from a value goes into a ``WipedArray``.
public final class SecretBytes: @unchecked Sendable {
    // @unchecked: the buffer is written only during init and read-only afterwards.
    private let storage: UnsafeMutableRawBufferPointer
    private let locked: Bool

    /// The number of bytes held.
    public let count: Int

    /// Copies `bytes` into memory owned (and later wiped) by the new object. The caller
    /// remains responsible for wiping its own copy.
    public convenience init(_ bytes: some Collection<UInt8>) {
        self.init(capacity: bytes.count) { buffer in
            _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
            return bytes.count
        }
    }

    /// Allocates `capacity` zeroed bytes and lets `fill` write into them directly, so a
    /// secret can be produced (decrypted, read, generated) without passing through an
    /// unmanaged buffer. `fill` returns how many bytes it used; the rest stay zero.
    init<E: Error>(
        capacity: Int, fill: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws(E) {
        Sodium.ready()
        // Allocate at least one byte so every buffer has an address for libsodium.
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(capacity, 1), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        // Keeping secrets out of swap is best effort: an ordinary user may lock only a few
        // MiB, and a failed lock must not stop the command.
        locked = sodium_mlock(buffer.baseAddress!, buffer.count) == 0
        storage = buffer
        do {
            let used = try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[..<capacity]))
            precondition(used >= 0 && used <= capacity, "fill used more than its capacity")
            count = used
        } catch {
            SecretBytes.release(buffer, locked: locked)
            throw error
        }
    }

    deinit { SecretBytes.release(storage, locked: locked) }

    private static func release(_ buffer: UnsafeMutableRawBufferPointer, locked: Bool) {
        sodium_memzero(buffer.baseAddress!, buffer.count)
        if locked { _ = sodium_munlock(buffer.baseAddress!, buffer.count) }
        buffer.deallocate()
    }

    /// True when no bytes are held (an empty secret value is allowed).
    public var isEmpty: Bool { count == 0 }

    /// Lends the bytes to `body`. The pointer is valid only inside `body`; do not keep it.
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[..<count]))
    }

}

extension SecretBytes: Equatable {
    /// Compares in constant time for equal lengths (`sodium_memcmp`), so timing does not
    /// tell how many leading bytes two secrets share. Lengths are not secret.
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0 else { return true }
        return sodium_memcmp(lhs.storage.baseAddress!, rhs.storage.baseAddress!, lhs.count) == 0
    }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Always `<redacted>`: string interpolation and `print` never show the bytes.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`: `debugPrint` and `String(reflecting:)` never show the bytes.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so `dump` and debuggers find nothing to show.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
