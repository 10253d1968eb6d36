import Foundation
import Testing

@testable import TresorKit

/// `UsageListing` streams exactly what `usage` printed when it held every reference: the
/// text lines, and for `--json` the bytes `JSONSerialization` wrote; whatever the memory
/// budget (rows spilled to many runs) and however many files are read at once.
@Suite struct UsageListingTests {
    /// The text `usage` printed from a whole ``UsageReport``.
    private func wholeText(_ report: UsageReport, only: SecretName? = nil) -> String {
        let missing = absent(report, only: only)
        var text = ""
        for name in only.map({ [$0] }) ?? (report.secrets + report.missing).sorted() {
            text += name.text + (missing.contains(name) ? "  (not in the vault)" : "") + "\n"
            let references = report.references(to: name)
            if references.isEmpty { text += "  used nowhere\n" }
            for reference in references { text += "  " + UsageRow.text(reference) + "\n" }
        }
        guard only == nil else { return text }
        let unused = report.unused.map(\.text)
        let absent = report.missing.map(\.text)
        text += "\nunused secrets: " + (unused.isEmpty ? "none" : unused.joined(separator: ", "))
        text += "\nreferences to missing secrets: "
        return text + (absent.isEmpty ? "none" : absent.joined(separator: ", ")) + "\n"
    }

    /// The document `usage --json` built from a whole report, as `JSONSerialization`
    /// wrote it.
    private func wholeJSON(_ report: UsageReport, only: SecretName? = nil) throws -> String {
        let missing = absent(report, only: only)
        let names = only.map { [$0] } ?? (report.secrets + report.missing).sorted()
        let secrets = names.map { name -> [String: Any] in
            [
                "name": name.text, "exists": !missing.contains(name),
                "uses": report.references(to: name).map(object),
            ]
        }
        var document: [String: Any] = ["secrets": secrets]
        if only == nil {
            document["unused"] = report.unused.map(\.text)
            document["missing"] = report.missing.map(\.text)
        }
        let data = try JSONSerialization.data(
            withJSONObject: document,
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The names labelled as not in the vault: the missing ones, and `only` when the
    /// vault has no secret of that name.
    private func absent(_ report: UsageReport, only: SecretName?) -> Set<SecretName> {
        let asked = only.map { report.secrets.contains($0) ? [] : [$0] } ?? []
        return Set(report.missing + asked)
    }

    private func object(_ reference: PlaceholderReference) -> [String: Any] {
        var object: [String: Any] = [
            "secret": reference.name.text, "path": reference.location.path,
            "line": reference.location.line, "column": reference.location.column,
            "parameter": reference.parameter, "field": reference.fieldPath,
            "context": reference.context.description,
        ]
        object["process"] = reference.process.map { process -> [String: Any] in
            var value: [String: Any] = ["id": process.id]
            value["name"] = process.name
            return value
        }
        object["task"] = reference.task.map { task -> [String: Any] in
            var value: [String: Any] = ["id": task.id, "kind": task.kind]
            value["name"] = task.name
            return value
        }
        return object
    }

    /// In memory and one batch; spilled every few rows; merged in many levels; one file
    /// at a time.
    static let settings = [
        (UsageRowSorter.defaultBudget, ProcessScan.defaultBatchSize), (300, 3), (1, 1),
    ]

    @Test(arguments: settings)
    func textIsWhatTheWholeReportPrinted(budget: Int, batchSize: Int) throws {
        let fixture = try UsageFixture()
        let listing = try fixture.list(.text, budget: budget, batchSize: batchSize)
        #expect(listing.text == wholeText(try fixture.report()))
        #expect(listing.text.contains("NOT_THERE  (not in the vault)\n"))
        #expect(listing.text.contains("OLD_TOKEN\n  used nowhere\n"))
        #expect(budget > 1000 ? listing.runs == 0 : listing.runs > 10)
    }

    @Test(arguments: settings)
    func jsonIsWhatJSONSerializationWrote(budget: Int, batchSize: Int) throws {
        let fixture = try UsageFixture()
        let listing = try fixture.list(.json, budget: budget, batchSize: batchSize)
        #expect(listing.text == (try wholeJSON(try fixture.report())))
        #expect(listing.text.contains(#"\"fast\" \\ / \t\n<é 😀 &"#))
        #expect(budget > 1000 ? listing.runs == 0 : listing.runs > 10)
    }

    @Test(arguments: ["FTP_PASSWORD", "NOT_THERE", "OLD_TOKEN", "NEVER_SEEN"])
    func oneSecretListsItsOwnReferencesOnly(name: String) throws {
        let fixture = try UsageFixture()
        let report = try fixture.report()
        let only = try SecretName(name)
        #expect(
            try fixture.list(.text, only: name, budget: 200).text == wholeText(report, only: only))
        #expect(
            try fixture.list(.json, only: name, budget: 200).text
                == (try wholeJSON(report, only: only)))
    }

    @Test func aFolderWithoutReferencesListsEverySecretAsUsedNowhere() throws {
        let fixture = try UsageFixture(files: 0)
        try FileManager.default.removeItem(atPath: fixture.processes + "/upload")
        let report = try fixture.report()
        #expect(try fixture.list(.text).text == wholeText(report))
        #expect(try fixture.list(.json).text == (try wholeJSON(report)))
        #expect(try fixture.list(.json).text.contains("\"missing\" : [\n\n  ],"))
    }

    @Test func noRunFileIsLeftInTheTemporaryFolder() throws {
        let fixture = try UsageFixture()
        #expect(try fixture.list(.json, budget: 100).runs > 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.runs).isEmpty)
    }
}
