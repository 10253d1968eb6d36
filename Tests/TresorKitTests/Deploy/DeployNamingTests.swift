import Testing

@testable import TresorKit

/// Output names from hostile ids, field paths read back, input trees as JSON.
@Suite struct DeployNamingTests {
    @Test(arguments: [
        ("plain-Id_1.x", "plain-Id_1.x"), ("..", "%2E."), (".hidden", "%2Ehidden"),
        ("a/b", "a%2Fb"), ("", "%"), ("%", "%25"), ("ä", "%C3%A4"), ("a b", "a%20b"),
    ])
    func outputNamesAreOneSafeComponent(_ text: String, _ expected: String) {
        #expect(OutputName.component(text) == expected)
    }

    @Test func outputNamesAreOneToOne() {
        let inputs = ["a", "A", "a.", ".a", "%2Ea", "a/", "a%2F", "", "%", "..", "."]
        let names = inputs.map(OutputName.component)
        #expect(Set(names).count == inputs.count)
        #expect(names.allSatisfy { !$0.contains("/") && $0 != "." && $0 != ".." })
    }

    @Test func fieldPathsReadBackWhatJSONPathWrites() {
        let paths: [[JSONPath.Component]] = [
            [], [.key("host")], [.index(3)], [.key("Content-Type")], [.key("a.b"), .index(0)],
            [.key("q\"uo\\te")], [.key("ctl\u{1}")], [.index(1), .key("x"), .key("y z")],
        ]
        for components in paths {
            let written = JSONPath(components).appended(to: "param.with.dots")
            #expect(
                FieldPath.components(of: written, below: "param.with.dots") == components,
                "\(written)")
        }
        #expect(FieldPath.components(of: "other.x", below: "param") == nil)
        #expect(FieldPath.components(of: "param[x]", below: "param") == nil)
    }

    @Test func inputTreesBecomeObjectsArraysOrStrings() {
        let tree = InputTree()
        #expect(tree.insert(WipedArray(Array("\n  ".utf8)), at: []))
        #expect(tree.insert(WipedArray(Array("b\"".utf8)), at: [.key("z")]))
        #expect(tree.insert(WipedArray(Array("one".utf8)), at: [.key("a"), .index(1)]))
        #expect(tree.insert(WipedArray(Array("zero".utf8)), at: [.key("a"), .index(0)]))
        // An entry given twice is refused, not glued; white space between entries is not.
        #expect(!tree.insert(WipedArray(Array("again".utf8)), at: [.key("z")]))
        #expect(tree.insert(WipedArray(Array("\n".utf8)), at: []))
        let text = String(decoding: json(tree), as: UTF8.self)
        #expect(text == "{\n  \"z\": \"b\\\"\",\n  \"a\": [\n    \"zero\",\n    \"one\"\n  ]\n}")
        let leaf = InputTree()
        #expect(leaf.insert(WipedArray(Array("x\ny".utf8)), at: []))
        #expect(String(decoding: json(leaf), as: UTF8.self) == "\"x\\ny\"")
    }

    private func json(_ tree: InputTree) -> [UInt8] {
        let out = WipedArray<UInt8>()
        tree.write(into: out, indent: 0)
        return out.plainCopy
    }
}
