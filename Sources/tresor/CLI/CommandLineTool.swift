import Foundation
import TresorKit

/// The entry point's logic: picks the command from the table, parses its arguments, runs
/// it, and turns every error into its message, hint and exit code in one place.
enum CommandLineTool {
    static var version: String { BuildVersion.text }

    static var commands: [CommandSpec] {
        [
            InitCommand.spec, CreateCommand.spec, EditCommand.spec, DeleteCommand.spec,
            ListCommand.spec, ShowCommand.spec, UsageCommand.spec, ValidateCommand.spec,
            RenderCommand.spec, DeployCommand.spec, StatusCommand.spec,
            RedactCommand.spec, DotEnvCommand.spec, ExecCommand.spec, RekeyCommand.spec,
            FixCommand.spec, HookCommand.spec, VerifyCommand.spec, LogCommand.spec,
            DiffTextCommand.spec, ReportCommand.spec, CompletionCommand.spec, DoctorCommand.spec,
        ]
    }

    static func run(_ arguments: [String], environment: TresorEnvironment) -> ExitCode {
        let code = runCommand(arguments, environment: environment)
        let failure = Console.outputFailure.load(ordering: .relaxed)
        guard failure != 0 else { return code }
        // A command whose output did not reach its reader has not done its job, whatever
        // it found; an error exit code it chose stands.
        Console().error(OutputError(code: failure))
        return code == .ok ? .io : code
    }

    private static func runCommand(
        _ arguments: [String], environment: TresorEnvironment
    ) -> ExitCode {
        var console = Console()
        // Checked before anything could echo an argument (unknown names, paths, --help).
        guard !arguments.contains(where: holdsKey) else {
            console.error(UsageError.keyOnCommandLine)
            return .usage
        }
        if let position = ProcessArguments.firstNotUTF8() {
            console.error(UsageError.argumentNotUTF8(position))
            return .usage
        }
        let arguments = hoistingCommonFlags(arguments)
        guard let first = arguments.first, !["help", "--help", "-h"].contains(first) else {
            // `help --help` is help's own help; anything after the topic is a usage error
            // (`help validate extra` passed; found by a twenty-sixth fresh tester).
            var rest = arguments.dropFirst().filter { !["--help", "-h"].contains($0) }
            if rest.isEmpty, arguments.count > 1 { rest = ["help"] }
            guard rest.count <= 1 else {
                console.error(UsageError.invalid("help", "help takes one command name at most"))
                return .usage
            }
            let code = HelpCommand.run(topic: rest.first, console: console)
            // No command at all is a usage error that shows the help, as git's is; a script
            // calling `tresor` with an empty variable must not pass (found by a sixth fresh
            // tester).
            return arguments.isEmpty ? .usage : code
        }
        if first == "--version" {
            console.print("tresor \(version)")
            return .ok
        }
        guard let spec = commands.first(where: { $0.name == first }) else {
            // `tresor --vault` or `tresor --vault DIR`: the flag is known, the command absent.
            if let flag = commonFlag(first)?.flag {
                let usage = "--" + flag.long + (flag.value.map { " " + $0 } ?? "")
                console.error(UsageError.commandMissing(usage))
                return .usage
            }
            console.error(unknown(first))
            return .usage
        }
        if let problem = WorkingFolderError.check() {
            console.error(problem)
            return problem.exitCode
        }
        do {
            let parsed = try ArgumentParser(spec: spec).parse(Array(arguments.dropFirst()))
            if parsed.has("help") { return HelpCommand.run(topic: spec.name, console: console) }
            if parsed.value("out") == "-" {
                throw UsageError.invalid(
                    spec.name,
                    "--out - would write a file named '-'; leave out --out to write to standard "
                        + "output")
            }
            if parsed.has("quiet"), parsed.has("verbose") {
                throw UsageError.invalid(spec.name, "--quiet and --verbose exclude each other")
            }
            console.level =
                parsed.has("quiet") ? .quiet : parsed.has("verbose") ? .verbose : .normal
            try console.useColor(
                parsed.value("color"), command: spec.name, environment: environment)
            let invocation = Invocation(
                command: spec.name, arguments: parsed, environment: environment,
                console: console)
            return try spec.run(invocation)
        } catch let error as RenderError {
            // In file and position order, as `validate` prints them (a near-miss on line 3
            // came before an unknown secret on line 2; found by a forty-fourth fresh tester).
            Validator.sorted(error.findings).forEach(console.finding)
            console.error(error)
            return error.exitCode
        } catch let error as any TresorError {
            console.error(error)
            return error.exitCode
        } catch {
            console.error(InternalError(underlying: "\(type(of: error))"))
            return .problems
        }
    }
}

