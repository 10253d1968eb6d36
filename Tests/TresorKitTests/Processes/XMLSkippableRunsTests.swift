import Foundation
import Testing

@testable import TresorKit

/// The elements to step over, found two ways: by the light pass, and from the elements
/// libxml2 meets while it checks the document (what `BPMNReader.read` uses). On a
/// well-formed document the two are the same runs.
@Suite struct XMLSkippableRunsTests {
    private func fromLibXML2(_ bytes: [UInt8], keeping kept: [Int]) -> [XMLSkippableElements.Run]? {
        libXML2Runs(bytes, keeping: kept)
    }

    private func fromLightPass(_ bytes: [UInt8], keeping kept: [Int]) -> [XMLSkippableElements.Run]
    {
        XMLSkippableElements.find(in: bytes, keeping: kept, stoppingAfterLast: false)
    }

    /// Every `{{` of `document` is kept.
    private func kept(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.dropLast().filter {
            bytes[$0] == UInt8(ascii: "{") && bytes[$0 + 1] == UInt8(ascii: "{")
        }
    }

    @Test(arguments: [
        #"<?xml version="1.0"?><r x="{{a}}"><a x="1>2" y='"'><b/>text</a><c>{{x}}<d/></c>"#
            + "<!-- <e> --><e><![CDATA[</e>]]></e><?pi <f> ?><g/><h>{{y}}</h></r>",
        "<r><a>{{x}}<b/></a><c/><d/>{{y}}</r>", "<r><a/> t <b/> {{x}} <c/></r>",
        "<r><a/><process/><b/>{{x}}</r>",
        #"<r xmlns:p="u"><a><p:process><b/></p:process></a><c/>{{x}}</r>"#,
        "<r><a/><p><b/></p><c/>{{x}}</r>", "<r><a><b/></a>\n<c/></r>",
        "\u{FEFF}<r><a/>{{x}}<b>é{{y}}</b><c>ü</c></r>",
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<r><a/>{{x}}<b/></r>",
    ])
    func libxml2FindsTheLightPassesRuns(document: String) throws {
        let bytes = Array(document.utf8)
        let runs = try #require(fromLibXML2(bytes, keeping: kept(bytes)))
        #expect(runs == fromLightPass(bytes, keeping: kept(bytes)))
    }

    /// A document declaring another encoding is refused before libxml2 would convert it
    /// (its offsets would be its own, and in UTF-7 it hid attributes from the count; found
    /// by a seventeenth fresh tester): no runs come from it. One libxml2 refuses gives its
    /// problem.
    @Test func convertedOrRefusedDocumentsGiveNoRuns() {
        let latin = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><r><a/>{{x}}</r>"#.utf8)
        var runs: XMLSkippableElements.Runs? = XMLSkippableElements.Runs(keeping: kept(latin))
        #expect(XMLWellFormedness.check(latin, finding: &runs)?.message.contains("UTF-8") == true)
        #expect(runs == nil)
        #expect(fromLibXML2(Array("<r><a></b></r>".utf8), keeping: []) == nil)
    }

    @Test func onlyUTF8WithoutADoctypeIsParsedFirst() {
        #expect(XMLWellFormedness.mayParseFirst(Array("<r><!-- ! --></r>".utf8)))
        #expect(!XMLWellFormedness.mayParseFirst(Array("<!DOCTYPE r><r/>".utf8)))
        #expect(!XMLWellFormedness.mayParseFirst(Array("<r/><!-- <!DOCTYPE -->".utf8)))
        #expect(!XMLWellFormedness.mayParseFirst([0x3C, 0x72, 0xFF, 0x2F, 0x3E]))
    }

    /// Every public file, kept at its sites and at every seventh `<` (a different seventh
    /// each time), and a document large enough that libxml2 moves its input window.
    @Test(arguments: Corpus.files())
    func publicFilesGiveTheSameRuns(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        guard XMLWellFormedness.mayParseFirst(bytes) else { return }
        let tags = bytes.indices.filter { bytes[$0] == UInt8(ascii: "<") }
        for kept in [BPMNReader.siteStarts(bytes)]
            + (0..<7).map({ phase in
                tags.enumerated().filter { $0.offset % 7 == phase }.map(\.element)
            })
        {
            let runs = try #require(fromLibXML2(bytes, keeping: kept), "\(path)")
            #expect(runs == fromLightPass(bytes, keeping: kept), "\(path)")
        }
    }

    @Test func aLargeDocumentGivesTheSameRuns() throws {
        var text = "<r>"
        for index in 0..<20_000 {
            text += index % 997 == 0 ? "<e k=\"{{x}}\">t</e>\n" : "<e k=\"\(index)\"><f/>t</e>\n"
        }
        text += "<last/></r>"
        let bytes = Array(text.utf8)
        let runs = try #require(fromLibXML2(bytes, keeping: kept(bytes)))
        #expect(runs == fromLightPass(bytes, keeping: kept(bytes)))
        #expect(runs.count == 21)
    }
}

/// The runs libxml2's parse gives for `bytes`, or nil when it gives none (it refuses the
/// document, or converts it from another encoding).
func libXML2Runs(_ bytes: [UInt8], keeping kept: [Int]) -> [XMLSkippableElements.Run]? {
    var runs: XMLSkippableElements.Runs? = XMLSkippableElements.Runs(keeping: kept)
    guard XMLWellFormedness.check(bytes, finding: &runs) == nil else { return nil }
    return runs?.skippable
}
