// Plain copies of wiped memory, for tests whose values are no real secrets.

@testable import TresorKit

extension WipedArray where Element == UInt8 {
    /// An ordinary, unwiped copy, for tests that compare output holding no real value.
    var plainCopy: [UInt8] { withUnsafeBytes { Array($0) } }
}

extension SecretBytes {
    /// An ordinary, unwiped copy, for tests of values that are not real secrets. The
    /// library has no such door: what it builds from a value goes into a `WipedArray`.
    func copyBytes() -> [UInt8] { withUnsafeBytes { Array($0) } }
}
