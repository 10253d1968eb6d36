import Testing

@testable import TresorKit

/// Names that no file system path may be built from, checked at the library's door.
@Suite struct SecretNameHostileTests {
    @Test(arguments: [
        "A\u{0}B", "A\u{0}", "\u{0}", "A/B", "..", "A\\B", "A B", "A\nB", "F\u{0422}P",
        "\u{FF26}TP", "A\u{200B}B", "a", String(repeating: "B", count: 65), "VAULT",
    ])
    func refused(_ text: String) {
        #expect(throws: NameError.self) { try SecretName(text) }
        #expect(!SecretName.isValid(text.utf8))
    }

    @Test func messagesShowEveryCharacterThatIsNotPlainASCII() throws {
        for text in ["F\u{0422}P", "A\u{0}B", "A\u{202E}B", "A\u{1F600}"] {
            let error = #expect(throws: NameError.self) { try SecretName(text) }
            let message = error?.message ?? ""
            #expect(message.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 })
            #expect(message.contains("\\u") || message.contains("\\x") || message.contains("\\U"))
        }
        // The forms of terminal text everywhere else (found by a fresh tester: names showed
        // `\u{a}` where paths showed `\n`).
        let shown = ["F\u{0422}P", "A\nB", "A\u{1B}B", "A\u{202E}B", "A\u{1F600}", "A\\B"].map {
            SecretName.printable($0)
        }
        #expect(
            shown == [#"F\u0422P"#, #"A\nB"#, #"A\x1bB"#, #"A\u202eB"#, #"A\U0001f600"#, #"A\\B"#])
    }
}
