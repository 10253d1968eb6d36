import Testing

@testable import TresorKit

/// Paths taken apart by their bytes, as Linux has them: a `/` or `.` followed by a
/// combining mark is still a `/` or a `.`, and two spellings of one letter are two names.
@Suite struct PathNamesTests {
    @Test func namesAreSplitAtEverySlashByte() {
        #expect("a/\u{301}b//c/".pathNames == ["a", "\u{301}b", "c"])
        #expect("/".pathNames.isEmpty)
        #expect("a/\u{301}b".lastPathName == "\u{301}b")
        #expect("name".lastPathName == "name")
        #expect("a/\u{301}b".pathParent == "a")
        #expect("/\u{301}b".pathParent == "/")
        #expect("name".pathParent == nil)
    }

    @Test func insideMeansTheFoldersBytesAndASlash() {
        #expect("vault/\u{301}d/x".isPath(inside: "vault"))
        #expect("vault/\u{301}d/x".relativePath(in: "vault") == "\u{301}d/x")
        #expect(!"vault\u{301}/x".isPath(inside: "vault"))
        #expect(!"vaults/x".isPath(inside: "vault"))
        #expect(!"vault".isPath(inside: "vault"))
        #expect("/x".isPath(inside: "/") && !"/".isPath(inside: "/"))
        // Two spellings of one name are two folders.
        #expect(!"pru\u{308}f/x".isPath(inside: "pr\u{FC}f"))
        #expect(!"pru\u{308}f".isSamePath(as: "pr\u{FC}f"))
        #expect("pru\u{308}f" == "pr\u{FC}f")  // what String says
    }

    @Test func hiddenNamesAndExtensionsAreReadFromBytes() {
        #expect(".\u{301}t.json".isHiddenName)
        #expect(!"t.json".isHiddenName)
        #expect("x.YAML".hasSuffixBytes(".yaml", ignoringASCIICase: true))
        #expect(!"x.YAML".hasSuffixBytes(".yaml"))
        #expect("\u{600}.json".hasSuffixBytes(".json"))
        #expect(!"x.json\u{301}".hasSuffixBytes(".json"))
        #expect("\u{301}t.json".droppingLastBytes(5) == "\u{301}t")
        #expect("/\u{301}x".isAbsolutePath && !"\u{301}/x".isAbsolutePath)
    }
}
