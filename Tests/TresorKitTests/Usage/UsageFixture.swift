import Foundation

@testable import TresorKit

/// A process folder for the usage tests: BPMN files of Camunda 7 and Zeebe tasks and a
/// JSON task input, with process and task names that JSON must escape, references to two
/// of the vault's three secrets and to one it lacks; plus an empty folder for sort runs.
final class UsageFixture {
    let root: String
    var processes: String { root + "/processes" }
    var runs: String { root + "/runs" }
    let secrets = ["API_TOKEN", "FTP_PASSWORD", "OLD_TOKEN"].map { try! SecretName($0) }

    init(files: Int = 24) throws {
        root =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("tresor-usage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: runs, withIntermediateDirectories: true)
        try write("upload/send.json", #"{"a": "{{secret:NOT_THERE}} {{secret:FTP_PASSWORD}}"}"#)
        for index in 0..<files {
            try write("p\(index / 10)/process-\(index).bpmn", Self.process(index))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A process whose tasks use FTP_PASSWORD and API_TOKEN in turn; every third one has
    /// a name (XML-escaped here) with quotes, a backslash, a slash, a tab, a line break,
    /// non-ASCII text and an emoji.
    static func process(_ index: Int) -> String {
        let name =
            index % 3 == 0
            ? #"Order &quot;fast&quot; \ / &#9;&#10;&lt;é 😀 &amp; \#(index)"# : "P\(index)"
        let secret = index % 2 == 0 ? "FTP_PASSWORD" : "API_TOKEN"
        return BPMNFixture.definitions(
            """
            <bpmn:serviceTask id="Task_\(index)" name="\(name)"><bpmn:extensionElements>
              <camunda:inputOutput>
                <camunda:inputParameter name="password">{{secret:\(secret)}}
                </camunda:inputParameter>
                <camunda:inputParameter name="body">{"user": "u", "auth": ["{{secret:API_TOKEN}}"]}
                </camunda:inputParameter>
              </camunda:inputOutput>
            </bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="Zeebe_\(index)"><bpmn:extensionElements>
              <zeebe:ioMapping>
                <zeebe:input source="= &quot;Bearer {{secret:\(secret)}}&quot;" target="auth"/>
              </zeebe:ioMapping>
            </bpmn:extensionElements></bpmn:serviceTask>
            """, processName: name)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: processes + "/" + path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The listing, written whole, and the number of runs it spilled.
    func list(
        _ format: UsageListing.Format, only: String? = nil,
        budget: Int = UsageRowSorter.defaultBudget, batchSize: Int = ProcessScan.defaultBatchSize
    ) throws -> (text: String, runs: Int) {
        var options = UsageListing.Options(
            format: format, only: try only.map { try SecretName($0) }, temporaryFolder: runs)
        options.budget = budget
        options.batchSize = batchSize
        let listing = try UsageListing(
            folder: processes, displayPrefix: "processes", options: options)
        let output = Output()
        try listing.write(secrets: secrets) { output.bytes.append(contentsOf: $0) }
        return (String(decoding: output.bytes, as: UTF8.self), listing.spilledRuns)
    }

    /// Every reference of the folder, held whole: what `usage` printed from before it
    /// streamed.
    func report() throws -> UsageReport {
        let documents = try ProcessScan.documents(
            in: processes, displayPrefix: "processes", referencesOnly: true)
        return UsageReport(secrets: secrets, documents: documents)
    }

    private final class Output {
        var bytes: [UInt8] = []
    }
}
