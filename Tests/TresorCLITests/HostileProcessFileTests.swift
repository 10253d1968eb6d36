import Foundation
import Testing

/// Hostile and broken process files, through the commands: refused with a located
/// finding, nothing rendered, nothing expanded or fetched, no crash, in bounded time.
@Suite struct HostileProcessFileTests {
    static let definitions =
        #"<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" "#
        + #"xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">"#

    /// A workspace with one secret and a canary file an external entity could pull in.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("API_TOKEN", "token", "fake-api-token")])
        try workspace.write("canary.txt", "fake-entity-canary")
        return workspace
    }

    /// `validate` and `render` on the folder both refuse, quote no canary, write nothing.
    private func expectRefused(
        _ workspace: Workspace, rule: String, _ comment: Comment? = nil
    ) throws {
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 1, comment)
        #expect(validate.stderr.contains(": \(rule): "), "\(validate.stderr)")
        let render = try workspace.run(["render", "processes", "--out", "out"])
        #expect(render.status == 1, comment)
        #expect(!workspace.exists("out"))
        for run in [validate, render] {
            #expect(!run.output.contains("fake-entity-canary"))
            #expect(!run.output.contains("fake-api-token"))
        }
    }

    @Test func externalEntityIsNeverResolved() throws {
        let workspace = try workspace()
        let canary = workspace.root.appendingPathComponent("canary.txt").path
        try workspace.write(
            "processes/x.bpmn",
            """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY x SYSTEM "file://\(canary)">]>
            \(Self.definitions)<bpmn:documentation>&x;</bpmn:documentation></bpmn:definitions>
            """)
        try expectRefused(workspace, rule: "xml-doctype")
        let single = try workspace.run(["render", "processes/x.bpmn"])
        #expect(single.status == 1)
        #expect(!single.output.contains("fake-entity-canary"))
    }

    @Test func entityExpansionBombIsRefusedQuickly() throws {
        let workspace = try workspace()
        var entities = #"<!ENTITY l0 "{{secret:API_TOKEN}}">"#
        for level in 1...40 {
            let previous = String(repeating: "&l\(level - 1);", count: 10)
            entities += "<!ENTITY l\(level) \"\(previous)\">"
        }
        try workspace.write(
            "processes/bomb.bpmn",
            "<?xml version=\"1.0\"?><!DOCTYPE d [\(entities)]>\(Self.definitions)&l40;"
                + "</bpmn:definitions>")
        try expectRefused(workspace, rule: "xml-doctype")
    }

    @Test(arguments: [1_000, 500_000])
    func deeplyNestedJSONIsAFindingNotACrash(_ depth: Int) throws {
        let workspace = try workspace()
        let nested =
            String(repeating: #"{"a":["#, count: depth) + #""{{secret:API_TOKEN}}""#
            + String(repeating: "]}", count: depth)
        try workspace.write("processes/p/t.json", nested)
        try expectRefused(workspace, rule: "json", "depth \(depth)")
    }

    @Test func twoHundredMegabyteProcessFileIsRefusedUnread() throws {
        let workspace = try workspace()
        let path = workspace.root.appendingPathComponent("processes/big.bpmn")
        try workspace.write("processes/big.bpmn", "<a>{{secret:API_TOKEN}}</a>")
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        try expectRefused(workspace, rule: "xml")
        let single = try workspace.run(["render", "processes/big.bpmn"])
        #expect(single.status == 6)
        #expect(single.stderr.contains("larger than"))
        // Through the shell: tresor stops reading at the limit, and a pipe written from
        // here would then end this process with SIGPIPE.
        let piped = try workspace.run(
            ["-c", "exec \(Workspace.binary) render - < processes/big.bpmn"],
            executable: "/bin/sh")
        #expect(piped.status == 6)
        #expect(piped.stderr.contains("standard input is larger than"))
    }

    @Test func invalidUTF8IsAFinding() throws {
        let workspace = try workspace()
        let bpmn = Array("\(Self.definitions)<bpmn:documentation>".utf8) + [0xC3, 0x28]
        try workspace.write("processes/u.bpmn", Data(bpmn + Array("</bpmn:definitions>".utf8)))
        try expectRefused(workspace, rule: "xml")
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("processes/u.bpmn"))
        try workspace.write("processes/p/t.json", Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]))
        try expectRefused(workspace, rule: "json")
    }

    @Test func placeholdersSplitOverLinesAreNearMisses() throws {
        let workspace = try workspace()
        try workspace.write(
            "processes/p/t.json",
            #"{"a": "{{secret:API_\nTOKEN}}", "b": "{{secret:\r\nAPI_TOKEN}}"}"#)
        try expectRefused(workspace, rule: "near-miss")
        let validate = try workspace.run(["validate"])
        #expect(validate.stderr.components(separatedBy: "near-miss").count == 3)
    }

    @Test func thousandsOfPlaceholdersInOneInputRender() throws {
        let workspace = try workspace()
        let count = 20_000
        let field = Array(repeating: "{{secret:API_TOKEN}}", count: count).joined(separator: " ")
        try workspace.write("processes/p/t.json", #"{"a": "\#(field)"}"#)
        let run = try workspace.run(["render", "processes/p/t.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "fake-api-token").count == count + 1)
    }
}
