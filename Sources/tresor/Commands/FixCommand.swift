import Foundation
import TresorKit

/// `tresor fix [--processes DIR] [--dry-run]`: near-misses rewritten to `{{secret:NAME}}`.
enum FixCommand {
    static let spec = CommandSpec(
        name: "fix", summary: "rewrite near-miss placeholders to {{secret:NAME}}",
        usage: "[--processes DIR] [--dry-run]",
        details: """
            Rewrites near-miss placeholders in the process files ({{secrets.NAME}},
            {{ secret:NAME }}, {{SECRET:NAME}}, {{secret.NAME}}, {secret:NAME}) to the
            canonical {{secret:NAME}}, where the name is clear and the secret exists in the
            vault. Prints each change as a diff of the placeholder (never the line around
            it) first, then writes; --dry-run only prints. Near-misses it cannot fix are
            listed with the reason; a file that does not parse is left whole. Exit 1 when
            some are left or a file does not parse.
            """,
        flags: [.processes, .flag("dry-run", "show the changes, write nothing", short: "n")],
        positionals: 0...0, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let vault = try invocation.openVault()
        let names = Set(try vault.names())
        let folder = try invocation.processesFolder(vault)
        // A usage error, as for the other commands that read the folder; it was a file
        // error (exit 6; found by a sixth fresh tester). The default folder missing is a
        // vault without processes: nothing to fix.
        if !FileReader.isFolder(folder) {
            guard invocation.arguments.value("processes") == nil,
                FileTree.kind(of: folder) == .missing
            else {
                throw UsageError.invalid(
                    "fix", "process folder \(folder) does not exist or is not a folder")
            }
            invocation.console.info("no process folder at \(folder); nothing to fix")
            return .ok
        }
        let display = invocation.displayPath(folder)
        let dryRun = invocation.arguments.has("dry-run")
        var (fixed, left, files, unparsed) = (0, 0, 0, 0)
        for relative in try ProcessFolder.files(in: folder) {
            let path = folder + "/" + relative
            let shown = display == "." ? relative : display + "/" + relative
            let bytes = try FileReader.read(path, limit: ProcessFolder.maximumFileSize)
            let kind = ProcessFolder.kind(of: relative)!
            // A file that does not parse is left whole, and counts as left: its near-misses
            // after the problem cannot be seen, and one fixed before it would leave the file
            // broken and the exit status 0 (found by a fresh tester).
            let document = ProcessFolder.document(bytes: bytes, path: shown, kind: kind)
            if let problem = document.unreadable {
                invocation.console.warning(
                    "\(problem.location): not fixed: the file does not parse (\(problem.rule)); "
                        + "fix that first (tresor validate says how)")
                unparsed += 1
                continue
            }
            let fixes = PlaceholderFixer.plan(bytes, path: shown, kind: kind) {
                names.contains($0)
            }
            let (output, applied) = PlaceholderFixer.applyEach(fixes, to: bytes, kind: kind)
            left += report(fixes, applied: applied, console: invocation.console)
            guard !applied.isEmpty else { continue }
            if !dryRun { try write(output, to: path) }
            fixed += applied.count
            files += 1
        }
        let verb = dryRun ? "would fix" : "fixed"
        let notRead =
            unparsed == 0 ? "" : ", \(count(unparsed, "file")) not read (it does not parse)"
        invocation.console.info(
            "\(verb) \(count(fixed, "near-miss placeholder")) in \(count(files, "file")), "
                + "\(left) left" + notRead)
        return left == 0 && unparsed == 0 ? .ok : .problems
    }

    /// Prints the diff of each fix made and a line for each near-miss left; returns how
    /// many are left. The fixes made are looked up in a set: looked through for each fix,
    /// a file of 20,000 near-misses took 9.7 s (found by a tester).
    private static func report(
        _ fixes: [PlaceholderFixer.Fix], applied: [PlaceholderFixer.Fix], console: Console
    ) -> Int {
        let made = Set(applied)
        var left = 0
        for fix in fixes {
            if let replacement = fix.replacement, made.contains(fix) {
                console.print("--- \(fix.location)\n-\(fix.text)\n+\(replacement)")
            } else {
                let reason = fix.reason ?? "the rewrite would not read back as the placeholder"
                console.warning("\(fix.location): left \"\(fix.text)\": \(reason)")
                left += 1
            }
        }
        return left
    }

    /// Replaces the file atomically, keeping its permissions.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes?[.posixPermissions] as? Int).map { mode_t($0) } ?? 0o644
        try AtomicFile.write(bytes, to: path, mode: mode)
    }
}
