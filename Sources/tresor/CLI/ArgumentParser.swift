import TresorKit

/// Parses a command's arguments against its ``CommandSpec``: long flags with their values
/// as `--flag VALUE` or `--flag=VALUE`, short flags as `getopt` reads them, `--` ending the
/// flags. Every mistake is a ``UsageError`` (exit code 2).
struct ArgumentParser {
    let spec: CommandSpec

    var allFlags: [FlagSpec] { spec.flags + FlagSpec.common }

    /// Flags people try for passing a value; refused with an explanation, never echoed.
    static let valueFlags: Set<String> = ["value", "password", "secret", "new-value-text"]

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var flagsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if flagsEnded || !Self.isFlag(argument) {
                parsed.positionals.append(argument)
                if spec.flagsEndAtFirstArgument { flagsEnded = true }
            } else if argument == "--" {
                flagsEnded = true
            } else if argument.utf8.starts(with: [0x2D, 0x2D]) {
                let (flag, inline) = try lookUp(argument)
                try take(flag, inline: inline, from: arguments, at: &index, into: &parsed)
            } else {
                try takeShort(argument, from: arguments, at: &index, into: &parsed)
            }
        }
        if parsed.has("help") { return parsed }
        try checkCount(parsed.positionals)
        return parsed
    }

    /// True when `argument` is a flag: `-` and at least one more byte. Told by bytes, as
    /// every split here is: Swift joins a combining mark to the `-` or `=` before it into
    /// one character, and a value after it was echoed whole (found by a fresh tester).
    static func isFlag(_ argument: String) -> Bool {
        argument.utf8.first == 0x2D && argument.utf8.count > 1
    }

    /// A long flag's name and its value after `=`, split at the first `=` byte.
    static func splitLong(_ argument: String) -> (name: String, inline: String?) {
        let body = argument.utf8.dropFirst(2)
        guard let equals = body.firstIndex(of: UInt8(ascii: "=")) else {
            return (String(decoding: body, as: UTF8.self), nil)
        }
        return (
            String(decoding: body[..<equals], as: UTF8.self),
            String(decoding: body[body.index(after: equals)...], as: UTF8.self)
        )
    }

    private func lookUp(_ argument: String) throws(UsageError) -> (FlagSpec, String?) {
        let (name, inline) = Self.splitLong(argument)
        guard let flag = allFlags.first(where: { $0.long == name }) else {
            throw Self.unknownLong(name, known: allFlags.map(\.long), command: spec.name)
        }
        return (flag, inline)
    }

    /// The error for the unknown long flag `--name` of `command` (nil before the command).
    /// A flag's name at its start means a value was run onto it (`--new-valueVALUE`): then
    /// only that flag is named, never the rest (found by a fresh tester).
    static func unknownLong(_ name: String, known: [String], command: String?) -> UsageError {
        if valueFlags.contains(name) { return .valueOnCommandLine(command ?? "tresor") }
        let prefixes = (known + valueFlags).filter {
            name.utf8.count > $0.utf8.count && name.utf8.starts(with: $0.utf8)
        }
        if let longest = prefixes.max(by: { $0.utf8.count < $1.utf8.count }) {
            if valueFlags.contains(longest) { return .valueOnCommandLine(command ?? "tresor") }
            return .flagRunOn(command, "--" + longest)
        }
        let flag = "--" + SecretName.printable(name)
        guard let command else { return .unknownLeadingFlag(flag) }
        return .unknownFlag(command, flag)
    }

    /// Short flags as `getopt` reads them: `-v`, several switches at once (`-vy`), and a
    /// flag's value as the next argument (`-o out`), attached (`-oout`) or after `=`
    /// (`-o=out`).
    private func takeShort(
        _ argument: String, from arguments: [String], at index: inout Int,
        into parsed: inout ParsedArguments
    ) throws(UsageError) {
        // Scalar by scalar, not character by character (see ``isFlag(_:)``).
        var letters = argument.unicodeScalars.dropFirst()
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let flag = allFlags.first(where: { $0.short == Character(letter) }) else {
                // Only the letter: what follows it (`-pVALUE`) may be a value typed by
                // mistake.
                throw .unknownFlag(spec.name, "-" + SecretName.printable(String(letter)))
            }
            if flag.value == nil {
                if letters.first == "=" { throw .unexpectedValue(spec.name, "--" + flag.long) }
                try take(flag, inline: nil, from: arguments, at: &index, into: &parsed)
                continue
            }
            let attached = letters.first == "=" ? letters.dropFirst() : letters
            let inline = letters.isEmpty ? nil : String(String.UnicodeScalarView(attached))
            return try take(flag, inline: inline, from: arguments, at: &index, into: &parsed)
        }
    }

    private func take(
        _ flag: FlagSpec, inline: String?, from arguments: [String], at index: inout Int,
        into parsed: inout ParsedArguments
    ) throws(UsageError) {
        guard parsed.values[flag.long] == nil, !parsed.switches.contains(flag.long) else {
            throw .repeatedFlag(spec.name, "--" + flag.long)
        }
        guard flag.value != nil else {
            guard inline == nil else { throw .unexpectedValue(spec.name, "--" + flag.long) }
            parsed.switches.insert(flag.long)
            return
        }
        // An empty value is no value: `--out ""` would otherwise name the current folder.
        if let inline, !inline.isEmpty {
            parsed.values[flag.long] = inline
        } else if inline == nil, index < arguments.count, !arguments[index].hasPrefix("--"),
            !arguments[index].isEmpty
        {
            parsed.values[flag.long] = arguments[index]
            index += 1
        } else {
            throw .missingValue(spec.name, "--" + flag.long, flag.value ?? "VALUE")
        }
    }

    private func checkCount(_ positionals: [String]) throws(UsageError) {
        if positionals.count < spec.positionals.lowerBound {
            throw .missingArgument(spec.name, spec.usage)
        }
        if positionals.count > spec.positionals.upperBound {
            throw .extraArgument(spec.name, spec.positionals.upperBound + 1)
        }
    }
}

/// The result of parsing: flag values, switches that were given, positional arguments.
struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    var switches: Set<String> = []
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { switches.contains(flag) }
    func value(_ flag: String) -> String? { values[flag] }
}
