#if canImport(Glibc)
    import Glibc
#endif

/// Finds a program `tresor` starts itself (git) in the absolute folders of `PATH` only.
/// An empty or relative entry of `PATH` names a folder relative to where `tresor` runs,
/// the top of the repository in a hook: a file named `git` committed there would run with
/// the hook's trust (found by a fresh tester).
public enum ExecutableSearch {
    /// Where `git` is, found once: nil when no absolute folder of `PATH` holds it.
    public static let git: String? = find("git")

    /// `path` (a `PATH` value) with its empty and relative entries left out.
    public static func absoluteFolders(of path: String) -> String {
        path.split(separator: ":").filter { $0.hasPrefix("/") }.joined(separator: ":")
    }

    /// The first regular, executable file named `name` in an absolute folder of `PATH`
    /// (`/usr/bin:/bin` when it is unset).
    public static func find(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for folder in absoluteFolders(of: path).split(separator: ":") {
            let candidate = folder + "/" + name
            var info = stat()
            guard stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                access(candidate, X_OK) == 0
            else { continue }
            return candidate
        }
        return nil
    }
}
