/// Reads many git objects with one `git cat-file --batch`: blobs by id, files of the index
/// as `:path`, files of a commit as `REV:path`. One process for all of them keeps a hook
/// with a handful of staged files in the low milliseconds.
struct GitObjectReader {
    let git: GitProcess

    /// The contents of each object name, or nil for a name git does not have. Names holding
    /// a newline cannot be asked for in batch mode and read as missing.
    // Limitation: a path with a newline in its name is read as missing, so its checks are
    // skipped; git allows such names, people rarely use them.
    // Limitation: every changed blob is read whole into memory (a master key may hide in
    // any file); a commit of very large files costs that much memory for a moment.
    func read(_ names: [String]) throws(GitError) -> [String: [UInt8]] {
        let asked = names.filter { !$0.contains("\n") }
        guard !asked.isEmpty else { return [:] }
        let input = Array(asked.joined(separator: "\n").utf8) + [0x0A]
        let output = try git.checked(["cat-file", "--batch"], input: input)
        return try Self.parse(output, names: asked)
    }

    /// Splits `--batch` output: per name, `<id> <type> <size>\n<bytes>\n` or
    /// `<name> missing\n` (also `ambiguous`).
    static func parse(_ output: [UInt8], names: [String]) throws(GitError) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        var offset = 0
        for name in names {
            guard let end = output[offset...].firstIndex(of: 0x0A) else {
                throw .unexpectedOutput("cat-file")
            }
            let header = output[offset..<end].split(separator: 0x20)
            offset = end + 1
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self))
            else { continue }
            guard offset + size < output.count else { throw .unexpectedOutput("cat-file") }
            result[name] = Array(output[offset..<offset + size])
            offset += size + 1
        }
        return result
    }
}
