import CTresorBuild

/// The version `tresor --version` prints: what `make release` derived from git (or from the
/// VERSION file when the sources carry no git history), else `dev` for a plain `swift build`.
enum BuildVersion {
    static let text: String = {
        let given = String(cString: tresor_build_version())
        return given.isEmpty ? "dev" : given
    }()
}
