import Foundation
import Testing

@testable import TresorKit

@Suite struct PlaceholderScannerScaleTests {
    @Test func thousandsOfPlaceholdersInAMegabyte() {
        let unit = Array("Bearer {{secret:API_TOKEN}} {{ secret:X }} {secret:".utf8)
        var text: [UInt8] = []
        while text.count < 1 << 20 { text += unit }
        let start = Date()
        let result = PlaceholderScanner.scan(text)
        #expect(result.placeholders.count == text.count / unit.count)
        #expect(result.nearMisses.count == 2 * text.count / unit.count)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test(arguments: ["{", "{{", "{{secret:", "{secret:", "{{ ", "}", "{{secret:A"])
    func pathologicalRepetitionStaysLinear(_ unit: String) {
        let small = repeated(unit, 20_000)
        let large = repeated(unit, 160_000)
        let smallTime = measure { _ = PlaceholderScanner.scan(small) }
        let largeTime = measure { _ = PlaceholderScanner.scan(large) }
        // Eight times the input; quadratic work would take ~64 times as long.
        #expect(largeTime < max(smallTime, 0.002) * 24)
    }

    @Test func longUnclosedNameIsCheap() {
        let text = Array("{{secret:".utf8) + [UInt8](repeating: 0x41, count: 1 << 20)
        let result = PlaceholderScanner.scan(text)
        #expect(result.nearMisses.map(\.kind) == [.unclosed])
        #expect(result.nearMisses.first?.range == 0..<text.count)
    }

    private func repeated(_ unit: String, _ count: Int) -> [UInt8] {
        Array(String(repeating: unit, count: count).utf8)
    }

    private func measure(_ body: () -> Void) -> TimeInterval {
        let start = Date()
        body()
        return Date().timeIntervalSince(start)
    }
}
