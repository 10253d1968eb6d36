import Foundation

/// Everything the library would otherwise take from the process: variables, the working
/// folder, the clock and the user. Commands pass it in; tests build their own, so they can
/// run in parallel without touching the real environment.
public struct TresorEnvironment: Sendable {
    /// Environment variables (`TRESOR_KEY`, `TRESOR_KEY_FILE`, `XDG_CONFIG_HOME`, `HOME`, ...).
    public var variables: [String: String]
    /// The folder relative paths are resolved against.
    public var currentDirectory: String
    /// The current time, for the audit stamps of secret files.
    public var now: @Sendable () -> Date
    /// Who is making a change to the vault in a folder, for the audit stamps: the email of
    /// the author git would record there (`git var GIT_AUTHOR_IDENT`; the vault's
    /// repository, not the current folder's: a forty-ninth fresh tester's `--vault` into
    /// another repository stamped that one's author), else its name, else `$USER`.
    public var user: @Sendable (_ folder: String) -> String

    public init(
        variables: [String: String],
        currentDirectory: String,
        now: @escaping @Sendable () -> Date = { Date() },
        user: (@Sendable (_ folder: String) -> String)? = nil
    ) {
        self.variables = variables
        self.currentDirectory = currentDirectory
        self.now = now
        let fallback = Self.loginName(variables)
        self.user = user ?? { _ in fallback }
    }

    /// Who runs `tresor` when git names nobody: `$USER`, else `$LOGNAME`, else `unknown`,
    /// without white space around it. A variable set but blank counts as unset: an empty
    /// author is refused when the secret file is read back (found by a sixteenth fresh
    /// tester), and ` bob ` would never match the author `bob` (by a seventeenth).
    public static func loginName(_ variables: [String: String]) -> String {
        for name in ["USER", "LOGNAME"] {
            let value = variables[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !value.isEmpty { return value }
        }
        return "unknown"
    }

    /// The folder for temporary files: `$TMPDIR`, else `/tmp`.
    public var temporaryFolder: String {
        guard let folder = variables["TMPDIR"], !folder.isEmpty else { return "/tmp" }
        return absolute(folder)
    }

    /// Resolves `path` against ``currentDirectory`` unless it is absolute, with `.`, `..`
    /// and doubled or trailing slashes removed (symbolic links are left as they are).
    public func absolute(_ path: String) -> String {
        FileTree.normalized(path.isAbsolutePath ? path : currentDirectory + "/" + path)
    }
}
