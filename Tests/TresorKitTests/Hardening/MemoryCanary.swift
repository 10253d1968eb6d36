@testable import TresorKit

/// A fresh random value for one memory scan: 48 letters and digits (no escaping changes
/// them), made from a random seed into ``SecretBytes`` each time it is needed, so the test
/// itself never keeps a plain copy.
///
/// The scan looks for the middle of the canary (bytes 16..<40), XOR-masked: malloc writes
/// its free-list pointers over the first bytes of a freed block, and a masked pattern is
/// not itself a hit.
struct MemoryCanary {
    static let length = 48
    static let searched = 16..<40
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private let seed: UInt64
    let mask: [UInt8]
    private(set) var masked: [UInt8] = []

    init() {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
        mask = (0..<Self.searched.count).map { _ in UInt8.random(in: 1...255, using: &generator) }
        let canary = value()
        masked = canary.withUnsafeBytes { bytes in
            zip(bytes[Self.searched], mask).map { $0 ^ $1 }
        }
    }

    /// `prefix`, the canary, `suffix`, in wiped memory.
    func value(prefix: String = "", suffix: String = "") -> SecretBytes {
        let before = Array(prefix.utf8)
        let after = Array(suffix.utf8)
        return SecretBytes(capacity: before.count + Self.length + after.count) { buffer in
            buffer.copyBytes(from: before)
            var state = seed
            for index in 0..<Self.length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                buffer[before.count + index] = Self.alphabet[Int(state >> 33) % Self.alphabet.count]
            }
            let end = before.count + Self.length
            UnsafeMutableRawBufferPointer(rebasing: buffer[end...]).copyBytes(from: after)
            return buffer.count
        }
    }

    /// Where the canary is found in this process's writable memory.
    func hits() throws -> [ProcessMemory.Hit] {
        try ProcessMemory.find(masked: masked, mask: mask)
    }
}
