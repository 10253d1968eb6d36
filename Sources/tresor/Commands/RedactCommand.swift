import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// `tresor redact`: standard input to standard output with every secret value masked.
enum RedactCommand {
    static let spec = CommandSpec(
        name: "redact", summary: "mask every secret value in standard input as ***",
        usage: "[--min-length N]",
        details: """
            Copies standard input to standard output, replacing each secret value, and
            every master key it finds, with ***: the value as it is, JSON-escaped (also with
            \\/ and \\uXXXX), URL-encoded (%XX, either case, + for space), base64 (standard
            and URL-safe, also inside a longer base64 text) and each line of a multi-line
            value on its own, and the forms render writes and HTML and XML escaping. It
            streams: a value split across two reads is still masked; output is written as
            it arrives, but for a tail that could start a form (at most the longest form's
            length minus one byte), held back until more input or the end arrives. Values
            shorter than --min-length bytes (default 6) are not masked, since masking 1 or
            true everywhere destroys a log; their names are listed on standard error.
            Needs the master key.
            """,
        flags: [.option("min-length", "N", "mask values of at least N bytes (default 6)")],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let minimum = try minimumLength(invocation)
        let vault = try invocation.openVault()
        let keys = invocation.keyRing()
        let resolver = ValueResolver(vault: vault, keys: keys)
        // The master keys too, each by its material (with its prefix or without): a command
        // run by `Hooks/deploy.sh` may print one. The vault's key, and every key the
        // environment holds (the old key a rekey leaves opens the values in git history).
        _ = try keys.key(for: vault.config.keyID)
        var values: [SecretBytes] = []
        var short: [String] = []
        var untrimmed: [String] = []
        var encodedOnly: [String] = []
        var shortLines: [String] = []
        for name in try vault.names() {
            let value = try resolver.value(of: name)
            if value.count < minimum {
                short.append(name.text)
                continue
            }
            values.append(value)
            let forms = Redactor.shortForms(of: value, minimumLength: minimum)
            if forms.rawUnmasked {
                encodedOnly.append(name.text)
            } else if forms.untrimmed {
                untrimmed.append(name.text)
            }
            if forms.shortLines { shortLines.append(name.text) }
        }
        let masterKeys = keys.loadedKeys + KeyStore.heldKeys(environment: invocation.environment)
        var keyIDs: Set<String> = []
        var keyTexts: [SecretBytes] = []
        for key in masterKeys where keyIDs.insert(key.keyID.text).inserted {
            keyTexts.append(key.encoded.withUnsafeBytes { SecretBytes($0.dropLast()) })
            keyTexts.append(key.encodedBody)
            // The characters of the body that encode the key alone (its checksum cut off;
            // found by a third fresh tester).
            keyTexts.append(key.encodedBody.withUnsafeBytes { SecretBytes($0.prefix(42)) })
        }
        if !short.isEmpty {
            invocation.console.warning(
                "not masked, shorter than \(minimum) bytes: " + short.joined(separator: ", "))
        }
        if !untrimmed.isEmpty {
            invocation.console.warning(
                "masked only with the white space at their ends, shorter than \(minimum) bytes "
                    + "without it: " + untrimmed.joined(separator: ", "))
        }
        if !encodedOnly.isEmpty {
            invocation.console.warning(
                "masked only escaped or encoded (JSON, URL, base64), not as typed, shorter than "
                    + "\(minimum) bytes after their leading line breaks: "
                    + encodedOnly.joined(separator: ", "))
        }
        if !shortLines.isEmpty {
            invocation.console.warning(
                "lines shorter than \(minimum) bytes are not masked on their own, in: "
                    + shortLines.joined(separator: ", "))
        }
        invocation.console.step(
            "masking \(count(values.count, "value")) and " + count(keyIDs.count, "master key"))
        var redactor = Redactor(values: values, keys: keyTexts, minimumLength: minimum)
        try stream(&redactor, console: invocation.console)
        return .ok
    }

    private static func minimumLength(_ invocation: Invocation) throws -> Int {
        guard let text = invocation.arguments.value("min-length") else {
            return Redactor.defaultMinimumLength
        }
        // A number too large for Int was told it must be "at least 3" (found by a sixth
        // fresh tester); above the longest value nothing would be masked.
        let most = SecretValueRules.maximumLength
        guard let number = Int(text), (3...most).contains(number) else {
            throw UsageError.invalid(
                "redact", "--min-length must be a whole number from 3 to \(most)")
        }
        return number
    }

    /// Reads standard input in chunks until its end, writing what is safe after each. The
    /// input may hold values, so it is read into a wiped array.
    private static func stream(_ redactor: inout Redactor, console: Console) throws {
        let chunk = WipedArray(repeatElement(UInt8(0), count: 64 * 1024))
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError.system("read", "standard input", errno)
            }
            if count == 0 { break }
            let safe = chunk.withUnsafeBytes { redactor.feed($0[0..<count]) }
            safe.withUnsafeBytes { console.writeData($0) }
        }
        redactor.finish().withUnsafeBytes { console.writeData($0) }
    }
}
