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
            if flagsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                if spec.flagsEndAtFirstArgument { flagsEnded = true }
            } else if argument == "--" {
                flagsEnded = true
            } else if argument.hasPrefix("--") {
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

    private func lookUp(_ argument: String) throws(UsageError) -> (FlagSpec, String?) {
        let body = argument.dropFirst(2)
        let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
        guard let flag = allFlags.first(where: { $0.long == name }) else {
            if Self.valueFlags.contains(name) { throw .valueOnCommandLine(spec.name) }
            throw .unknownFlag(spec.name, "--" + name)
        }
        return (flag, inline)
    }

    /// Short flags as `getopt` reads them: `-v`, several switches at once (`-vy`), and a
    /// flag's value as the next argument (`-o out`), attached (`-oout`) or after `=`
    /// (`-o=out`).
    private func takeShort(
        _ argument: String, from arguments: [String], at index: inout Int,
        into parsed: inout ParsedArguments
    ) throws(UsageError) {
        var letters = argument.dropFirst()
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let flag = allFlags.first(where: { $0.short == letter }) else {
                // Only the letter: what follows it (`-pVALUE`) may be a value typed by
                // mistake.
                throw .unknownFlag(spec.name, "-" + String(letter))
            }
            if flag.value == nil {
                if letters.first == "=" { throw .unexpectedValue(spec.name, "--" + flag.long) }
                try take(flag, inline: nil, from: arguments, at: &index, into: &parsed)
                continue
            }
            let attached = letters.first == "=" ? letters.dropFirst() : letters
            let inline = letters.isEmpty ? nil : String(attached)
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
