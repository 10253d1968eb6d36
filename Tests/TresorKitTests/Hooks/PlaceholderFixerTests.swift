import Testing

@testable import TresorKit

/// `fix`'s rewrites of many near-misses in one file: the same bytes as rewriting each in
/// place (how the time grows is measured in bench/, never timed in a test).
@Suite struct PlaceholderFixerTests {
    private static let forms = [
        "{{ secret:FTP_PASSWORD }}", "{{secrets.FTP_PASSWORD}}", "{{SECRET:FTP_PASSWORD}}",
        "{{secrets.NOT_IN_VAULT}}",
    ]

    private func file(_ count: Int) -> String {
        var inputs = "<camunda:inputOutput>\n"
        for index in 0..<count {
            let form = Self.forms[index % Self.forms.count]
            inputs +=
                #"<camunda:inputParameter name="p\#(index)">a&amp;\#(form)"#
                + "</camunda:inputParameter>\n"
        }
        return BPMNFixture.definitions(BPMNFixture.c7Task(inputs + "</camunda:inputOutput>"))
    }

    @Test func thousandsOfNearMissesAreRewrittenInOnePass() throws {
        let count = 8_000
        let text = file(count)
        let bytes = Array(text.utf8)
        let fixes = PlaceholderFixer.plan(bytes, path: "x.bpmn", kind: .bpmn) {
            $0.text == "FTP_PASSWORD"
        }
        #expect(fixes.count == count)
        #expect(fixes.filter { $0.replacement != nil }.count == count / 4 * 3)
        let output = try #require(PlaceholderFixer.apply(fixes, to: bytes, kind: .bpmn))
        var expected = text
        for form in Self.forms.dropLast() {
            expected = expected.replacingOccurrences(of: form, with: "{{secret:FTP_PASSWORD}}")
        }
        #expect(output == Array(expected.utf8))
        let each = PlaceholderFixer.applyEach(fixes, to: bytes, kind: .bpmn)
        #expect(each.bytes == output)
        #expect(each.applied == fixes.filter { $0.replacement != nil })
    }

    /// One pass gives what replacing each range in place, from the last, gave.
    @Test func replacingInOnePassIsReplacingEachInPlace() {
        let bytes = Array(file(200).utf8)
        let fixes = PlaceholderFixer.plan(bytes, path: "x.bpmn", kind: .bpmn) { _ in true }
            .filter { $0.replacement != nil }
        var inPlace = bytes
        for fix in fixes.reversed() {
            inPlace.replaceSubrange(fix.range, with: Array(fix.replacement!.utf8))
        }
        #expect(fixes.count == 200)
        #expect(PlaceholderFixer.replacing(fixes, in: bytes) == inPlace)
        #expect(PlaceholderFixer.replacing([], in: bytes) == bytes)
    }
}
