import Testing

@testable import TresorKit

/// How text from files is shown on a terminal: control characters found eight bytes at a
/// time, and written as C escapes.
@Suite struct TerminalTextTests {
    private func simple(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Every byte value at every position of texts around the eight-byte word, beside
    /// plain, non-ASCII and near-miss bytes (0x20, 0x7E, 0x80, 0xFF's lead bytes).
    @Test func findsEveryControlByteWhereverItIs() {
        let fillers = ["a", "é", "~", " ", "\u{80}", "ÿ"]
        for length in [1, 7, 8, 9, 15, 16, 17, 24] {
            for filler in fillers {
                let base = Array(String(repeating: filler, count: length).utf8)
                #expect(TerminalText.hasControl(String(decoding: base, as: UTF8.self)) == false)
                for position in base.indices {
                    for byte in UInt8(0)...UInt8(0x7F) {
                        var bytes = base
                        bytes[position] = byte
                        let text = String(decoding: bytes, as: UTF8.self)
                        guard TerminalText.hasControl(text) == simple(text) else {
                            Issue.record("byte \(byte) at \(position) of \(bytes)")
                            return
                        }
                    }
                }
            }
        }
    }

    @Test func escapesControlsAndQuotesPathsThatHoldThem() {
        #expect(TerminalText.escaped("plain é") == "plain é")
        #expect(TerminalText.escaped("a\nb\u{1B}[31m\u{7F}") == #"a\nb\x1b[31m\x7f"#)
        #expect(TerminalText.quoted("p/a\"b\n.bpmn") == #""p/a\"b\n.bpmn""#)
        #expect(TerminalText.quoted("p/a\"b.bpmn") == "p/a\"b.bpmn")
    }
}
