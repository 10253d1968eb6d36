import Foundation
import TresorKit

/// `--json` output of the read-only commands: sorted keys, no `\/` escapes, one document.
enum JSONOutput {
    static func print(_ object: Any, console: Console) throws {
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        console.print(String(decoding: data, as: UTF8.self))
    }

    static func finding(_ finding: Finding) -> [String: Any] {
        var object: [String: Any] = [
            "path": finding.location.path, "line": finding.location.line,
            "column": finding.location.column, "severity": finding.severity.rawValue,
            "rule": finding.rule.rawValue, "message": finding.message,
        ]
        object["hint"] = finding.hint
        // A name that is not UTF-8 is given escaped (`bad\xff.json`); this says so, which
        // the text alone cannot (a name may hold a backslash; found by a twenty-sixth
        // fresh tester).
        if finding.location.pathIsEscaped { object["path_escaped"] = true }
        return object
    }

    static func record(_ record: SecretRecord) -> [String: Any] {
        [
            "name": record.name.text, "display_name": record.displayName,
            "type": record.type.rawValue, "key_ids": record.value.recipients.map(\.text),
            "created": ["at": record.created.at, "by": record.created.by],
            "updated": ["at": record.updated.at, "by": record.updated.by],
        ]
    }
}
