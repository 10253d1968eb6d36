#if canImport(Glibc)
    import Glibc
#endif

/// Comparing and copying byte spans of a document without making strings: the tokenizer,
/// the namespace scope and the BPMN walker compare names this way.
enum XMLBytes {
    /// True when the bytes at `first` and `second` in `file` are the same.
    static func equal(_ first: Range<Int>, _ second: Range<Int>, in file: [UInt8]) -> Bool {
        guard first.count == second.count else { return false }
        guard first.lowerBound != second.lowerBound, !first.isEmpty else { return true }
        return file.withUnsafeBufferPointer { buffer in
            memcmp(
                buffer.baseAddress! + first.lowerBound, buffer.baseAddress! + second.lowerBound,
                first.count) == 0
        }
    }

    /// True when the bytes at `span` in `file` spell `literal`.
    static func equal(_ span: Range<Int>, _ literal: StaticString, in file: [UInt8]) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard span.count == count else { return false }
        guard count > 0 else { return true }
        return file.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + span.lowerBound, literal.utf8Start, count) == 0
        }
    }

    /// The bytes at `span` as a string (invalid UTF-8 repaired; the reader has checked it).
    static func string(_ span: Range<Int>, in file: [UInt8]) -> String {
        String(decoding: file[span], as: UTF8.self)
    }
}
