import Foundation
import Testing

@testable import TresorKit

/// `ProcessScan.forEachDocument` hands over every file once, in file order, whatever the
/// batch size, and `documents(in:)` built on it returns the same documents.
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
}
