#if canImport(Glibc)
    import Glibc
#endif

/// Who may change secrets: the optional `editors` list of `vault.yaml`, the GitOps stand-in
/// for "role required". Entries are emails, names, or shell patterns (`*@ops.example.com`,
/// `deploy-bot-*`); emails and patterns compare in any letter case.
///
/// The list in force is the one committed before the change (the parent's `vault.yaml`),
/// so adding yourself to the list is itself a change the list must allow.
public struct EditorList: Sendable, Hashable {
    public var entries: [String]

    public init(_ entries: [String]) { self.entries = entries }

    /// True when the list is empty (anyone may change secrets) or an entry names `person`.
    // Limitation: the author is whatever git records, which anyone can set
    // (`git -c user.email=...`); the list stops mistakes, not an attacker. Protected
    // branches or a server-side `tresor verify` that knows its authors make it binding.
    public func allows(_ person: GitIdentity) -> Bool {
        entries.isEmpty || entries.contains { Self.matches($0, person) }
    }

    /// An entry is matched against the author's email, and, when it holds no `@`, against
    /// the name too: a name can be set to anyone's email, and `editors` with emails let
    /// such an author through (found by a seventh fresh tester).
    static func matches(_ entry: String, _ person: GitIdentity) -> Bool {
        let pattern = entry.lowercased()
        let candidates = [person.email] + (entry.contains("@") ? [] : [person.name])
        return candidates.contains { candidate in
            !candidate.isEmpty && fnmatch(pattern, candidate.lowercased(), 0) == 0
        }
    }

    /// The list as shown in a message: at most five entries, then how many more.
    public var summary: String {
        let shown = entries.prefix(5).joined(separator: ", ")
        return entries.count > 5 ? shown + " and \(entries.count - 5) more" : shown
    }
}
