// The placeholder scanner's fuzz target: libFuzzer runs `ScanInvariants.check` on each
// input (built with `-D FUZZING` by Fuzz/run.sh); the normal build replays files given as
// arguments. Not `main.swift`: `-parse-as-library` rejects top-level code even in an
// inactive branch.
import FuzzSupport

#if FUZZING
    /// The entry point SwiftPM links as the executable's `main`.
    @_cdecl("FuzzPlaceholderScanner_main")
    func fuzzerMain(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32 {
        FuzzDriver.run(argc, argv, testOneInput)
    }

    /// One input; exported under libFuzzer's name, which its archive's `main` refers to.
    @_cdecl("LLVMFuzzerTestOneInput")
    func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        ScanInvariants.check(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#else
    /// Replays inputs: checks each file given as an argument, as the fuzzer would.
    @main
    struct ReplayInputs {
        static func main() { FuzzDriver.replay("FuzzPlaceholderScanner", ScanInvariants.check) }
    }
#endif
