/// One file a commit (or the index) changes, from `git diff --raw -z`.
public struct GitChange: Sendable, Hashable {
    /// What happened to the file.
    public enum Status: Sendable, Hashable {
        case added, modified, deleted, typeChanged, unmerged, other
    }

    /// The path, `/`-separated, relative to the top of the repository.
    public var path: String
    public var status: Status
    /// The blob before the change, nil when the file is new.
    public var oldBlob: String?
    /// The blob after the change, nil when the file is gone, unmerged, or not a blob
    /// (a submodule).
    public var newBlob: String?
    /// True when the change leaves a symbolic link (mode 120000): its blob is the link's
    /// target, not a file's contents.
    public var isLink = false
    /// True when the file was a symbolic link before the change (old mode 120000).
    public var wasLink = false
    /// True when the change leaves a submodule (a gitlink, mode 160000): a commit, not a
    /// file; a clone shows an empty folder there.
    public var isGitlink = false
    /// Git's path with each byte from 0x80 up escaped (`processes/bad\xff.json`), when it
    /// is not valid UTF-8 (`path` then holds U+FFFD for the bad bytes); nil when it is.
    public var escapedPathNotUTF8: String?

    /// True when the change leaves a file whose contents can be read and checked.
    public var hasContents: Bool { newBlob != nil }

    /// Parses `:<old mode> <new mode> <old id> <new id> <status>\0<path>\0` records (what
    /// `--raw -z --no-renames --no-abbrev` prints).
    static func parse(_ output: [UInt8]) throws(GitError) -> [GitChange] {
        var changes: [GitChange] = []
        var fields = output.split(separator: 0, omittingEmptySubsequences: false)[...]
        while let head = fields.popFirst(), !head.isEmpty {
            guard let path = fields.popFirst(), head.first == UInt8(ascii: ":") else {
                throw .unexpectedOutput("diff --raw")
            }
            let parts = head.dropFirst().split(separator: 0x20).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard parts.count == 5 else { throw .unexpectedOutput("diff --raw") }
            let isUTF8 = String(validating: path, as: UTF8.self) != nil
            changes.append(
                GitChange(
                    path: String(decoding: path, as: UTF8.self), status: status(parts[4]),
                    oldBlob: blob(parts[2], mode: parts[0]),
                    newBlob: blob(parts[3], mode: parts[1]),
                    isLink: parts[1] == "120000", wasLink: parts[0] == "120000",
                    isGitlink: parts[1] == "160000",
                    escapedPathNotUTF8: isUTF8
                        ? nil : TerminalText.escaped(bytes: path, nonASCII: true)))
        }
        return changes
    }

    private static func status(_ letter: String) -> Status {
        switch letter.first {
        case "A": .added
        case "M": .modified
        case "D": .deleted
        case "T": .typeChanged
        case "U": .unmerged
        default: .other
        }
    }

    /// The id when it names a regular file or link blob; nil for zeros and submodules.
    static func blob(_ id: String, mode: String) -> String? {
        guard mode.hasPrefix("10") || mode.hasPrefix("12") else { return nil }
        return id.allSatisfy { $0 == "0" } ? nil : id
    }
}
