/// A finding of the commit checks, with the task input field it concerns when there is
/// one: allow-list entries name file, field and rule.
public struct CommitFinding: Sendable, Hashable {
    public var finding: Finding
    /// The field path (`FTPAccess.password`, `headers.Authorization`), when known.
    public var field: String?

    public init(_ finding: Finding, field: String? = nil) {
        self.finding = finding
        self.field = field
    }

    public var isError: Bool { finding.severity == .error }
}

extension Rule {
    /// A staged file holds a Tresor master key.
    public static let masterKey = Rule("master-key")
    /// A staged render or deploy output (its `.tresor-render` marker is staged).
    public static let renderedOutput = Rule("rendered-output")
    /// A staged vault or process file holds git conflict markers.
    public static let conflictMarker = Rule("conflict-marker")
    /// A comment in a secret file other than its header: a place a plain value could hide.
    public static let vaultComment = Rule("vault-comment")
    /// A changed secret file's `updated.by` does not name the commit's author.
    public static let auditAuthor = Rule("audit-author")
    /// A changed secret file changed its `created` stamp.
    public static let auditStamp = Rule("audit-stamp")
    /// The commit's author is not on the vault's `editors` list.
    public static let editors = Rule("editors")
    /// A credential-named task input field holds a literal value instead of a placeholder.
    public static let plaintextCredential = Rule("plaintext-credential")
    /// A literal `Bearer ...` or `Basic ...` credential in a task input.
    public static let literalAuthHeader = Rule("literal-auth-header")
    /// The allow-list file is malformed, names a rule that cannot be silenced, or has an
    /// entry that silences nothing.
    public static let allowList = Rule("allow-list")

    /// Rules an allow-list entry may silence: the hook's guesses about a process file,
    /// which `validate` does not make. Keys, vault files and authorship are never
    /// silenced, nor the placeholder errors `validate` and `deploy` fail on whatever the
    /// list says (a silenced near-miss passed the hook and then failed CI and the deploy;
    /// found by a twenty-fifth fresh tester).
    public static let silenceable: Set<Rule> = [
        .plaintextCredential, .literalAuthHeader, .camundaSecretReference,
    ]

    /// Rules that once could be silenced and now stop `validate` and `deploy` too.
    static let validateErrors: Set<Rule> = [.nearMiss, .unsupportedPlace, .unsafeContext]
}
