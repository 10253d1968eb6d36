/// A render or deploy put its new output in place, but could not remove the previous
/// output it had set aside (a folder in it that even its owner cannot empty, such as one
/// made immutable): that copy may hold rendered values, so the command fails and names it.
public struct LeftoverOutputError: TresorError {
    /// The previous output, set aside beside the new one.
    public let path: String

    public init(path: String) { self.path = path }

    public var message: String {
        "the new output is in place, but the previous one, set aside at \(path), could not "
            + "be removed, and it may hold rendered values"
    }

    public var hint: String? {
        "remove it yourself (chmod -R u+w, then rm -rf, or lift what keeps it, such as "
            + "chattr +i); the next render removes it too once it can"
    }

    public var exitCode: ExitCode { .io }
}
