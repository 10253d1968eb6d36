import Foundation
import Testing

@testable import TresorKit

/// `ProcessScan.forEachDocument` hands over every file once, in file order, whatever the
/// read-ahead window (`batchSize`), and `documents(in:)` built on it returns the same
/// documents.
@Suite struct ProcessScanTests {
    @Test(arguments: [1, 2, 7, 24, 25, 1000])
    func batchesKeepFileOrder(batchSize: Int) throws {
        let fixture = try UsageFixture(files: 24)
        let documents = try ProcessScan.documents(in: fixture.processes)
        var paths: [String] = []
        var references = 0
        let count = try ProcessScan.forEachDocument(
            in: fixture.processes, batchSize: batchSize,
            transform: { ($0.path, $0.references.count) }
        ) { path, count in
            paths.append(path)
            references += count
        }
        #expect(count == 25 && paths.count == 25)
        #expect(paths == documents.map(\.path))
        #expect(paths == paths.sorted() && paths.first == "p0/process-0.bpmn")
        #expect(references == documents.reduce(0) { $0 + $1.references.count })
    }

    /// The caller's thread reads files too while it waits: every file is still read
    /// exactly once and handed over in order, however the threads interleave (a file
    /// claimed by one thread and read by another once hung the scan). Files take random
    /// short times, over many scans, so that the caller and the reader often claim at once.
    /// The time limit catches a hang; it is wide, as a run takes 3-5 s alone but the suite
    /// runs it beside everything else on 2 cores (one minute was once exceeded there).
    @Test(.timeLimit(.minutes(5)), arguments: [1, 2, 3, 5])
    func everyFileIsReadOnceHoweverTheThreadsInterleave(batchSize: Int) throws {
        let fixture = try UsageFixture(files: 24)
        let expected = try ProcessScan.documents(in: fixture.processes).map(\.path)
        for _ in 0..<60 {
            let reads = ReadCounts()
            var paths: [String] = []
            try ProcessScan.forEachDocument(
                in: fixture.processes, batchSize: batchSize,
                transform: { document in
                    usleep(UInt32.random(in: 0...300))
                    reads.add(document.path)
                    return document.path
                }
            ) { paths.append($0) }
            #expect(paths == expected)
            #expect(reads.counts.count == 25 && reads.counts.values.allSatisfy { $0 == 1 })
        }
    }

    @Test func anErrorFromTheCallerEndsTheScan() throws {
        struct Stop: Error {}
        let fixture = try UsageFixture(files: 24)
        var seen = 0
        #expect(throws: Stop.self) {
            try ProcessScan.forEachDocument(in: fixture.processes, batchSize: 4, transform: { $0 })
            {
                _ in
                seen += 1
                if seen == 6 { throw Stop() }
            }
        }
        #expect(seen == 6)
    }

    /// A file that fails on a reading thread ends the scan with its error, after the caller
    /// has seen every file before it (the readers may have read further: never handed on).
    @Test(arguments: [1, 3, 64])
    func aFailingFileEndsTheScanAfterEveryFileBeforeIt(batchSize: Int) throws {
        struct Broken: Error, Equatable { let path: String }
        let fixture = try UsageFixture(files: 24)
        let all = try ProcessScan.documents(in: fixture.processes).map(\.path)
        let failing = all[10]
        var seen: [String] = []
        #expect(throws: Broken(path: failing)) {
            try ProcessScan.forEachDocument(
                in: fixture.processes, batchSize: batchSize,
                transform: { document in
                    if document.path == failing { throw Broken(path: document.path) }
                    return document.path
                }
            ) { seen.append($0) }
        }
        #expect(seen == Array(all[..<10]))
    }
}

/// How many times each file was read, from any thread.
private final class ReadCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func add(_ path: String) { lock.withLock { values[path, default: 0] += 1 } }
    var counts: [String: Int] { lock.withLock { values } }
}
