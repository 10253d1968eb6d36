import Testing

@testable import TresorKit

/// `WipedArray`: an array's behaviour with managed growth; that its memory is wiped is
/// proven by a scan in `PlaintextMemoryTests`.
@Suite struct CryptoWipedArrayTests {
    @Test func appendsGrowsAndLendsItsElements() {
        let bytes = WipedArray<UInt8>()
        #expect(bytes.isEmpty)
        for byte in 0..<100 { bytes.append(UInt8(byte)) }
        bytes.append(contentsOf: [100, 101])
        bytes.append("xy")
        #expect(bytes.count == 104)
        #expect(bytes.array == Array(0..<102) + Array("xy".utf8))
        #expect(bytes.last == UInt8(ascii: "y"))
        bytes[0] = 7
        #expect(bytes[0] == 7)
        #expect(bytes.withUnsafeBytes { $0.count } == 104)
    }

    @Test func removesFromTheFrontAndClears() {
        let bytes = WipedArray(Array("abcdef".utf8))
        bytes.removeFirst(2)
        #expect(bytes.array == Array("cdef".utf8))
        bytes.removeFirst(0)
        #expect(bytes.count == 4)
        bytes.removeAll()
        #expect(bytes.isEmpty)
        bytes.append(contentsOf: Array("g".utf8))
        #expect(bytes.array == Array("g".utf8))
    }

    @Test func appendsBytesWrittenInPlace() {
        let bytes = WipedArray(Array("a".utf8))
        bytes.append(count: 3) { raw in
            for index in raw.indices { raw[index] = UInt8(ascii: "b") + UInt8(index) }
        }
        #expect(bytes.array == Array("abcd".utf8))
    }

    @Test func holdsOtherPlainValues() {
        let numbers = WipedArray<Int32>(capacity: 2)
        for value in 0..<10 { numbers.append(Int32(value)) }
        numbers.removeFirst(8)
        #expect(numbers.array == [8, 9])
    }
}
