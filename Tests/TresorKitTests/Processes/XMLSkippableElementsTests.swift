import Foundation
import Testing

@testable import TresorKit

/// The light pass that finds the elements `usage` steps over, and `usage`'s read with it.
@Suite struct XMLSkippableElementsTests {
    /// The texts of the runs found in `document`, each kept offset marked by `{{`; a run
    /// of more than one element ends in its count (`<a/><b/> (2)`).
    private func skipped(_ document: String) -> [String] {
        let bytes = Array(document.utf8)
        var kept: [Int] = []
        for index in bytes.indices.dropLast()
        where bytes[index] == UInt8(ascii: "{") && bytes[index + 1] == UInt8(ascii: "{") {
            kept.append(index)
        }
        return XMLSkippableElements.find(in: bytes, keeping: kept).map {
            String(decoding: bytes[$0.range], as: UTF8.self)
                + ($0.elements > 1 ? " (\($0.elements))" : "")
        }
    }

    /// Siblings with nothing kept between them (white space, a comment, a processing
    /// instruction, text) are one run.
    @Test func findsTheOutermostElementsWithoutAKeptOffset() {
        let document = """
            <?xml version="1.0"?><r x="{{a}}"><a x="1>2" y='"'><b/>text</a><c>{{x}}<d/></c>\
            <!-- <e> --><e><![CDATA[</e>]]></e><?pi <f> ?><g/><h>{{y}}</h></r>
            """
        #expect(
            skipped(document) == [
                #"<a x="1>2" y='"'><b/>text</a>"#, "<d/>",
                "<e><![CDATA[</e>]]></e><?pi <f> ?><g/> (2)",
            ])
    }

    @Test func neverTheRootNorAnElementHoldingAKeptOffset() {
        #expect(skipped("<r/>{{a}}").isEmpty)
        #expect(skipped("<r><a><b>{{x}}</b></a></r>").isEmpty)
        #expect(skipped(#"<r><a x="{{x}}"/></r>"#).isEmpty)
    }

    @Test func endsBackAtTheRootsChildrenOncePastTheLastKeptOffset() {
        #expect(skipped("<r><a>{{x}}</a><b/><c><d/></c></r>") == [])
        #expect(skipped("<r><a><b/>{{x}}<c/></a></r>") == ["<b/>", "<c/>"])
    }

    /// Runs join siblings only: not an element and its parent's next sibling, not across
    /// a kept offset, not across a spared element.
    @Test func runsJoinSiblingsOnly() {
        #expect(skipped("<r><a>{{x}}<b/></a><c/><d/>{{y}}</r>") == ["<b/>", "<c/><d/> (2)"])
        #expect(skipped("<r><a/> t <b/> {{x}} <c/></r>") == ["<a/> t <b/> (2)", "<c/>"])
        #expect(skipped("<r><a/><process/><b/>{{x}}</r>") == ["<a/>", "<b/>"])
        // Nor an element holding a spared one.
        #expect(skipped("<r><a><p:process><b/></p:process></a><c/>{{x}}</r>") == ["<b/>", "<c/>"])
        #expect(skipped("<r><a/><p><b/></p><c/>{{x}}</r>") == ["<a/><p><b/></p><c/> (3)"])
    }

    /// What the pass does not expect ends it; the elements found before stand.
    @Test(arguments: [
        "<r><a/><!DOCTYPE r><b/>{{x}}</r>", "<r><a/><b></c><d/>{{x}}</r>",
        #"<r><a/><b x="1><c/>{{x}}</r>"#, "<r><a/>< b/>{{x}}</r>", "<r><a/><!-- {{x}}",
    ])
    func stopsAtWhatItDoesNotExpect(document: String) {
        #expect(skipped(document) == ["<a/>"])
    }

    /// Every public file, and variants of it with a placeholder in every seventh
    /// attribute value (a different seventh each time): `usage`'s read, which steps over
    /// elements, finds exactly the references of the full read.
    @Test(arguments: Corpus.files())
    func usageFindsTheReferencesOfTheFullRead(_ path: String) throws {
        let text = String(decoding: try Corpus.bytes(path), as: UTF8.self)
        let pieces = text.components(separatedBy: "=\"")
        var steppedOver = 0
        for variant in 0..<8 {
            var marked = pieces[0]
            for (index, piece) in pieces.enumerated().dropFirst() {
                // Not in the XML declaration, nor in a namespace name (libxml2 wants a URI).
                let name = pieces[index - 1].split(whereSeparator: \.isWhitespace).last ?? ""
                let markable =
                    !name.hasPrefix("xmlns")
                    && !["version", "encoding", "standalone"].contains(name)
                let placeholder =
                    markable && variant < 7 && index % 7 == variant ? "{{secret:CORPUS_X}}" : ""
                marked += "=\"" + placeholder + piece
            }
            let bytes = Array(marked.utf8)
            let full = BPMNReader.read(bytes: bytes, path: path)
            #expect(full.unreadable == nil, "\(path) variant \(variant)")
            let cheap = BPMNReader.readReferences(bytes: bytes, path: path)
            #expect(cheap.references == full.references, "\(path) variant \(variant)")
            steppedOver +=
                XMLSkippableElements.find(
                    in: bytes, keeping: BPMNReader.placeholderStarts(bytes)
                ).count
        }
        #expect(steppedOver > 0, "\(path)")
    }
}

