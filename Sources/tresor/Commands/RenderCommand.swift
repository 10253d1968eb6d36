import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// `tresor render [FILE | DIR | -] [--out PATH]`: task inputs with placeholders resolved.
enum RenderCommand {
    static let spec = CommandSpec(
        name: "render", summary: "resolve placeholders in a task input or a process folder",
        usage: "[FILE | DIR | -] [--out PATH] [--force]",
        details: """
            A JSON task input or a BPMN file (FILE, or - for a JSON input on standard input)
            is written to standard output or --out FILE. A process folder (DIR, default: the
            vault's processes setting) is written to --out DIR, mirroring it: BPMN and JSON
            files with their task inputs resolved, other files copied; files 0600, folders
            0700. All or nothing: an unknown secret, a near-miss or any other problem is
            reported with file, process, task and field, and nothing is written.
            Each value is escaped for where it lands (JSON string, FEEL string, XML text,
            CDATA, attribute). Needs the master key.
            """,
        flags: [
            .option(
                "out", "PATH", "output file, or output folder for a process folder", short: "o"),
            .flag("force", "replace an existing output file, or a folder an earlier render wrote"),
        ],
        positionals: 0...1, run: run, operand: .file)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        // Standard output is never replaced: --force alone says its user expected a file
        // (it was taken without a word; found by a twenty-eighth fresh tester).
        if invocation.arguments.value("out") == nil, invocation.arguments.has("force") {
            throw UsageError.invalid("render", "--force replaces an output, so it needs --out")
        }
        let vault = try invocation.openVault()
        let target = invocation.arguments.positionals.first
        let out = invocation.arguments.value("out").map(invocation.environment.absolute)
        if target == "-" {
            let bytes = try FileReader.readAll(0, path: "standard input", limit: 64 << 20)
            return try renderFile(bytes, path: "-", kind: .json, out: out, vault, invocation)
        }
        let path = try invocation.withinPathLimit(
            target.map(invocation.environment.absolute) ?? vault.processesFolder)
        if FileReader.isFolder(path) {
            // Named on the command line, a folder holding the vault, or the vault, would be
            // rendered with the vault's files in it (found by a tenth fresh tester).
            if let target { try invocation.refuseVaultOverlap(path, given: target, vault: vault) }
            return try renderFolder(path, out: out, vault, invocation)
        }
        guard FileReader.exists(path) else {
            throw UsageError.invalid("render", "\(invocation.displayPath(path)) does not exist")
        }
        guard let kind = ProcessFolder.kind(of: path) else {
            // Without an argument the vault's process folder was meant (a file there was
            // called no .bpmn or .json file; found by a third fresh tester).
            guard target != nil else {
                throw UsageError.invalid(
                    "render", "the process folder \(invocation.displayPath(path)) is not a folder")
            }
            throw UsageError.invalid("render", "\(path) is not a .bpmn, .bpmn20.xml or .json file")
        }
        let bytes = try FileReader.read(path, limit: ProcessFolder.maximumFileSize)
        return try renderFile(
            bytes, path: invocation.displayPath(path), kind: kind, out: out, vault, invocation,
            within: vault.processesFolder, input: path)
    }

    private static func renderFile(
        _ bytes: [UInt8], path: String, kind: ProcessDocument.Kind, out: String?, _ vault: Vault,
        _ invocation: Invocation, within folder: String? = nil, input: String? = nil
    ) throws -> ExitCode {
        // What is at the output now may be replaced (with --force); what appears later
        // never is.
        var replacing = AtomicFile.Replacing.nothing
        if let out {
            let guarded = [vault.folder, vault.processesFolder] + (input.map { [$0] } ?? [])
            try OutputGuard(protected: guarded, environment: invocation.environment).checkFile(
                out, replace: invocation.arguments.has("force"))
            replacing = .output(out, force: invocation.arguments.has("force"))
            invocation.warnIfInRepository(out, vault)
        }
        let document = Self.document(bytes, path: path, kind: kind, folder, invocation)
        let resolver = invocation.resolver(for: vault)
        let problems = DocumentRenderer.problems(in: document, exists: resolver.exists)
        guard problems.isEmpty else { throw RenderError.blocked(problems) }
        // A WipedArray: wiped once written.
        let rendered = try DocumentRenderer.render(bytes, document, resolver: resolver)
        if let out {
            try rendered.withUnsafeBytes { raw throws(FileError) in
                try AtomicFile.write(
                    raw, to: out, mode: 0o600, replacing: replacing)
            }
            invocation.console.step("wrote \(invocation.displayPath(out)) (mode 0600)")
        } else {
            rendered.withUnsafeBytes { invocation.console.writeData($0) }
        }
        invocation.console.step(
            "resolved \(count(document.references.count, "placeholder")) from "
                + count(resolver.openedCount, "secret"))
        return .ok
    }

    /// The document of a single file; a file inside the process folder is named by its path
    /// there, so `<process id>/<task id>.json` identifies its process and task.
    private static func document(
        _ bytes: [UInt8], path: String, kind: ProcessDocument.Kind, _ folder: String?,
        _ invocation: Invocation
    ) -> ProcessDocument {
        let absolute = invocation.environment.absolute(path)
        guard let folder, let relative = absolute.relativePath(in: folder).map(String.init) else {
            return ProcessFolder.document(bytes: bytes, path: path, kind: kind)
        }
        var document = ProcessFolder.document(bytes: bytes, path: relative, kind: kind)
        document.prefixPaths(with: invocation.displayPath(folder))
        return document
    }

    private static func renderFolder(
        _ folder: String, out: String?, _ vault: Vault, _ invocation: Invocation
    ) throws -> ExitCode {
        guard let out else {
            throw UsageError.invalid("render", "rendering a folder needs --out DIR")
        }
        try OutputGuard.checkSource(
            folder, keys: KeyStore.protectedLocations(environment: invocation.environment))
        var renderer = FolderRenderer(
            source: folder, output: out, replace: invocation.arguments.has("force"),
            displayPrefix: invocation.displayPath(folder))
        renderer.protected =
            [vault.folder, vault.processesFolder]
            + KeyStore.protectedLocations(environment: invocation.environment)
        try OutputGuard(protected: renderer.protected + [folder]).checkFolder(
            out, replace: renderer.replace)
        invocation.warnIfInRepository(out, vault)
        let resolver = invocation.resolver(for: vault)
        let listing = try FileTree.walk(under: folder)
        let summary = try invocation.withProgress("rendering") {
            renderer.progress = $0
            return try renderer.render(resolver: resolver, listing: listing)
        }
        try ProcessScan.unreadFindings(
            in: folder, displayPrefix: invocation.displayPath(folder), listing: listing
        ).forEach(invocation.console.finding)
        invocation.console.info(
            "rendered \(count(summary.rendered, "process file")) "
                + "(\(count(summary.placeholders, "placeholder")), "
                + "\(count(summary.secrets, "secret"))) and copied "
                + "\(count(summary.copied, "other file")) into \(invocation.displayPath(out))")
        if let leftover = summary.leftover {
            throw LeftoverOutputError(path: invocation.displayPath(leftover))
        }
        return .ok
    }
}
