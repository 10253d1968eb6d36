import Foundation
import Testing

/// `tresor report` in a real browser: headless Chromium loads the page from a file and
/// shows a secret's usage rows and the missing-reference list; search works with
/// JavaScript and everything is there without it; a screenshot is kept under
/// .build/report-test/ for people to look at; no canary value is anywhere in the file.
@Suite(.serialized) struct ReportBrowserTests {
    static let canary = "fake-CANARY-browser-51d2"
    static let output = Workspace.packageRoot.appendingPathComponent(".build/report-test")

    /// A vault, the example processes (with one name the vault lacks) and the report.
    private func report() throws -> (Workspace, URL) {
        let workspace = try Workspace()
        let names = [
            ("FTP_HOST", "host"), ("FTP_USER", "username"), ("FTP_PASSWORD", "password"),
            ("CARRIER_API_KEY", "api-key"), ("CARRIER_LOGIN", "username"),
            ("SMTP_USER", "username"), ("SMTP_PASSWORD", "password"), ("UNUSED_TOKEN", "token"),
        ]
        try workspace.initVault(secrets: names.map { ($0.0, $0.1, Self.canary + $0.0) })
        let examples = Workspace.packageRoot.appendingPathComponent("examples/processes")
        try FileManager.default.copyItem(
            at: examples, to: workspace.root.appendingPathComponent("processes"))
        let run = try workspace.run(["report", "--out", "report.html"])
        #expect(run.status == 0, "\(run.stderr)")
        return (workspace, workspace.root.appendingPathComponent("report.html"))
    }

    @Test func chromiumShowsUsageRowsAndMissingReferences() throws {
        let (workspace, page) = try report()
        let profile = workspace.root.appendingPathComponent("chromium-profile")
        let dom = try Chromium.dom(page, profile: profile)
        #expect(dom.contains("<section class=\"secret\" id=\"secret-FTP_PASSWORD\""), "\(dom)")
        #expect(dom.contains("<td>FTPAccess.password</td>"))
        #expect(dom.contains("<section id=\"missing\"><h2>References to missing secrets</h2>"))
        #expect(dom.contains("<td>CRM_API_KEY</td>") && dom.contains("<td>CRM_API_TOKEN</td>"))
        #expect(dom.contains("<input id=\"search\" type=\"search\" placeholder="), "script ran")

        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let shot = Self.output.appendingPathComponent("report.png")
        try? FileManager.default.removeItem(at: shot)
        try Chromium.screenshot(page, to: shot, profile: profile)
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let kept = Self.output.appendingPathComponent("report.html")
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(at: page, to: kept)
    }

    @Test func searchHidesOtherSecretsAndTheFileHoldsNoValue() throws {
        let (workspace, page) = try report()
        let profile = workspace.root.appendingPathComponent("chromium-profile")
        var query = URLComponents(url: page, resolvingAgainstBaseURL: false)!
        query.queryItems = [URLQueryItem(name: "q", value: "smtp_password")]
        let dom = try Chromium.dom(query.url!, profile: profile)
        #expect(dom.contains("id=\"secret-SMTP_PASSWORD\" data-search="))
        #expect(
            dom.range(
                of: #"id="secret-FTP_HOST" data-search="[^"]*" hidden"#, options: .regularExpression
            ) != nil)
        #expect(
            dom.range(
                of: #"id="secret-SMTP_PASSWORD" data-search="[^"]*" hidden"#,
                options: .regularExpression) == nil)

        // Without JavaScript: the same page with its script cut out shows every section
        // and keeps only the search box hidden.
        let file = String(decoding: try workspace.read("report.html"), as: UTF8.self)
        let script = try #require(
            file.range(of: #"<script>[\s\S]*</script>"#, options: .regularExpression))
        try workspace.write("plain.html", file.replacingCharacters(in: script, with: ""))
        let plainPage = workspace.root.appendingPathComponent("plain.html")
        let plain = try Chromium.dom(plainPage, profile: profile)
        #expect(plain.contains("<input id=\"search\" type=\"search\" hidden"))
        #expect(plain.components(separatedBy: " hidden").count == 2, "only the search box")
        #expect(
            plain.contains("<td>FTPAccess.password</td>") && plain.contains("<td>CRM_API_KEY</td>"))
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let shot = Self.output.appendingPathComponent("report-without-javascript.png")
        try? FileManager.default.removeItem(at: shot)
        try Chromium.screenshot(plainPage, to: shot, profile: profile)
        #expect(try Data(contentsOf: shot).count > 10_000)

        let bytes = try workspace.read("report.html")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("fake-CANARY"))
        for (path, data) in workspace.allFiles() where !path.hasPrefix("vault/") {
            #expect(!String(decoding: data, as: UTF8.self).contains(Self.canary), "\(path)")
        }
    }
}
