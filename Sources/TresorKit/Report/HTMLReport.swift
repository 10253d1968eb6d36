/// `tresor report`: one self-contained HTML page from a ``ReportModel``.
///
/// Self-contained: style and script are inline, nothing is loaded, and a
/// Content-Security-Policy forbids loading anything. Readable without JavaScript: every
/// section is plain HTML; the script only adds the search box. Metadata only: the model
/// holds no value, and every text is escaped.
public enum HTMLReport {
    /// The whole page.
    public static func page(_ model: ReportModel) -> String {
        let policy = ContentPolicy.header(style: ReportAssets.style, script: ReportAssets.script)
        let sections = [
            summary(model), secretsSection(model), usageSection(model), unusedSection(model),
            missingSection(model), problemsSection(model), staleSection(model),
        ]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLText.escape(policy))">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tresor report: \(HTMLText.escape(model.vaultFolder))</title>
            <style>\(ReportAssets.style)</style>
            </head>
            <body>
            <header>
            <h1>Tresor report</h1>
            <p>Vault \(HTMLText.escape(model.vaultFolder)) (key id \(HTMLText.escape(model.keyID)))\
            \(model.processesFolder.map { ", processes " + HTMLText.escape($0) } ?? ""), \
            made \(HTMLText.escape(model.generatedAt)).</p>
            </header>
            <main>
            \(navigation(model))
            \(sections.joined(separator: "\n"))
            </main>
            <footer>Metadata only: this page holds no secret value. Made by tresor report.</footer>
            <script>\(ReportAssets.script)</script>
            </body>
            </html>

            """
    }

    private static func navigation(_ model: ReportModel) -> String {
        var links = [
            ("secrets", "Secrets by type"), ("usage", "Usage"), ("unused", "Unused"),
            ("missing", "Missing secrets"), ("problems", "Near-misses and problems"),
        ]
        if model.staleOutputs != nil { links.append(("stale", "Stale outputs")) }
        let anchors = links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " ")
        return "<nav>\(anchors) <input id=\"search\" type=\"search\" hidden "
            + "placeholder=\"Search names, processes, tasks, fields\" aria-label=\"Search\"></nav>"
    }

    private static func summary(_ model: ReportModel) -> String {
        let errors = model.findings.filter { $0.severity == .error }.count
        var cards = [
            ("", model.secrets.count, "secrets"),
            ("", model.secrets.count - model.unused.count, "secrets in use"),
            ("", model.references.count, "placeholders"),
            (model.unused.isEmpty ? "" : "warn", model.unused.count, "unused secrets"),
            (model.missing.isEmpty ? "" : "bad", model.missing.count, "missing secrets"),
            (errors == 0 ? "" : "bad", errors, "errors found"),
        ]
        if let stale = model.staleOutputs {
            cards.append((stale.isEmpty ? "" : "warn", stale.count, "stale outputs"))
        }
        let items = cards.map { kind, number, label in
            "<li class=\"\(kind)\"><b>\(number)</b>\(label)</li>"
        }
        return "<ul class=\"cards\" id=\"summary\">" + items.joined() + "</ul>"
    }
}
