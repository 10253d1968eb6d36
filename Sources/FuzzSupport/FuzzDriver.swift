import Foundation

/// What every fuzz target shares: handing libFuzzer the check (fuzzing build), or replaying
/// saved inputs through the same check (normal build), so a crash found by the fuzzer is
/// reproduced with `swift run TARGET FILE`.
public enum FuzzDriver {
    /// The check a target runs on one input; it traps when an invariant breaks.
    public typealias Check = (UnsafeRawBufferPointer) -> Void

    /// Checks every file named on the command line, as the fuzzer would.
    public static func replay(_ target: String, _ check: Check) -> Never {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty { fail("usage: \(target) FILE...", status: 2) }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                fail("\(target): cannot read \(path)", status: 6)
            }
            data.withUnsafeBytes { check($0) }
        }
        print("checked \(paths.count) inputs")
        exit(0)
    }

    /// Traps with `message` unless `condition` holds: what libFuzzer reports as a crash.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}

#if FUZZING
    /// libFuzzer's driver; SwiftPM renames each target's entry point, so libFuzzer's own
    /// `main` never runs and each target calls this from its `NAME_main`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    extension FuzzDriver {
        /// Runs libFuzzer with the target's exported `LLVMFuzzerTestOneInput`.
        public static func run(
            _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
            _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
        ) -> Int32 {
            var count = argc
            var arguments = argv
            return runFuzzerDriver(&count, &arguments, testOneInput)
        }
    }
#endif