extension CommandLineTool {
    /// True when `argument` holds a master key's text: its fixed prefix, in any letter case
    /// (a key pasted into `--display-name`, a secret name or a path by mistake).
    static func holdsKey(_ argument: String) -> Bool {
        argument.utf8.count >= 19 && argument.uppercased().contains("TRESOR-SECRET-KEY-")
    }

    /// The error for a first argument that names no command. A flag there is named as the
    /// flag parser names one, never with what follows it (`-pVALUE`, `--password=VALUE`):
    /// it could be a value typed by mistake (found by a fresh tester).
    static func unknown(_ first: String) -> UsageError {
        guard ArgumentParser.isFlag(first) else {
            return .unknownCommand(SecretName.printable(first))
        }
        if first.utf8.starts(with: [0x2D, 0x2D]) {
            let name = ArgumentParser.splitLong(first).name
            return ArgumentParser.unknownLong(
                name, known: FlagSpec.common.map(\.long), command: nil)
        }
        // The first letter that is not a switch every command takes (`-vx`: `-x`).
        let letters = first.unicodeScalars.dropFirst()
        let letter = letters.first { !isCommonSwitch($0) } ?? letters.first!
        return .unknownLeadingFlag("-" + SecretName.printable(String(letter)))
    }

    /// The flag every command takes that `argument` is (`--vault`, `--vault=DIR`, `-v`),
    /// and whether its value is attached; told by bytes, as the flag parser tells flags.
    static func commonFlag(_ argument: String) -> (flag: FlagSpec, attached: Bool)? {
        if argument.utf8.starts(with: [0x2D, 0x2D]) {
            let (name, inline) = ArgumentParser.splitLong(argument)
            return FlagSpec.common.first { $0.long == name }.map { ($0, inline != nil) }
        }
        return FlagSpec.common.first { $0.short.map { "-\($0)" } == argument }.map { ($0, false) }
    }

    /// True for the short form of a switch every command takes (`-v`, `-q`; not `-h`).
    private static func isCommonSwitch(_ letter: Unicode.Scalar) -> Bool {
        FlagSpec.common.contains {
            $0.short == Character(letter) && $0.value == nil && $0.long != "help"
        }
    }

    /// `tresor --vault DIR list` as `tresor list --vault DIR`: the flags every command takes
    /// may also stand before the command, short switches together too (`-vq`).
    static func hoistingCommonFlags(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, ArgumentParser.isFlag(first) {
            let switches =
                !first.utf8.starts(with: [0x2D, 0x2D])
                && first.unicodeScalars.dropFirst().allSatisfy(isCommonSwitch)
            if switches {
                leading.append(rest.removeFirst())
                continue
            }
            guard let (flag, attached) = commonFlag(first), flag.long != "help" else { break }
            leading.append(rest.removeFirst())
            if flag.value != nil, !attached, let value = rest.first {
                leading.append(value)
                rest = rest.dropFirst()
            }
        }
        guard let command = rest.first else { return arguments }
        return [command] + leading + Array(rest.dropFirst())
    }
}

/// An error of a kind the tool did not expect; named by type only, never by contents.
struct InternalError: TresorError {
    let underlying: String
    var message: String { "unexpected error (\(underlying))" }
    var hint: String? { "please report this with the command you ran" }
    var exitCode: ExitCode { .problems }
}
