import Testing

@testable import TresorKit

/// Keys numbered as first met, counted rather than timed: a key compared with every
/// earlier one made a task of many inputs quadratic (found by a tester).
@Suite struct FirstMetNumbersTests {
    /// Counts the comparisons of the keys that share it.
    final class Comparisons { var count = 0 }

    struct CountedKey: FirstMetKey {
        let text: String
        let comparisons: Comparisons

        func isSame(as other: CountedKey) -> Bool {
            comparisons.count += 1
            return text == other.text
        }

        var bytesKey: BytesKey { BytesKey(Array(text.utf8)) }
    }

    @Test func keysAreNumberedAsFirstMet() {
        let comparisons = Comparisons()
        var numbers = FirstMetNumbers<CountedKey>()
        let texts = (0..<100).map { "k\($0 % 40)" } + ["k7", "new", "k39", "new"]
        let numbered = texts.map {
            numbers.number(of: CountedKey(text: $0, comparisons: comparisons))
        }
        #expect(numbered.map(\.number) == (0..<100).map { $0 % 40 } + [7, 40, 39, 40])
        #expect(numbered.map(\.isNew) == (0..<104).map { $0 < 40 || $0 == 101 })
    }

    /// Past the few looked through, no key is compared with the earlier ones: 10,000
    /// distinct keys and a second round of them cost the comparisons of the first few.
    @Test func manyKeysAreNotComparedWithEachOther() {
        let comparisons = Comparisons()
        var numbers = FirstMetNumbers<CountedKey>()
        let few = FirstMetNumbers<CountedKey>.listedAtMost
        for round in 0..<2 {
            for index in 0..<10_000 {
                let key = CountedKey(text: "p\(index)", comparisons: comparisons)
                #expect(numbers.number(of: key) == (index, round == 0))
            }
        }
        // The first keys are each compared with those before them; none after the table.
        #expect(comparisons.count <= (few + 1) * (few + 2) / 2, "\(comparisons.count)")
    }
}
