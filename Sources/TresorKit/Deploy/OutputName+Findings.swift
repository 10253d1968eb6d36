/// `validate`'s and the hook's check that `deploy` can write every task input of a process
/// file: each id and parameter name, as a file name, must fit the 255 bytes a file name
/// may have (NAME_MAX on Linux), or deploy stops at it with exit 6; and no two inputs of
/// one task may have one name, or deploy stops as they would share a file
/// (`OutputName+SharedFiles.swift`).
extension Rule {
    /// A process id, task id or parameter name too long for a deploy output's file name.
    public static let outputName = Rule("output-name")
}

extension OutputName {
    /// The longest file name Linux file systems take.
    static let maximumLength = 255

    /// The number of bytes of ``component(_:)`` of `text`, without making it.
    static func length(of text: String) -> Int {
        guard !text.isEmpty else { return 1 }
        var length = 0
        for (offset, byte) in text.utf8.enumerated() {
            length += isPlain(byte) && !(offset == 0 && byte == UInt8(ascii: ".")) ? 1 : 3
        }
        return length
    }

    /// An error for each process id, task id and parameter name of `document` whose
    /// output file name would be too long, at its first placeholder, and for each second
    /// input of a task named as an earlier one; JSON task inputs (outside any process) are
    /// not deployed by id.
    public static func findings(in document: ProcessDocument) -> [Finding] {
        lengthFindings(in: document) + sharedFileFindings(in: document)
    }

    private static func lengthFindings(in document: ProcessDocument) -> [Finding] {
        // A name of at most 83 bytes fits whatever it holds (3 bytes a byte at most): most
        // files are told apart from the counts alone, without a copy of any reference.
        let fits = (maximumLength - ".json".utf8.count) / 3
        let mayNotFit = document.references.contains {
            ($0.process?.id.utf8.count ?? 0) > fits || ($0.task?.id.utf8.count ?? 0) > fits
                || $0.parameter.utf8.count > fits
        }
        guard mayNotFit else { return [] }
        var findings: [Finding] = []
        var reported: Set<String> = []
        func check(_ what: String, _ text: String, suffix: Int, at location: SourceLocation) {
            let length = length(of: text) + suffix
            guard length > maximumLength, reported.insert(what + ":" + text).inserted else {
                return
            }
            findings.append(tooLong(what, text, length: length, at: location))
        }
        for reference in document.references {
            guard let process = reference.process, let task = reference.task else { continue }
            check("process id", process.id, suffix: 0, at: reference.location)
            check("task id", task.id, suffix: 0, at: reference.location)
            check(
                "parameter name", reference.parameter, suffix: ".json".utf8.count,
                at: reference.location)
        }
        return findings
    }

    private static func tooLong(
        _ what: String, _ text: String, length: Int, at location: SourceLocation
    ) -> Finding {
        let shown = text.count > 40 ? text.prefix(40) + "..." : Substring(text)
        return Finding(
            .error, .outputName, at: location,
            "the \(what) \"\(shown)\" makes a deploy file name of \(length) bytes, over the "
                + "\(maximumLength) a file name may have",
            hint: "shorten it: deploy writes inputs/PROCESS/TASK/PARAMETER.json, with each "
                + "byte outside A-Z a-z 0-9 _ . - as %XX (3 bytes)")
    }
}