/// The full read steps over elements that can hold no site and leaves their checking to
/// libxml2; it must give exactly what a walk over every element gives.
@Suite struct SteppingOverElementsTests {
    private func document(_ inside: String) -> [UInt8] {
        Array(
            """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
              <bpmn:process id="p"><bpmn:serviceTask id="t"><bpmn:extensionElements>
                <camunda:inputOutput><camunda:inputParameter name="a">{{secret:FTP_USER}}\
            </camunda:inputParameter></camunda:inputOutput>
              </bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:userTask id="u">\(inside)</bpmn:userTask></bpmn:process>
              <bpmn:process id="second"/>
            </bpmn:definitions>
            """.utf8)
    }

    @Test func processesAreNeverSteppedOver() {
        let bytes = Array(
            #"<r><p:process id="a"><t/></p:process><process/><x:subprocess/></r>"#.utf8)
        let found = XMLSkippableElements.find(in: bytes, keeping: [], stoppingAfterLast: false)
        #expect(
            found.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [
                "<t/>", "<x:subprocess/>",
            ])
        let read = BPMNReader.read(bytes: document(""), path: "x.bpmn")
        #expect(read.processes.map(\.id) == ["p", "second"])
    }

    /// Each problem lies in an element where no site can start (no `{`, `&` or
    /// `secrets.`; see ``BPMNReader/siteStarts(_:)``), which the walk steps over: libxml2 must refuse it too, and the file is then read again in full, so
    /// the finding is the tokenizer's own.
    @Test(arguments: [
        #"<x xmlns:q=""/>"#, #"<x xmlns:xmlns="urn:a"/>"#, #"<x xmlns:xml="urn:a"/>"#,
        #"<x xmlns:q="http://www.w3.org/XML/1998/namespace"/>"#, #"<x q:a="1"/>"#, "<q:x/>",
        #"<x xmlns:a="urn:u" xmlns:b="urn:u" a:y="1" b:y="2"/>"#, #"<x a="1" a="2"/>"#,
        "<x><y></x>", "<x>]]></x>", "<x a=1/>", "<x>\u{1}</x>", #"<x a="<"/>"#, "<1x/>",
        "<x:/>", "<x/ >", "<x><!-- a -- b --></x>", "<x><?xml version='1.0'?></x>",
    ])
    func aProblemInAnElementSteppedOverIsFoundAsBefore(problem: String) {
        let bytes = document(problem)
        let every = BPMNReader.readEveryElement(bytes: bytes, path: "x.bpmn")
        #expect(every.unreadable != nil, "\(problem)")
        let read = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        #expect(read.findings == every.findings, "\(problem)")
        #expect(read.references == every.references)
    }

