import TresorKit

/// The properties every scan must have, whatever the input; a violation traps, which is
/// what libFuzzer reports as a crash.
enum ScanInvariants {
    /// Scans `input` and traps unless the result is sound.
    static func check(_ input: UnsafeRawBufferPointer) {
        let scan = PlaceholderScanner.scan(input)
        require(scan == PlaceholderScanner.scan(Array(input)), "scanning is not deterministic")
        if !PlaceholderScanner.mayContainPlaceholder(input) {
            require(scan.isEmpty, "a result in text without a brace")
        }
        for placeholder in scan.placeholders { checkPlaceholder(placeholder, in: input) }
        for nearMiss in scan.nearMisses { checkNearMiss(nearMiss, in: input) }
        checkOrder(scan.placeholders.map(\.range), what: "placeholders")
        checkOrder(scan.nearMisses.map(\.range), what: "near-misses")
        checkOrder(
            (scan.placeholders.map(\.range) + scan.nearMisses.map(\.range))
                .sorted { $0.lowerBound < $1.lowerBound }, what: "results")
    }

    private static func checkPlaceholder(
        _ placeholder: Placeholder, in input: UnsafeRawBufferPointer
    ) {
        let range = placeholder.range
        require(range.lowerBound >= 0 && range.upperBound <= input.count, "out of bounds")
        let expected = Array("{{secret:\(placeholder.name.text)}}".utf8)
        require(range.count == expected.count, "placeholder length")
        // A byte loop of our own, so the comparison feeds the fuzzer's coverage.
        for (offset, byte) in expected.enumerated()
        where input[range.lowerBound + offset] != byte {
            fatalError("placeholder bytes differ from {{secret:NAME}}")
        }
        require(SecretName.isValid(placeholder.name.text.utf8), "invalid name")
    }

    private static func checkNearMiss(_ nearMiss: NearMiss, in input: UnsafeRawBufferPointer) {
        let range = nearMiss.range
        require(range.lowerBound >= 0 && range.upperBound <= input.count, "out of bounds")
        require(!range.isEmpty && input[range.lowerBound] == 0x7B, "near-miss not at a brace")
        require(nearMiss.text.utf8.count <= 80, "near-miss text too long")
        require(!nearMiss.text.utf8.contains { $0 < 0x20 || $0 == 0x7F }, "control in text")
        if let suggestion = nearMiss.suggestion {
            require(
                PlaceholderScanner.scan(Array(suggestion.utf8)).placeholders.count == 1,
                "suggestion is not a placeholder")
        }
    }

    /// Traps unless `ranges` are non-empty, sorted and do not overlap.
    private static func checkOrder(_ ranges: [Range<Int>], what: String) {
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            require(earlier.upperBound <= later.lowerBound, "\(what) overlap or are unsorted")
        }
        require(ranges.allSatisfy { !$0.isEmpty }, "empty range among \(what)")
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
