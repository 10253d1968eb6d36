import Foundation
import Testing

@testable import TresorKit

/// `UsageRowSorter`: rows come back grouped by key in byte order, each key's rows in the
/// order they were added, whether they stayed in memory or went through many spilled and
/// merged runs; and no run file outlives the sorter, even when something fails.
@Suite struct UsageRowSorterTests {
    typealias Group = (key: String, rows: [String])

    /// Keys whose byte order differs from a naive guess: `AB` < `A_B`, `Z` < `É`.
    static let keys = ["B", "A_B", "AB", "A", "É", "Z", "A1"]

    /// A fresh, empty folder for run files, removed by the caller.
    private func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-sorter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// `count` rows over ``keys`` in a fixed pseudo-random order, each row naming its place.
    private func rows(_ count: Int, seed: UInt64 = 7) -> [(key: String, row: String)] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = Self.keys[Int(state >> 33) % Self.keys.count]
            return (key, "row \(index) of \(key)" + String(repeating: ".", count: index % 13))
        }
    }

    /// What the sorter must give for `rows`: a stable grouping in byte order of the keys.
    private func expected(_ rows: [(key: String, row: String)]) -> [Group] {
        let keys = Set(rows.map(\.key)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return keys.map { key in (key, rows.filter { $0.key == key }.map(\.row)) }
    }

    /// Sorts `rows` (each a line) twice: read back row by row, and in blocks of lines,
    /// which must hold the same rows.
    private func sort(
        _ rows: [(key: String, row: String)], budget: Int, fanIn: Int = 64, in folder: String
    ) throws -> (groups: [Group], runs: Int) {
        var results: [(groups: [Group], runs: Int)] = []
        for inBlocks in [false, true] {
            let sorter = UsageRowSorter(budget: budget, temporaryFolder: folder, fanIn: fanIn)
            for (key, row) in rows { try sorter.add(Array((row + "\n").utf8), key: key) }
            let sorted = try sorter.sorted()
            results.append((try inBlocks ? drainBlocks(sorted) : drain(sorted), sorter.spilledRuns))
        }
        #expect(same(results[0].groups, results[1].groups))
        return results[0]
    }

    /// The groups read in blocks: each block's lines, and the count said before.
    private func drainBlocks(_ sorted: SortedRows) throws -> [Group] {
        var groups: [Group] = []
        while let key = sorted.key {
            let (count, bytes) = (sorted.count, sorted.byteCount)
            var text: [UInt8] = []
            try sorted.forEachBlock { text += $0 }
            #expect(text.count == bytes && text.last == 0x0A)
            let rows = text.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(rows.count == count)
            groups.append((key, rows))
        }
        return groups
    }

    private func drain(_ sorted: SortedRows) throws -> [Group] {
        var groups: [Group] = []
        while let key = sorted.key {
            var rows: [String] = []
            try sorted.forEachRow { rows.append(String(decoding: $0, as: UTF8.self)) }
            groups.append((key, rows))
        }
        return groups
    }

    private func same(_ left: [Group], _ right: [Group]) -> Bool {
        left.map(\.key) == right.map(\.key) && left.map(\.rows) == right.map(\.rows)
    }

    /// Descriptors of this process open on a file in `folder` (run files show as
    /// `folder/tresor-usage-XXXXXX (deleted)`).
    private func openFiles(in folder: String) -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))
        return (descriptors ?? []).compactMap { descriptor in
            try? FileManager.default.destinationOfSymbolicLink(
                atPath: "/proc/self/fd/" + descriptor)
        }.filter { $0.hasPrefix(folder + "/") }
    }

    @Test func emptyInputGivesNoGroups() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try sort([], budget: 16, in: folder)
        #expect(result.groups.isEmpty && result.runs == 0)
    }

    @Test func rowsInMemoryComeBackGroupedInTheOrderAdded() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = rows(500)
        let result = try sort(rows, budget: UsageRowSorter.defaultBudget, in: folder)
        #expect(result.runs == 0)
        #expect(same(result.groups, expected(rows)))
        #expect(result.groups.map(\.key) == ["A", "A1", "AB", "A_B", "B", "Z", "É"])
    }

    /// A tiny budget spills a run every few rows; a small fan-in merges runs level by level
    /// while rows still arrive, and again at the end.
    @Test(arguments: [(64, 64), (200, 2), (300, 3), (1, 5)])
    func spilledRunsGiveTheSameOrder(budget: Int, fanIn: Int) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = rows(700)
        let result = try sort(rows, budget: budget, fanIn: fanIn, in: folder)
        #expect(result.runs > 10)
        #expect(same(result.groups, expected(rows)))
    }

    /// Keys that first come in later runs (here a new one every few rows, in no order)
    /// are merged among those seen before: each run and the merge still follow byte order.
    @Test(arguments: [(150, 64), (400, 3)])
    func keysFirstSeenInLaterRunsTakeTheirPlace(budget: Int, fanIn: Int) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state: UInt64 = 11
        let rows = (0..<900).map { index -> (key: String, row: String) in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Key k is new at row 4k; after that, rows pick among the keys seen so far.
            let seen = index / 4 + 1
            let key = index % 4 == 0 ? seen - 1 : Int(state >> 33) % seen
            let name = Self.keys[key % Self.keys.count] + String(key * 7_919 % 1_000)
            return (name, "row \(index)")
        }
        let result = try sort(rows, budget: budget, fanIn: fanIn, in: folder)
        #expect(result.runs > 10)
        #expect(same(result.groups, expected(rows)))
    }

    @Test func tiesAcrossRunsKeepTheOrderOfAddition() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<300).map { (key: $0 % 50 == 0 ? "B" : "A", row: "\($0)") }
        let result = try sort(rows, budget: 100, fanIn: 4, in: folder)
        #expect(result.runs > 10)
        #expect(result.groups.map(\.key) == ["A", "B"])
        #expect(result.groups[0].rows == (0..<300).filter { $0 % 50 != 0 }.map(String.init))
        #expect(result.groups[1].rows == ["0", "50", "100", "150", "200", "250"])
    }

    @Test func rowsLargerThanTheReadBufferSurviveASpill() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let large = String(repeating: "x", count: 3 * SortedRun.bufferSize + 5)
        let rows = [("B", "b1"), ("A", large), ("B", large + "b"), ("A", "a2")]
        let result = try sort(rows.map { (key: $0.0, row: $0.1) }, budget: 10, in: folder)
        // Each row spills the one before; the last stays in memory as the newest run.
        #expect(result.runs == 3)
        #expect(same(result.groups, [("A", [large, "a2"]), ("B", ["b1", large + "b"])]))
    }

    @Test func runFilesHaveNoNameAndCloseWithTheSorter() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let sorter = UsageRowSorter(budget: 50, temporaryFolder: folder, fanIn: 8)
            for (key, row) in rows(200) { try sorter.add(Array((row + "\n").utf8), key: key) }
            #expect(sorter.spilledRuns > 10)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            #expect(!openFiles(in: folder).isEmpty)
            _ = try drain(sorter.sorted())
        }
        #expect(openFiles(in: folder).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aFailingSpillLeavesNothingBehind() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = folder + "/missing"
        let sorter = UsageRowSorter(budget: 20, temporaryFolder: missing)
        try sorter.add(Array("first row, kept in memory\n".utf8), key: "A")
        let error = #expect(throws: TemporarySpaceError.self) {
            try sorter.add(Array("second\n".utf8), key: "A")
        }
        #expect(error?.folder == missing)
        #expect(error?.message.hasPrefix("cannot sort the listing in the temporary folder") == true)
        #expect(error?.hint?.contains("TMPDIR") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func anErrorWhileMergingLeavesNothingBehind() throws {
        struct Stop: Error {}
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let sorter = UsageRowSorter(budget: 40, temporaryFolder: folder, fanIn: 3)
            for (key, row) in rows(100) { try sorter.add(Array((row + "\n").utf8), key: key) }
            let sorted = try sorter.sorted()
            #expect(throws: Stop.self) { try sorted.forEachRow { _ in throw Stop() } }
        }
        #expect(openFiles(in: folder).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