    /// Sites without a placeholder still give their findings: a near-miss, a legacy
    /// reference, an encoded brace, a placeholder in documentation or a comment.
    @Test(arguments: [
        "<x>{secret:FTP_USER}</x>", "<x>&#123;&#123;secret:FTP_USER}}</x>",
        #"<x xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"><zeebe:input source="=secrets.TOKEN" target="t"/></x>"#,
        "<bpmn:documentation>{{secret:FTP_USER}}</bpmn:documentation>",
        "<x><!-- {{secret:FTP_USER}} --></x>", "<x><?pi {{secret:FTP_USER}}?></x>",
        "<x><![CDATA[{]]>{secret:FTP_USER}}</x>", "<x>plain</x>",
        #"<x><bpmn:process id="nested"/></x><y/>"#,
        // Braces and references that open nothing: the elements are stepped over.
        #"<x a="={&quot;id&quot;: order.id}">{"k": {"j": [1]}}</x>"#, "<x>{ {{ &amp;</x>",
    ])
    func sitesAreFoundAsBefore(inside: String) {
        let bytes = document(inside)
        let every = BPMNReader.readEveryElement(bytes: bytes, path: "x.bpmn")
        let read = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        #expect(read.findings == every.findings, "\(inside)")
        #expect(read.references == every.references)
        #expect(read.processes == every.processes)
    }

    /// A site the full read finds in `<x>` (a near-miss, a legacy reference) that only a
    /// decoded character shows, or white space, markup or a run of braces hides from a
    /// byte search: `<x>` must not be stepped over.
    @Test(arguments: [
        "<x>{ &#115;ecret:FTP_USER}</x>", "<x>{&#32;secret:FTP_USER}</x>",
        "<x>{&#x53;ECRET:FTP_USER}</x>", "<x>{{ {secret:FTP_USER}}</x>",
        "<x>{\n\tSecret:FTP_USER}</x>", "<x>{<!-- c -->secret:FTP_USER}</x>",
        "<x>{<![CDATA[secret:FTP_USER}]]></x>", "<x>&#x7B;{secret:FTP_USER}}</x>",
        "<x>{&#x7b;secret:FTP_USER}}</x>", "<x>{&#10;secret:FTP_USER}</x>",
        #"<x a="{&#9;secret:FTP_USER}"/>"#,
        #"<x xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"><zeebe:input source="=&#115;ecrets.TOKEN" target="t"/></x>"#,
        #"<x xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"><zeebe:input source="=secrets&#46;TOKEN" target="t"/></x>"#,
        #"<x xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"><zeebe:input source="=secr&#101;ts.TOKEN" target="t"/></x>"#,
    ])
    func sitesBehindReferencesAndSpacesAreKept(inside: String) {
        let bytes = document(inside)
        let every = BPMNReader.readEveryElement(bytes: bytes, path: "x.bpmn")
        let base = BPMNReader.readEveryElement(bytes: document("<x/>"), path: "x.bpmn")
        #expect(every.findings.count > base.findings.count, "\(inside)")
        let read = BPMNReader.read(bytes: bytes, path: "x.bpmn")
        #expect(read.findings == every.findings, "\(inside)")
        #expect(read.references == every.references)
    }

