import TresorKit

/// `tresor dotenv [--only NAMES] [--out FILE]`: secrets as `NAME='value'` lines.
enum DotEnvCommand {
    static let spec = CommandSpec(
        name: "dotenv", summary: "write secrets as NAME='value' lines for a shell",
        usage: "[--only NAMES] [--out FILE] [--force]",
        details: """
            Writes one NAME='value' line per secret (all, or those --only names) to
            standard output or --out FILE (mode 0600). Values are single-quoted for a POSIX
            shell, ' written as '\\'', so `set -a; . FILE` reads each value byte for byte,
            multi-line values and $, `, \\ included. The file holds plaintext: prefer
            `tresor exec`, which writes nothing. Needs the master key.
            """,
        flags: [
            .only, .option("out", "FILE", "write to FILE instead of standard output", short: "o"),
            .flag("force", "replace an existing FILE"),
        ],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let out = invocation.arguments.value("out").map(invocation.environment.absolute)
        if let out {
            try OutputGuard(
                protected: [vault.folder, vault.processesFolder],
                environment: invocation.environment
            ).checkFile(out, replace: invocation.arguments.has("force"))
            invocation.warnIfInRepository(out, vault)
        }
        // What is at the output now may be replaced (with --force); what appears later
        // never is.
        let replacing = out.map {
            AtomicFile.Replacing.output($0, force: invocation.arguments.has("force"))
        }
        let values = try invocation.openValues(invocation.selectedNames(in: vault), in: vault)
        let text = WipedArray<UInt8>()
        for (name, value) in values {
            DotEnv.line(name, value).withUnsafeBytes { text.append(contentsOf: $0) }
        }
        if let out {
            try text.withUnsafeBytes { bytes throws(FileError) in
                try AtomicFile.write(
                    bytes, to: out, mode: 0o600, replacing: replacing ?? .nothing)
            }
            let written = count(values.count, "secret")
            invocation.console.info(
                "wrote \(written) to \(invocation.displayPath(out)) (mode 0600)")
        } else {
            text.withUnsafeBytes { invocation.console.writeData($0) }
        }
        return .ok
    }
}
