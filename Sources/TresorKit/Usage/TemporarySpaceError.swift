/// Why `usage` could not sort its listing: a run could not be written to, or read back
/// from, the temporary folder (full, missing, not writable).
public struct TemporarySpaceError: TresorError, Equatable {
    /// What failed, with the run file's path and the system's reason.
    public let cause: FileError
    /// The temporary folder the runs go to: `$TMPDIR`, else `/tmp`.
    public let folder: String

    public init(_ cause: FileError, folder: String) {
        self.cause = cause
        self.folder = folder
    }

    public var message: String {
        "cannot sort the listing in the temporary folder \(folder): " + cause.message
    }

    public var hint: String? {
        "a long listing is sorted through files in $TMPDIR (else /tmp), about as large as the "
            + "output; make room in \(folder) (or create it) or set TMPDIR to a folder that "
            + "has room"
    }

    public var exitCode: ExitCode { .io }
}
