import Testing

@testable import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// A failed file-system call says what to do about the cause, where the cause says more
/// than its name.
@Suite struct FileErrorTests {
    /// Two renders to one output at once: the slower one's rename meets the other's output
    /// (found by a fresh tester, whose message said only "Directory not empty").
    @Test(arguments: [ENOTEMPTY, EEXIST])
    func somethingWrittenMeanwhileSaysAnotherRunMayHaveDoneIt(code: Int32) throws {
        let hint = try #require(FileError.system("rename", "out", code).hint)
        #expect(hint.contains("another render or deploy to the same output at the same time"))
    }

    @Test func aPathTooLongSaysToShortenIt() throws {
        let error = FileError.system("list", "deep", ENAMETOOLONG)
        #expect(error.hint?.hasPrefix("shorten the path") == true)
        #expect(error.pathLengthHint == error.hint)
        #expect(FileError.system("list", "deep", ENOENT).pathLengthHint == nil)
    }
}
