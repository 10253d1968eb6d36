/// The sections of the report page, each an `<section>` with an anchor the navigation uses.
extension HTMLReport {
    static func secretsSection(_ model: ReportModel) -> String {
        let groups = model.secretsByType.map { type, secrets in
            let rows = secrets.map { secret in
                let uses = model.references(to: secret.name).count
                return HTMLText.row(
                    [
                        secret.name.text, secret.displayName,
                        "\(secret.created.at) by \(secret.created.by)",
                        "\(secret.updated.at) by \(secret.updated.by)",
                        uses == 0 ? "unused" : "\(uses)",
                    ], search: "\(secret.name.text) \(secret.displayName) \(type.rawValue)")
            }
            let table = HTMLText.table(
                ["Name", "Display name", "Created", "Updated", "Uses"], rows, class: "secrets")
            return "<h3>\(HTMLText.escape(type.rawValue)) <small>(\(secrets.count))</small></h3>"
                + table
        }
        return section("secrets", "Secrets by type", groups, empty: "The vault holds no secret.")
    }

    static func usageSection(_ model: ReportModel) -> String {
        let blocks = model.secrets.map { secret in
            let references = model.references(to: secret.name)
            let rows = references.map(referenceRow)
            let body =
                rows.isEmpty
                ? "<p class=\"none\">used nowhere</p>"
                : HTMLText.table(
                    ["Location", "Process", "Task", "Parameter", "Field"], rows, class: "usage")
            let search =
                ([secret.name.text, secret.displayName, secret.type.rawValue]
                + references.map(searchText)).joined(separator: " ")
            return "<section class=\"secret\" id=\"\(HTMLText.anchor(secret.name))\" "
                + "data-search=\"\(HTMLText.escape(search.lowercased()))\">"
                + "<h3>\(HTMLText.escape(secret.name.text)) "
                + "<small>\(HTMLText.escape(secret.displayName))</small> "
                + "<span class=\"type\">\(HTMLText.escape(secret.type.rawValue))</span></h3>"
                + body + "</section>"
        }
        return section("usage", "Usage", blocks, empty: "The vault holds no secret.")
    }

    static func unusedSection(_ model: ReportModel) -> String {
        let items = model.unused.map { secret in
            "<li data-search=\"\(HTMLText.escape(secret.name.text.lowercased()))\">"
                + "<a href=\"#\(HTMLText.anchor(secret.name))\">\(secret.name.text)</a> "
                + HTMLText.escape(secret.displayName) + "</li>"
        }
        let list = items.isEmpty ? [] : ["<ul>" + items.joined() + "</ul>"]
        return section("unused", "Unused secrets", list, empty: "Every secret is used.")
    }

    static func missingSection(_ model: ReportModel) -> String {
        let missing = Set(model.missing)
        let rows = model.references.filter { missing.contains($0.name) }.map { reference in
            HTMLText.row(
                [reference.name.text] + referenceCells(reference),
                search: reference.name.text + " " + searchText(reference))
        }
        let table =
            rows.isEmpty
            ? []
            : [
                HTMLText.table(
                    ["Secret", "Location", "Process", "Task", "Parameter", "Field"], rows,
                    class: "missing")
            ]
        return section(
            "missing", "References to missing secrets", table,
            empty: "Every placeholder names a secret in the vault.")
    }

    static func problemsSection(_ model: ReportModel) -> String {
        let rows = model.findings.map { finding in
            "<tr data-search=\"\(HTMLText.escape(finding.description.lowercased()))\">"
                + "<td>\(HTMLText.escape(finding.location.description))</td>"
                + "<td class=\"\(finding.severity.rawValue)\">\(finding.severity.rawValue)</td>"
                + "<td>\(HTMLText.escape(finding.rule.rawValue))</td>"
                + "<td>\(HTMLText.escape(finding.message))"
                + (finding.hint.map { "<br><small>hint: \(HTMLText.escape($0))</small>" } ?? "")
                + "</td></tr>"
        }
        let table =
            rows.isEmpty
            ? []
            : [
                HTMLText.table(
                    ["Location", "Severity", "Rule", "Message"], rows, class: "problems")
            ]
        return section(
            "problems", "Near-misses and other problems", table,
            empty: "No near-miss and no other problem found.")
    }

    static func staleSection(_ model: ReportModel) -> String {
        guard let stale = model.staleOutputs else { return "" }
        // Paths quoted as the usage section quotes them: control characters escaped (a
        // forty-sixth fresh tester found them raw here).
        let rows = stale.map {
            let path = TerminalText.quoted($0.path)
            return HTMLText.row([path, $0.reason], search: path + " " + $0.reason)
        }
        var parts = model.staleNote.map { ["<p>\(HTMLText.escape($0))</p>"] } ?? []
        if !rows.isEmpty {
            parts.append(HTMLText.table(["Output", "Why"], rows, class: "stale"))
        } else if !parts.isEmpty {
            parts.append("<p class=\"none\">Every output is up to date.</p>")
        }
        return section("stale", "Stale outputs", parts, empty: "Every output is up to date.")
    }

    private static func section(
        _ id: String, _ title: String, _ parts: [String], empty: String
    ) -> String {
        let body =
            parts.isEmpty
            ? "<p class=\"none\">\(HTMLText.escape(empty))</p>" : parts.joined(separator: "\n")
        return "<section id=\"\(id)\"><h2>\(HTMLText.escape(title))</h2>\n\(body)\n</section>"
    }

    private static func referenceRow(_ reference: PlaceholderReference) -> String {
        HTMLText.row(referenceCells(reference))
    }

    private static func referenceCells(_ reference: PlaceholderReference) -> [String] {
        let process = reference.process.map { $0.id + ($0.name.map { " \"\($0)\"" } ?? "") }
        let task = reference.task.map { task in
            task.id + (task.name.map { " \"\($0)\"" } ?? "") + " (\(task.kind))"
        }
        return [
            reference.location.description, process ?? "", task ?? "", reference.parameter,
            reference.fieldPath,
        ]
    }

    private static func searchText(_ reference: PlaceholderReference) -> String {
        referenceCells(reference).joined(separator: " ")
    }
}
