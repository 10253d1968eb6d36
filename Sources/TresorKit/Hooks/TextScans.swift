/// Line-level scans of staged text: git conflict markers, and the comment lines of a secret
/// file (which only ever hold the header `tresor` writes).
enum TextScans {
    /// The 1-based line of the first git conflict marker (`<<<<<<< `, `||||||| `,
    /// `=======`, `>>>>>>> ` at the start of a line), or nil.
    static func conflictMarkerLine(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var start = 0
        while start < bytes.count {
            let end = bytes.firstOffset(of: 0x0A, from: start) ?? bytes.count
            // Every marker starts with one of `<|>=`: other lines are passed over unread
            // (every secret file is scanned on each read, and is mostly base64).
            switch bytes[start] {
            case UInt8(ascii: "<"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "="):
                if isMarker(bytes[start..<end]) { return line }
            default: break
            }
            start = end + 1
            line += 1
        }
        return nil
    }

    /// What to do about conflict markers in the secret file `path`. Each side is named by
    /// its commit: `--ours|--theirs` do nothing once the file is staged, and `tresor edit`
    /// cannot read a file with markers (found by a twenty-fifth fresh tester).
    static func secretConflictHint(_ path: String) -> String {
        "both sides changed this secret: keep one with `git checkout HEAD -- \(path)` (the "
            + "commit being built on) or `git checkout MERGE_HEAD -- \(path)` (the one coming "
            + "in; CHERRY_PICK_HEAD, REVERT_HEAD or REBASE_HEAD in a cherry-pick, revert or "
            + "rebase), then `git add \(path)`; to change its value after that, "
            + "`tresor edit \(RepositoryPath.stem(path)) --new-value`"
    }

    /// The finding for conflict markers at `line` of `path`.
    static func conflictFinding(_ path: String, _ line: Int, hint: String) -> Finding {
        Finding(
            .error, .conflictMarker, at: SourceLocation(path: path, line: line, column: 1),
            "the file holds git conflict markers", hint: hint)
    }

    private static func isMarker(_ line: ArraySlice<UInt8>) -> Bool {
        let text = line.last == 0x0D ? line.dropLast() : line
        for marker in ["<<<<<<<", "|||||||", ">>>>>>>"] {
            let bytes = Array(marker.utf8)
            if text.starts(with: bytes), text.count == 7 || text.dropFirst(7).first == 0x20 {
                return true
            }
        }
        return text.elementsEqual("=======".utf8)
    }

    /// The lines (1-based) of comments in a YAML vault file that are not among `allowed`
    /// lines: whole-line comments and ` #` comments after a value, outside quotes.
    // Limitation: the scan is by line, not a YAML parser: a quoted scalar running over
    // several lines, or a `#` line inside a block scalar (`|`, `>`, which tresor never
    // writes), counts as holding a comment, so it is reported too, never missed.
    static func foreignCommentLines(_ bytes: [UInt8], allowed: Set<String>) -> [Int] {
        var lines: [Int] = []
        var number = 1
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if let comment = commentStart(line) {
                let text = String(decoding: line[comment...], as: UTF8.self)
                let isHeader = comment == line.startIndex && allowed.contains(text)
                if !isHeader { lines.append(number) }
            }
            start = end + 1
            number += 1
        }
        return lines
    }

    /// Where a comment starts in `line`. A quote opens a quoted scalar only where a value
    /// starts (line start, after `: `, `- `, or `{`, `[`, `,` in flow style).
    private static func commentStart(_ line: ArraySlice<UInt8>) -> Int? {
        var quote: UInt8? = nil
        var previous: UInt8 = 0x20
        var significant: UInt8 = 0
        var inFlow = false
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if let open = quote {
                // `\x` escapes in double quotes, `''` in single quotes: skip the pair.
                let next = index + 1 < line.endIndex ? line[index + 1] : 0
                if byte == 0x5C && open == 0x22 || byte == 0x27 && open == 0x27 && next == 0x27 {
                    index += 1
                } else if byte == open {
                    quote = nil
                }
            } else if byte == 0x22 || byte == 0x27, startsValue(significant, previous, inFlow) {
                quote = byte
            } else if byte == 0x23, previous == 0x20 || previous == 0x09 {
                return index
            }
            if byte == 0x7B || byte == 0x5B { inFlow = true }
            if byte != 0x20 && byte != 0x09 { significant = byte }
            previous = byte
            index += 1
        }
        return nil
    }

    private static func startsValue(_ significant: UInt8, _ previous: UInt8, _ inFlow: Bool)
        -> Bool
    {
        switch significant {
        case 0: true
        case 0x3A, 0x2D: previous == 0x20 || previous == 0x09
        case 0x7B, 0x5B, 0x2C: inFlow
        default: false
        }
    }
}
