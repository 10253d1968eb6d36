#if canImport(Glibc)
    import Glibc
#endif

/// Finding a byte in a buffer with `memchr`, which looks at many bytes at a time: the
/// scans that look for one byte (line feeds, braces, ampersands) over whole files share it.
extension Array where Element == UInt8 {
    /// The offset of the first `byte` at or after `start`, or nil.
    func firstOffset(of byte: UInt8, from start: Int) -> Int? {
        guard start < count else { return nil }
        return withUnsafeBufferPointer { buffer in
            memchr(buffer.baseAddress! + start, Int32(byte), count - start).map {
                UnsafeRawPointer($0) - UnsafeRawPointer(buffer.baseAddress!)
            }
        }
    }
}
