import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

// No core dump may carry a key or value out of this process.
var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
// A file-size limit (RLIMIT_FSIZE) would otherwise end the process mid-write with SIGXFSZ,
// leaving a temporary file and no message; ignored, the write fails with EFBIG and the
// command cleans up and reports it like a full disk.
signal(SIGXFSZ, SIG_IGN)
// Ctrl-C, TERM and HUP remove the temporary files and folders being written before they
// end the process (a render's hold plaintext).
SignalCleanup.install()
// Too few open files made libdispatch trap with no message; said, with exit 6, instead.
if let problem = OpenFileLimit.raise() {
    _ = problem.withCString { write(2, $0, strlen($0)) }
    exit(ExitCode.io.rawValue)
}

let code = CommandLineTool.run(
    ProcessArguments.current(), environment: ProcessEnvironment.current())
exit(code.rawValue)
