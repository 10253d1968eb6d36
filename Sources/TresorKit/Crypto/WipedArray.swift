import CSodium

/// A growable array for anything that may hold plaintext (rendered documents, escaped
/// values, dotenv lines, task inputs, the forms `redact` masks), wiped with
/// `sodium_memzero` before any of its memory is freed: when it grows, when it drops
/// elements, and when the last reference goes away.
///
/// Why not an ordinary array: an array that grows copies itself into new storage and frees
/// the old storage as it is, and a freed block keeps its bytes until malloc reuses it.
/// ``SecretBytes`` is the fixed-size sibling for values and keys themselves; this type is
/// for what is built from them. Unlike ``SecretBytes`` it is not locked into memory.
///
/// The elements live in an ordinary array this object alone holds, so that the XML and
/// JSON readers, which take `[UInt8]`, can read it back without a copy: ``array`` lends
/// it. A borrower must let go of it before this object goes away; a storage still shared
/// when it is wiped would be copied instead of wiped (a debug build stops there).
// Limitation: only memory this type owns is wiped. Copies it does not own (the kernel's
// pipe buffers and page cache of what is written, libc's, a few bytes in registers and on
// the stack) are not, and a killed process wipes nothing.
public final class WipedArray<Element: BitwiseCopyable> {
    // Not checked for overlapping access at run time: a render appends to these byte by
    // byte, and the check on each append was a fortieth of its work. A WipedArray is used
    // by one thread at a time, and no caller changes it from inside one of its own
    // `withUnsafe...` closures.
    @exclusivity(unchecked) private var storage: [Element] = []

    /// An empty array with room for `capacity` elements.
    // Limitation: not locked into memory (a rendered folder can be far larger than what an
    // ordinary user may lock), so it can be swapped out.
    public init(capacity: Int = 0) {
        storage.reserveCapacity(capacity)
    }

    /// A copy of `elements`.
    public convenience init(_ elements: some Collection<Element>) {
        self.init(capacity: elements.count)
        append(contentsOf: elements)
    }

    deinit { Self.wipe(&storage) }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var last: Element? { storage.last }

    public subscript(index: Int) -> Element {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The elements, lent without a copy, for readers that take an array. Do not keep it.
    public var array: [Element] { storage }

    public func append(_ element: Element) {
        reserve(storage.count + 1)
        storage.append(element)
    }

    public func append(contentsOf elements: some Collection<Element>) {
        reserve(storage.count + elements.count)
        storage.append(contentsOf: elements)
    }

    /// Removes the first `count` elements; the ones that move down are wiped where they
    /// were.
    public func removeFirst(_ count: Int) {
        guard count > 0 else { return }
        let stride = MemoryLayout<Element>.stride
        storage.withUnsafeMutableBytes { raw in
            let kept = raw.count - count * stride
            raw.baseAddress!.copyMemory(from: raw.baseAddress! + count * stride, byteCount: kept)
            sodium_memzero(raw.baseAddress! + kept, count * stride)
        }
        storage.removeLast(count)
    }

    /// Removes the last `count` elements, wiping them.
    public func removeLast(_ count: Int = 1) {
        guard count > 0 else { return }
        let stride = MemoryLayout<Element>.stride
        storage.withUnsafeMutableBytes { raw in
            sodium_memzero(raw.baseAddress! + raw.count - count * stride, count * stride)
        }
        storage.removeLast(count)
    }

    /// Removes every element, wiping them; the capacity stays.
    public func removeAll() {
        Self.wipe(&storage)
        storage.removeAll(keepingCapacity: true)
    }

    /// Lends the elements to `body`. The pointer is valid only inside `body`.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Element>) throws(E) -> R
    ) throws(E) -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Lends the elements to `body` to change in place. The pointer is valid only inside
    /// `body`.
    public func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws(E) -> R
    ) throws(E) -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Lends the elements' bytes to `body`. The pointer is valid only inside `body`.
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try storage.withUnsafeBufferPointer { buffer throws(E) in
            try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Grows the storage to hold `needed` elements: the elements are copied into a larger
    /// array first, and the old one is wiped before it is freed.
    private func reserve(_ needed: Int) {
        guard needed > storage.capacity else { return }
        var grown: [Element] = []
        grown.reserveCapacity(max(needed, storage.capacity * 2))
        grown.append(contentsOf: storage)
        Self.wipe(&storage)
        storage = grown
    }

    /// Zeroes `array` in place. Only the elements up to `count` are wiped: nothing here
    /// shrinks an array without wiping what it drops, so the rest of the capacity was
    /// never written.
    private static func wipe(_ array: inout [Element]) {
        let shared = array.withUnsafeBytes { $0.baseAddress }
        array.withUnsafeMutableBytes { raw in
            assert(
                UnsafeRawPointer(raw.baseAddress) == shared,
                "a WipedArray's storage was still lent out")
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            sodium_memzero(base, raw.count)
        }
    }
}

extension WipedArray where Element == UInt8 {
    /// Appends `count` bytes that `fill` writes in place (an encoder's output).
    func append(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = storage.count
        append(contentsOf: repeatElement(0, count: count))
        storage.withUnsafeMutableBytes { raw in
            fill(UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// Appends the UTF-8 of `text`, which must hold no plaintext (markup, names).
    func append(_ text: StaticString) {
        append(
            contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
