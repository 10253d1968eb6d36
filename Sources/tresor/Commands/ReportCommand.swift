import Foundation
import TresorKit

/// `tresor report [--out FILE]`: one self-contained HTML page of the vault's metadata and
/// its usage. Never a value.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report", summary: "write an HTML page: secrets, usage, missing, problems",
        usage: "[--out FILE] [--processes DIR] [--deploy DIR] [--force]",
        details: """
            One self-contained HTML page (nothing loaded from anywhere, readable without
            JavaScript, searchable with it): the secrets by type with display names and
            audit stamps; for each secret the processes, tasks and fields that use it; unused
            secrets; references to missing secrets; near-misses and other problems; with
            --deploy DIR (a folder `tresor render` or `deploy` wrote), the outputs stale because
            a secret or a process file changed since. Metadata only: no value, ever; needs no
            master key. Written to --out FILE (replaced only with --force), else standard
            output.
            """,
        flags: [
            .option("out", "FILE", "the HTML file to write", short: "o"),
            .processes,
            .option(
                "deploy", "DIR", "a render or deploy output folder, to list its stale outputs"),
            .flag("force", "replace an existing output file"),
        ],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let arguments = invocation.arguments
        let folder = try invocation.processesFolder(vault)
        let hasProcesses = FileReader.isFolder(folder)
        // Something that is no folder where the default one goes is no missing folder
        // (the page said "0 placeholders"; found by a third fresh tester).
        if !hasProcesses,
            arguments.value("processes") != nil || FileTree.kind(of: folder) != .missing
        {
            throw UsageError.invalid(
                spec.name, "process folder \(folder) does not exist or is not a folder")
        }
        // The output is checked before the work, as every output is: what appears there
        // meanwhile is never replaced (it was checked only at the end; found by a fifth
        // fresh tester).
        let out = arguments.value("out").map(invocation.environment.absolute)
        var replacing = AtomicFile.Replacing.nothing
        if let out {
            try OutputGuard(protected: [vault.folder, folder], environment: invocation.environment)
                .checkFile(out, replace: arguments.has("force"))
            replacing = .output(out, force: arguments.has("force"))
        }
        var builder = ReportBuilder(
            vault: vault, processesFolder: hasProcesses ? folder : nil,
            displayPrefix: invocation.displayPath(folder))
        builder.deployFolder = arguments.value("deploy").map(invocation.environment.absolute)
        let model = try invocation.withProgress("reading process files") {
            builder.progress = $0
            return try builder.build(now: invocation.environment.now())
        }
        if let note = model.staleNote { invocation.console.warning(note) }
        let page = Array(HTMLReport.page(model).utf8)
        // The page lists every finding; a broken vault file, whose secret the page cannot
        // show, is also said here, where a script or a person running the command sees it.
        for finding in model.findings
        where finding.severity == .error && finding.location.path.hasPrefix(vault.folder) {
            invocation.console.warning(
                "\(finding.location): \(finding.rule): \(finding.message) (the page leaves "
                    + "this secret out; `tresor validate` lists every problem)")
        }
        guard let out else {
            invocation.console.writeData(page)
            return .ok
        }
        try AtomicFile.write(page, to: out, mode: 0o644, replacing: replacing)
        invocation.console.info(
            "wrote \(invocation.displayPath(out)): \(count(model.secrets.count, "secret")), "
                + "\(count(model.references.count, "placeholder")), "
                + "\(count(model.missing.count, "missing secret"))")
        return .ok
    }
}
