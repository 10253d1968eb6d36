import Testing

@testable import TresorKit

/// The text row `usage` prints for one reference, exactly.
@Suite struct UsageRowTests {
    private func reference(
        line: Int, column: Int, process: ProcessIdentity?, task: TaskIdentity?
    ) throws -> PlaceholderReference {
        PlaceholderReference(
            name: try SecretName("FTP_PASSWORD"),
            location: SourceLocation(path: "processes/ftp é.bpmn", line: line, column: column),
            process: process, task: task, parameter: "ftp", fieldPath: "ftp.password",
            context: EscapeContext(inner: .plainText, outer: .xmlText), sourceRange: 0..<1)
    }

    /// A `"` in a name shown in quotes is escaped (found by a fresh tester: the row read
    /// `"he said "a/>b""`).
    @Test func showsProcessAndTaskWithTheirNames() throws {
        let row = UsageRow.text(
            try reference(
                line: 120, column: 9, process: ProcessIdentity(id: "order", name: "Order \"A\""),
                task: TaskIdentity(id: "pay", name: "Pay", kind: "serviceTask")))
        #expect(
            row == #"processes/ftp é.bpmn:120:9  process order "Order \"A\""  task pay "Pay" "#
                + "(serviceTask)  parameter ftp  field ftp.password")
    }

    @Test func leavesOutWhatIsNotKnown() throws {
        let row = UsageRow.text(
            try reference(
                line: 1, column: 10, process: ProcessIdentity(id: "p"),
                task: TaskIdentity(id: "t", kind: "sendTask")))
        #expect(
            row == "processes/ftp é.bpmn:1:10  process p  task t (sendTask)  parameter ftp  "
                + "field ftp.password")
        let bare = UsageRow.text(try reference(line: 7, column: 1, process: nil, task: nil))
        #expect(bare == "processes/ftp é.bpmn:7:1  parameter ftp  field ftp.password")
    }

    /// Control characters from the file are shown as C escapes, and a path holding one
    /// is quoted, so a row stays one line.
    @Test func escapesControlCharactersFromTheFile() throws {
        var reference = try reference(
            line: 1_234_567, column: 1_000,
            process: ProcessIdentity(id: "p\u{1B}[2J", name: "a\nb"),
            task: TaskIdentity(id: "t", name: "x\ty", kind: "serviceTask"))
        reference.location.path = "processes/a\nb.bpmn"
        #expect(
            UsageRow.text(reference)
                == #""processes/a\nb.bpmn":1234567:1000  process p\x1b[2J "a\nb"  task t "x\ty" "#
                + "(serviceTask)  parameter ftp  field ftp.password")
    }

    /// A file's rows written together are each row of ``UsageRow/text(_:)`` after two
    /// spaces and before a line feed, and say where each ends; one row with a control
    /// character (here the third, and in a DEL the fourth) has it escaped, and the rows
    /// around it are unchanged.
    @Test func aFilesRowsAreEachRowOnItsLine() throws {
        let clean = try reference(
            line: 3, column: 5, process: ProcessIdentity(id: "p", name: "P"),
            task: TaskIdentity(id: "t", kind: "userTask"))
        var tab = clean
        tab.task?.name = "a\tb"
        var delete = clean
        delete.fieldPath = "x\u{7F}"
        for references in [[clean], [clean, clean], [clean, clean, tab, delete, clean], []] {
            var listed = references
            let rows = listed.withUnsafeMutableBufferPointer { UsageRow.textRows($0) }
            let lines = references.map { "  " + UsageRow.text($0) + "\n" }
            #expect(String(decoding: rows.bytes, as: UTF8.self) == lines.joined())
            #expect(rows.ends == lines.indices.map { lines[...$0].joined().utf8.count })
        }
        let escaped = UsageRow.text(tab)
        #expect(escaped.contains(#"task t "a\tb" (userTask)"#))
    }
}
