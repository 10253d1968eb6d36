@testable import TresorKit

extension WipedArray where Element == UInt8 {
    /// An ordinary, unwiped copy, for tests that compare output holding no real value.
    var plainCopy: [UInt8] { withUnsafeBytes { Array($0) } }
}
