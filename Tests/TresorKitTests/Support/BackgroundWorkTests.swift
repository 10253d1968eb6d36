import Dispatch
import Testing

@testable import TresorKit

@Suite struct BackgroundWorkTests {
    private struct Refused: Error, Equatable {}

    /// The work runs while the caller goes on: it waits for a signal the caller sends only
    /// after starting it, which work run in the caller's thread would never get.
    @Test func runsWhileTheCallerGoesOn() throws {
        let callerWentOn = DispatchSemaphore(value: 0)
        let work = BackgroundWork { callerWentOn.wait(timeout: .now() + 10) == .success }
        callerWentOn.signal()
        #expect(try work.value())
        // Asked again, it gives the same value.
        #expect(try work.value())
    }

    @Test func rethrowsTheErrorOfTheWork() {
        let work = BackgroundWork { () throws -> Int in throw Refused() }
        #expect(throws: Refused()) { try work.value() }
    }
}
