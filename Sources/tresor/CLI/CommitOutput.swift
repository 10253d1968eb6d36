import TresorKit

/// Prints the reports of the commit checks (`hook pre-commit`, `verify`): text findings on
/// standard error, or one JSON document on standard output with `--format json`. Quiet
/// when everything is clean, unless `--verbose`.
struct CommitOutput {
    let invocation: Invocation

    /// True for `--format json`, or `--json` as the other commands spell it (refused only
    /// as a flag nobody knew; found by a twenty-eighth fresh tester); throws a usage error
    /// for a format that is neither text nor JSON. Asked before any check runs: `verify
    /// --format xml` outside a branch with an upstream said "no upstream branch" (found by a
    /// twenty-fifth fresh tester).
    func isJSON() throws -> Bool {
        if invocation.wantsJSON {
            guard [nil, "json"].contains(invocation.arguments.value("format")) else {
                throw UsageError.invalid(invocation.command, "use --json or --format, not both")
            }
            return true
        }
        return switch invocation.arguments.value("format") ?? "text" {
        case "text": false
        case "json": true
        default: throw UsageError.invalid(invocation.command, "--format is text or json")
        }
    }

    /// Prints `reports`; exit 1 when any holds an error.
    func print(_ reports: [CommitReport]) throws -> ExitCode {
        let clean = reports.allSatisfy(\.isClean)
        if try isJSON() {
            try JSONOutput.print(reports.map(json), console: invocation.console)
        } else {
            text(reports)
        }
        return clean ? .ok : .problems
    }

    private func text(_ reports: [CommitReport]) {
        let console = invocation.console
        for report in reports {
            report.findings.map(\.finding).forEach(console.finding)
            // The hook labels its reports when a merge brings in commits of their own.
            let labelled = invocation.command == "verify" || reports.count > 1
            let label = labelled ? "\(report.label): " : ""
            if !report.findings.isEmpty || !report.silenced.isEmpty {
                console.info(label + report.summary)
            } else {
                console.step(label + report.summary)
            }
        }
        guard invocation.command == "hook" else { return }
        if reports.first?.isClean == false {
            console.info("commit blocked: fix the errors above, then stage the files again")
        }
        if reports.dropFirst().contains(where: { !$0.isClean }) {
            console.info(
                "merge blocked: commits it brings in have errors (above, by commit); fix them "
                    + "on their branch: a value committed in plain text stays in that branch's "
                    + "history, so rewrite it there and rotate the secret")
        }
    }

    private func json(_ report: CommitReport) -> [String: Any] {
        let findings = report.findings.map { finding -> [String: Any] in
            var object = JSONOutput.finding(finding.finding)
            object["field"] = finding.field
            return object
        }
        return [
            "label": report.label, "findings": findings, "errors": report.errorCount,
            "allowed": report.silenced.count, "files": report.checkedFiles,
        ]
    }
}
