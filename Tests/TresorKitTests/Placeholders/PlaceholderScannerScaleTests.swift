import Testing

@testable import TresorKit

@Suite struct PlaceholderScannerScaleTests {
    @Test func thousandsOfPlaceholdersInAMegabyte() {
        let unit = Array("Bearer {{secret:API_TOKEN}} {{ secret:X }} {secret:".utf8)
        var text: [UInt8] = []
        while text.count < 1 << 20 { text += unit }
        let result = PlaceholderScanner.scan(text)
        #expect(result.placeholders.count == text.count / unit.count)
        #expect(result.nearMisses.count == 2 * text.count / unit.count)
    }

    // Speed is measured in bench/, never timed here: these inputs would make a quadratic
    // scanner crawl, and the results must be exact however large the input.
    @Test(arguments: ["{", "{{", "{{secret:", "{secret:", "{{ ", "}", "{{secret:A"])
    func pathologicalRepetitionGivesOrderedDisjointResults(_ unit: String) {
        let text = repeated(unit, 160_000)
        let result = PlaceholderScanner.scan(text)
        let ranges = (result.placeholders.map(\.range) + result.nearMisses.map(\.range))
            .sorted { $0.lowerBound < $1.lowerBound }
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        #expect(ranges.allSatisfy { $0.upperBound <= text.count })
        #expect(result.placeholders.isEmpty)
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
}
