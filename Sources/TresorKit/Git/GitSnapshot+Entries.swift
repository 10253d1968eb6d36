/// Every file of a snapshot's tree under a folder, as changes that add it: what a check of
/// a whole folder reads when a commit makes it the process folder.
extension GitSnapshot {
    /// The files of this tree (the index, or the commit's tree) under the folder `prefix`,
    /// each as a change that adds it, with its blob, mode and path as ``GitChange/parse(_:)``
    /// gives them. Unmerged index entries are left out: their stages are not a file yet.
    func entries(under prefix: String) throws(GitError) -> [GitChange] {
        try entries(matching: Self.folderPathspec(prefix))
    }

    /// True when `path` is a submodule (a gitlink) in this tree.
    func isGitlink(_ path: String) throws(GitError) -> Bool {
        try entries(matching: ":(literal)" + path).contains {
            $0.isGitlink && $0.path.isSamePath(as: path)
        }
    }

    private func entries(matching pathspec: String) throws(GitError) -> [GitChange] {
        let arguments =
            treeSpec == ":"
            ? ["ls-files", "-s", "-z", "--", pathspec]
            : ["ls-tree", "-r", "-z", String(treeSpec.dropLast()), "--", pathspec]
        var changes: [GitChange] = []
        for record in try git.checked(arguments).split(separator: 0) {
            // `MODE ID STAGE\tPATH` from ls-files, `MODE TYPE ID\tPATH` from ls-tree.
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else {
                throw .unexpectedOutput(arguments[0])
            }
            let fields = record[..<tab].split(separator: 0x20).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard fields.count == 3 else { throw .unexpectedOutput(arguments[0]) }
            let (mode, id) = (fields[0], treeSpec == ":" ? fields[1] : fields[2])
            if treeSpec == ":", fields[2] != "0" { continue }
            let path = record[(tab + 1)...]
            changes.append(
                GitChange(
                    path: String(decoding: path, as: UTF8.self), status: .added, oldBlob: nil,
                    newBlob: GitChange.blob(id, mode: mode), isLink: mode == "120000",
                    isGitlink: mode == "160000",
                    escapedPathNotUTF8: String(validating: path, as: UTF8.self) != nil
                        ? nil : TerminalText.escaped(bytes: path, nonASCII: true)))
        }
        return changes
    }
}
