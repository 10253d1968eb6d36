import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// `tresor exec [--only NAMES] -- COMMAND ARGS...`: a command with secrets in its
/// environment, nothing written to disk.
enum ExecCommand {
    static let spec = CommandSpec(
        name: "exec", summary: "run a command with secrets in its environment",
        usage: "[--only NAMES] -- COMMAND [ARGS...]",
        details: """
            Flags after COMMAND are COMMAND's own (`--` before it is optional).
            Opens the secrets (all, or those --only names), puts each into the environment
            as NAME=value, and replaces itself with COMMAND (found on PATH), so the command's
            exit status is its own. Nothing is written to disk and no value is in argv. A
            secret replaces a variable of the same name. Exit 1 when COMMAND cannot be run.
            Needs the master key.
            """,
        flags: [.only], positionals: 1...Int.max, run: run, flagsEndAtFirstArgument: true)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let values = try invocation.openValues(invocation.selectedNames(in: vault), in: vault)
        // Linux passes no environment string longer than MAX_ARG_STRLEN (32 pages): one
        // such value would fail the exec for every secret, with no word of which.
        for (name, value) in values where name.text.utf8.count + value.count + 2 > 131_072 {
            throw ExecError.valueTooLong(name, bytes: value.count)
        }
        for (name, value) in values {
            // The value as a C string, in wiped memory. setenv copies it into libc's
            // environment, which the exec below replaces with the command's.
            // Limitation: setenv's copies are libc's and are not wiped; when the command
            // cannot be started they stay until tresor exits, moments later.
            let text = WipedArray<UInt8>(capacity: value.count + 1)
            value.withUnsafeBytes { text.append(contentsOf: $0) }
            text.append(0)
            text.withUnsafeBytes { bytes in
                _ = setenv(name.text, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), 1)
            }
        }
        invocation.console.step("running the command with \(count(values.count, "secret"))")
        let arguments = invocation.arguments.positionals
        var argv = arguments.map { strdup($0) } + [nil]
        // Limitation: the command is found through PATH as the shell finds it, empty and
        // relative entries included (README, Known limitations).
        execvp(arguments[0], &argv)
        let code = errno
        argv.forEach { free($0) }
        throw ExecError.notStarted(
            command: SecretName.printable(arguments[0]), reason: String(cString: strerror(code)),
            tooBig: code == E2BIG)
    }
}

/// The command could not be started, or not with these secrets.
enum ExecError: TresorError {
    /// `execvp` failed; `tooBig` when the arguments and environment were too large.
    case notStarted(command: String, reason: String, tooBig: Bool)
    /// A value longer than one environment string may be.
    case valueTooLong(SecretName, bytes: Int)

    var message: String {
        switch self {
        case .notStarted(let command, let reason, _): "cannot run \(command): \(reason)"
        case .valueTooLong(let name, let bytes):
            "secret \(name) is \(bytes) bytes: Linux passes at most 131072 bytes in one "
                + "environment variable (NAME=value), so exec cannot give it to a command"
        }
    }

    var hint: String? {
        switch self {
        case .notStarted(_, _, tooBig: true):
            "the secrets and arguments together are more than Linux passes to a command "
                + "(a quarter of `ulimit -s`): pass fewer secrets with --only"
        case .notStarted: "check the command's name and PATH"
        case .valueTooLong:
            "leave it out with --only, or write it to a file for the command to read "
                + "(`tresor dotenv --only NAME --out FILE`)"
        }
    }

    var exitCode: ExitCode { .problems }
}
