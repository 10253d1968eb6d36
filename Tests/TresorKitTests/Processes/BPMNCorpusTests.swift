import Foundation
import Testing

@testable import TresorKit

/// The reader on real files from public projects (`../shared/corpus/bpmn-public`).
@Suite struct BPMNCorpusTests {
    private func read(_ path: String) throws -> ProcessDocument {
        BPMNReader.read(bytes: try Corpus.bytes(path), path: path)
    }

    @Test(arguments: Corpus.files())
    func everyFileReadsWithoutXMLErrors(_ path: String) throws {
        let document = try read(path)
        #expect(
            !document.findings.contains { $0.rule == .xml || $0.rule == .xmlDoctype }, "\(path)")
        #expect(!document.processes.isEmpty || path.contains("no-such"), "\(path)")
    }

    /// Files whose SOURCES.md notes mention `{{secrets.` must report Camunda-form near-misses,
    /// one per occurrence in the file.
    @Test func camundaFormFilesReportNearMisses() throws {
        let sources = try String(
            contentsOf: Corpus.root.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let noted = sources.split(separator: "\n").filter {
            $0.hasPrefix("| `") && $0.contains("{{secrets.")
        }
        .compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(noted.count >= 3)
        for path in noted {
            let document = try read(path)
            let text = String(decoding: try Corpus.bytes(path), as: UTF8.self)
            let occurrences = text.components(separatedBy: "{{secrets.").count - 1
            let nearMisses = document.findings.filter {
                $0.rule == .nearMiss && $0.message.contains("Camunda")
            }
            #expect(nearMisses.count == occurrences && occurrences > 0, "\(path)")
            #expect(document.references.isEmpty, "\(path)")
        }
    }

    @Test func derivedFilesYieldReferencesPerTask() throws {
        let document = try read(
            "derived/c8-connectors-outbound-multiple-tasks-with-secrets.derived.bpmn")
        #expect(document.findings.isEmpty)
        let seen = document.references.map { "\($0.task?.id ?? "-") \($0.name)" }
        #expect(
            seen == ["task-alpha SECRET_ALPHA", "task-beta SECRET_BETA", "task-beta SECRET_GAMMA"])
        let types = try read("derived/c8-connectors-outbound-task-types.derived.bpmn")
        #expect(
            Set(types.references.compactMap { $0.task?.kind })
                == ["sendTask", "scriptTask", "businessRuleTask"])
    }

    @Test func legacyBareSecretInTheDerivedFileIsAWarning() throws {
        let document = try read("derived/c8-connectors-outbound-with-secrets.derived.bpmn")
        #expect(document.references.map(\.name.text) == ["API_KEY"])
        #expect(
            document.references.first?.context
                == EscapeContext(inner: .plainText, outer: .xmlAttribute(quote: 34)))
        #expect(document.findings.map(\.rule) == [.camundaSecretReference])
        let lint = try read("c8-lint-deprecated-secret-correlation-key.bpmn")
        #expect(lint.findings.map(\.rule) == [.camundaSecretReference])
    }
}