    /// Where a site can start: a brace only before what can continue the placeholder
    /// family once decoded, a reference only when it may spell a site.
    @Test func sitesStartWhereThePlaceholderFamilyCanGoOn() {
        func starts(_ text: String) -> [Int] { BPMNReader.siteStarts(Array(text.utf8)) }
        #expect(starts(#"{"a": {"b": 1}} x &quot; &#34; &amp;"#) == [])
        #expect(starts("={&quot;id&quot;: order.id}") == [])
        #expect(starts("ab{{ \n{secret") == [2])
        #expect(starts("{S") == [0] && starts("{<") == [0] && starts("{]") == [0])
        #expect(starts("{&#115;") == [0, 1])
        #expect(starts("x &#123; &#x2E; &bogus;") == [2, 9, 16])
        #expect(starts("a secrets.B") == [2])
        // A long run of braces and spaces is judged once, not once per brace.
        #expect(starts(String(repeating: "{ ", count: 200_000) + "x") == [])
    }

    /// Every public file, as it is and with a problem added to its last element.
    @Test(arguments: Corpus.files())
    func publicFilesReadAsBefore(_ path: String) throws {
        let text = String(decoding: try Corpus.bytes(path), as: UTF8.self)
        guard let last = text.range(of: "</", options: .backwards) else { return }
        for variant in [text, text.replacingCharacters(in: last, with: "<q:broken/></")] {
            let bytes = Array(variant.utf8)
            let every = BPMNReader.readEveryElement(bytes: bytes, path: path)
            let read = BPMNReader.read(bytes: bytes, path: path)
            #expect(read.findings == every.findings, "\(path)")
            #expect(read.references == every.references, "\(path)")
            #expect(read.processes == every.processes, "\(path)")
        }
    }
}

/// `usage` on malformed files: where a quote is left open inside an element it would step
/// over, it reads on as the walk over every element does (and says why it stops), rather
/// than listing references under the wrong process, task, parameter or list index. The
/// cases are a fresh tester's.
@Suite struct SteppingOverMalformedFilesTests {
    private func task(_ id: String, _ inputs: String) -> String {
        """
          <bpmn:process id="P\(id)"><bpmn:serviceTask id="T\(id)"><bpmn:extensionElements>
            <camunda:inputOutput>\(inputs)</camunda:inputOutput>
          </bpmn:extensionElements></bpmn:serviceTask></bpmn:process>
        """
    }

    private func document(_ processes: String) -> [UInt8] {
        Array(
            """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
            \(processes)
            </bpmn:definitions>
            """.utf8)
    }

    @Test(arguments: [
        // An open quote in one process, the placeholder in the next.
        #"<camunda:inputParameter name="a" note="oops>x</camunda:inputParameter>"#,
        // An open quote in a list value before the one with the placeholder.
        #"<camunda:inputParameter name="h"><camunda:list><camunda:value note="oops>a</camunda:value>"#
            + #"<camunda:value note="1>2">b</camunda:value>"#
            + "<camunda:value>Bearer {{secret:API_TOKEN}}</camunda:value></camunda:list>"
            + "</camunda:inputParameter>",
        // An open quote in a script, the placeholder in the next parameter.
        #"<camunda:inputParameter name="a"><camunda:script scriptFormat="js" q="oops/>"#
            + "</camunda:inputParameter>"
            + #"<camunda:inputParameter name="password" note="z/>w">{{secret:FTP_PASSWORD}}"#
            + "</camunda:inputParameter>",
    ])
    func anOpenQuoteStopsTheStepping(broken: String) {
        let bytes = document(
            task("1", broken)
                + task(
                    "2",
                    #"<camunda:inputParameter name="b" note="1>2">y</camunda:inputParameter>"#
                        + #"<camunda:inputParameter name="password">{{secret:FTP_PASSWORD}}"#
                        + "</camunda:inputParameter>"))
        let cheap = BPMNReader.readReferences(bytes: bytes, path: "q.bpmn")
        let every = BPMNReader.read(
            bytes: bytes, path: "q.bpmn", secondOpinion: false,
            until: BPMNReader.lastPlaceholderStart(bytes))
        #expect(every.unreadable != nil)
        #expect(cheap.unreadable == every.unreadable)
        #expect(cheap.references == every.references)
    }
}
