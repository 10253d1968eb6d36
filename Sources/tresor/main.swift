import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

// No core dump may carry a key or value out of this process.
var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)

let code = CommandLineTool.run(
    ProcessArguments.current(), environment: ProcessEnvironment.current())
exit(code.rawValue)
