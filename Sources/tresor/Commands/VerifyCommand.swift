import TresorKit

/// `tresor verify [REV-RANGE]`: the pre-commit checks over every commit of a range, for CI.
enum VerifyCommand {
    static let spec = CommandSpec(
        name: "verify", summary: "run the pre-commit checks over every commit of a range (CI)",
        usage: "[REV-RANGE] [--format text|json | --json]",
        details: """
            Runs the checks of `tresor hook pre-commit` on each commit of REV-RANGE
            (default: @{upstream}..HEAD, the commits not yet on the upstream branch), each
            against its first parent, with the commit's author. A commit made with
            `git commit --no-verify` is caught here. Merge commits count only the files
            that differ from every parent. Exit 1 when any commit has an error.
            """,
        flags: [.format, .json], positionals: 0...1, run: run)

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let output = CommitOutput(invocation: invocation)
        _ = try output.isJSON()
        let top = try GitSnapshot.topLevel(of: invocation.environment.currentDirectory)
        let range = invocation.arguments.positionals.first ?? GitSnapshot.defaultRange
        let commits = try GitSnapshot.commits(in: range, top: top)
        let folder = try invocation.vaultFolder(top: top)
        let check = CommitCheck(vaultFolder: folder)
        // A vault elsewhere than `vault/` is checked only when named: without a word, its
        // key swap passed as "0 with errors" (found by a twenty-seventh fresh tester).
        let config = top + "/" + (folder.isEmpty ? "" : folder + "/") + Vault.configFile
        if !FileReader.exists(config) {
            invocation.console.warning(
                "no vault.yaml at \(folder.isEmpty ? "the top" : folder + "/") of the work "
                    + "tree: the vault's checks cover that folder only; pass --vault DIR "
                    + "for a vault elsewhere")
        }
        var reports: [CommitReport] = []
        for commit in commits {
            let report = try check.run(try GitSnapshot.commit(commit, top: top))
            invocation.console.step("\(report.label): \(report.summary)")
            reports.append(report)
        }
        let code = try output.print(
            reports.filter { !$0.findings.isEmpty || !$0.silenced.isEmpty })
        let blocked = reports.filter { !$0.isClean }.count
        // On standard error with JSON too: `[]` alone did not say how many commits were
        // checked (found by a twenty-fifth fresh tester).
        invocation.console.info(
            "\(count(commits.count, "commit")) checked, \(blocked) with errors")
        return code
    }
}
