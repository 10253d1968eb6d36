/// Building HTML by hand, safely: every piece of text from the vault or the process files
/// passes through ``escape(_:)``, attribute values included.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, each character that
    /// shows as nothing (see ``TerminalText/isHidden(_:)``) written as the terminal writes
    /// it (`\u200b`), so a near-miss or a name cannot look valid on the page either (found
    /// by a fresh tester), and a master key in it (pasted into a file name) as
    /// `[master key]`.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in (MasterKey.masked(text) ?? text).unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case _ where !character.isASCII && TerminalText.isHidden(character):
                result += TerminalText.escaped(String(character), backslashes: false)
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// An element with escaped text content.
    static func element(_ tag: String, _ text: String, class className: String? = nil) -> String {
        let attribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<\(tag)\(attribute)>\(escape(text))</\(tag)>"
    }

    /// A table row of escaped cells; `search` is what the page's search matches against.
    static func row(_ cells: [String], search: String? = nil, id: String? = nil) -> String {
        var attributes = ""
        if let id { attributes += " id=\"\(escape(id))\"" }
        if let search { attributes += " data-search=\"\(escape(search.lowercased()))\"" }
        return "<tr\(attributes)>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
    }

    /// A table with a header row and body rows (already HTML).
    static func table(_ headers: [String], _ rows: [String], class className: String) -> String {
        let head = headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        return "<table class=\"\(className)\"><thead><tr>\(head)</tr></thead><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table>"
    }

    /// The anchor id of a secret's section: names are A-Z, 0-9 and `_`, safe as they are.
    static func anchor(_ name: SecretName) -> String { "secret-" + name.text }
}
