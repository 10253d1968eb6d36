import Foundation
import Testing

@testable import TresorKit

/// The report page: metadata only, escaped, self-contained, with every section.
@Suite struct HTMLReportTests {
    @Test func thePageHoldsNoValueAndNoEnvelope() throws {
        let fixture = try ReportFixture()
        let page = HTMLReport.page(try fixture.model())
        #expect(!page.contains(ReportFixture.canary))
        #expect(!page.contains("tresor:v1:"), "not even the sealed envelope")
    }

    @Test func showsUsageMissingUnusedAndNearMisses() throws {
        let fixture = try ReportFixture()
        let model = try fixture.model()
        #expect(model.missing.map(\.text) == ["NOT_THERE"])
        #expect(model.unused.map(\.name.text) == ["OLD_TOKEN"])
        #expect(model.findings.contains { $0.rule == .nearMiss })
        let page = HTMLReport.page(model)
        #expect(page.contains("<section class=\"secret\" id=\"secret-FTP_PASSWORD\""))
        #expect(page.contains("<td>processes/upload/send.json:1:15</td>"))
        #expect(page.contains("<td>NOT_THERE</td>"))
        #expect(page.contains("<a href=\"#secret-OLD_TOKEN\">OLD_TOKEN</a>"))
        #expect(page.contains("near-miss"))
        #expect(!page.contains("id=\"stale\""), "no stale section without a deploy folder")
    }

    @Test func textFromTheVaultIsEscaped() throws {
        let fixture = try ReportFixture()
        var model = try fixture.model()
        model.secrets[0].displayName = "<script>alert(1)</script> & \"quotes\" 'too'"
        let page = HTMLReport.page(model)
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    /// A character that shows as nothing is written as the terminal writes it, so a name
    /// or near-miss holding one cannot look valid on the page (found by a fresh tester).
    @Test func invisibleCharactersAreWrittenOut() throws {
        let fixture = try ReportFixture()
        var model = try fixture.model()
        model.secrets[0].displayName = "FTP\u{200B}PASS\u{FE0F} caf\u{E9}"
        let page = HTMLReport.page(model)
        #expect(page.contains(#"FTP\u200bPASS\ufe0f caf\#u{E9}"#))
        #expect(!page.unicodeScalars.contains("\u{200B}"))
    }

    @Test func loadsNothingAndAllowsOnlyItsOwnScriptAndStyle() throws {
        let page = HTMLReport.page(try ReportFixture().model())
        for outside in ["src=", "http://", "https://", "@import", "url("] {
            #expect(!page.contains(outside), "\(outside)")
        }
        let links = page.components(separatedBy: "href=\"").dropFirst()
        #expect(links.allSatisfy { $0.hasPrefix("#") })
        #expect(page.contains("default-src &#39;none&#39;"))
        #expect(page.contains(ContentPolicy.hash(ReportAssets.script)))
        #expect(page.contains("<script>\(ReportAssets.script)</script>"))
    }

    @Test func cspHashIsTheSHA256OfTheText() {
        // printf 'abc' | openssl dgst -sha256 -binary | base64
        #expect(ContentPolicy.hash("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }
}
