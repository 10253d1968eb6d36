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
            Opens the secrets (all, or those --only names), puts each into the environment
            as NAME=value, and replaces itself with COMMAND (found on PATH), so the command's
            exit status is its own. Nothing is written to disk and no value is in argv. A
            secret replaces a variable of the same name. Exit 1 when COMMAND cannot be run.
            Needs the master key.
            """,
        flags: [.only], positionals: 1...Int.max, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let values = try invocation.openValues(invocation.selectedNames(in: vault), in: vault)
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
        invocation.console.step("running the command with \(values.count) secrets")
        let arguments = invocation.arguments.positionals
        var argv = arguments.map { strdup($0) } + [nil]
        execvp(arguments[0], &argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw ExecError(command: SecretName.printable(arguments[0]), reason: reason)
    }
}

/// The command could not be started.
struct ExecError: TresorError {
    let command: String
    let reason: String
    var message: String { "cannot run \(command): \(reason)" }
    var hint: String? { "check the command's name and PATH" }
    var exitCode: ExitCode { .problems }
}
