/// A vault file (`vault.yaml` or a secret file) that breaks the format rules.
///
/// It carries the file, the position and the rule, never a line or value of the file:
/// vault files hold envelopes, and a message must not carry one into a log.
public struct VaultFileError: TresorError, Hashable {
    public var path: String
    public var line: Int
    public var column: Int
    public var rule: Rule
    public var problem: String
    public var fix: String?

    public init(
        path: String, line: Int = 1, column: Int = 1, rule: Rule = .vaultFile,
        problem: String, fix: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.problem = problem
        self.fix = fix
    }

    public var location: SourceLocation { SourceLocation(path: path, line: line, column: column) }
    public var message: String { "\(location): \(rule): \(problem)" }
    public var hint: String? { fix ?? generalFix }
    public var exitCode: ExitCode { .vault }

    /// The same problem as a finding, for `validate`.
    public var finding: Finding { Finding(.error, rule, at: location, problem, hint: hint) }

    /// What to do when the rule has no better advice: tresor writes these files, so a
    /// broken one was most likely edited by hand.
    private var generalFix: String {
        path.hasSuffix("vault.yaml")
            ? "correct the field as the README's vault settings describe, or restore the file "
                + "with `git checkout -- \(path)`"
            : "secret files are written by tresor: `git diff \(path)` shows the edit, "
                + "`git checkout -- \(path)` restores the file"
    }
}

extension Rule {
    /// A vault file is not well-formed YAML of the schema.
    public static let vaultFile = Rule("vault-file")
    /// A secret file's name field breaks the name rules or differs from its file name.
    public static let secretName = Rule("secret-name")
    /// A secret's type is not a known type.
    public static let secretType = Rule("secret-type")
    /// A value is not a well-formed envelope, or is sealed to another key.
    public static let envelope = Rule("envelope")
    /// A name that is valid but unwise (too long, says nothing).
    public static let nameStyle = Rule("name-style")
}
