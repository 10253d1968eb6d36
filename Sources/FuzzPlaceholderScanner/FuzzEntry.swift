// The placeholder scanner's fuzz target.
//
// Built with `-D FUZZING -sanitize=fuzzer,address -parse-as-library` (Fuzz/run.sh), it hands
// libFuzzer the invariant check; in the package's normal build it checks the files given
// as arguments the same way, so a crashing input can be replayed without the fuzzer.
//
// The file is not `main.swift`: the compiler rejects top-level statements under
// `-parse-as-library` even inside an inactive `#if` branch, so both builds use declarations
// only, and the normal build gets its entry point from `@main`.

#if FUZZING
    /// libFuzzer's driver; SwiftPM renames our entry point, so libFuzzer's own `main` never runs.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// The entry point SwiftPM links as the executable's `main`.
    @_cdecl("FuzzPlaceholderScanner_main")
    func fuzzerMain(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, testOneInput)
    }

    /// Checks one input. Exported under libFuzzer's name too: its archive's `main` object,
    /// which refers to the name, is linked in (`ld.gold` then fails with an internal error).
    @_cdecl("LLVMFuzzerTestOneInput")
    func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        ScanInvariants.check(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#else
    import Foundation

    /// Replays inputs: checks each file given as an argument, as the fuzzer would.
    @main
    struct ReplayInputs {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            if paths.isEmpty {
                fail("usage: FuzzPlaceholderScanner FILE...", status: 2)
            }
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else {
                    fail("FuzzPlaceholderScanner: cannot read \(path)", status: 6)
                }
                data.withUnsafeBytes { ScanInvariants.check($0) }
            }
            print("checked \(paths.count) inputs")
        }

        private static func fail(_ message: String, status: Int32) -> Never {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(status)
        }
    }
#endif
