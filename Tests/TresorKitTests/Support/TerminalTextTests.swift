import Testing

@testable import TresorKit

/// How text from files is shown on a terminal: control characters, bidirectional controls
/// and backslashes found eight bytes at a time, and written as C escapes.
@Suite struct TerminalTextTests {
    /// The bidirectional controls and the line and paragraph separators, by scalar.
    static let bidiControls: [Unicode.Scalar] =
        ["\u{061C}", "\u{200E}", "\u{200F}"] + (0x2028...0x202E).map { Unicode.Scalar($0)! }
        + (0x2066...0x2069).map { Unicode.Scalar($0)! }
        // Invisible characters, which made a near-miss look like a valid placeholder (found
        // by two fresh testers): format characters and default-ignorable code points.
        + ["\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{34F}", "\u{115F}"]
        + ["\u{17B4}", "\u{180E}", "\u{2065}", "\u{206A}", "\u{206F}", "\u{3164}", "\u{FE00}"]
        + ["\u{FE0F}", "\u{FFA0}", "\u{FFF9}", "\u{1D173}", "\u{E0041}", "\u{E0100}"]
        + (0x2060...0x2064).map { Unicode.Scalar($0)! }

    private func simple(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C }
            || text.unicodeScalars.contains {
                Self.bidiControls.contains($0) || (0x80...0x9F) ~= $0.value
                    || $0.properties.isDefaultIgnorableCodePoint
                    || $0.properties.generalCategory == .format
            }
    }

    /// Every byte value at every position of texts around the eight-byte word, beside
    /// plain, non-ASCII and near-miss bytes (0x20, 0x7E, 0x80, 0xFF's lead bytes).
    @Test func findsEveryControlByteWhereverItIs() {
        // U+00A0 shares its lead byte (C2) with the C1 controls, which are escaped.
        let fillers = ["a", "é", "~", " ", "\u{A0}", "ÿ"]
        for length in [1, 7, 8, 9, 15, 16, 17, 24] {
            for filler in fillers {
                let base = Array(String(repeating: filler, count: length).utf8)
                #expect(TerminalText.needsEscaping(String(decoding: base, as: UTF8.self)) == false)
                for position in base.indices {
                    for byte in UInt8(0)...UInt8(0x7F) {
                        var bytes = base
                        bytes[position] = byte
                        let text = String(decoding: bytes, as: UTF8.self)
                        guard TerminalText.needsEscaping(text) == simple(text) else {
                            Issue.record("byte \(byte) at \(position) of \(bytes)")
                            return
                        }
                    }
                }
            }
        }
    }

    /// Each bidirectional control, wherever it stands around the eight-byte word, beside
    /// characters that share its lead byte (`–` is E2 80 93, `ؘ` is D8 98), which pass.
    @Test func findsEveryBidirectionalControlWhereverItIs() {
        for length in [0, 1, 5, 6, 7, 8, 9, 15] {
            for filler in [
                "a", "\u{2013}", "\u{618}", "\u{2070}", "\u{202F}", "\u{200A}", "\u{AE}",
            ] {
                let base = String(repeating: filler, count: length)
                #expect(TerminalText.needsEscaping(base) == false)
                #expect(TerminalText.escaped(base) == base)
                for control in Self.bidiControls {
                    for cut in 0...length {
                        let text =
                            String(repeating: filler, count: cut) + String(control)
                            + String(repeating: filler, count: length - cut)
                        #expect(TerminalText.needsEscaping(text), "\(control) in \(text.utf8)")
                        let hex = String(control.value, radix: 16)
                        let escaped = TerminalText.escaped(text)
                        // By bytes: a combining filler joins the escape's last digit.
                        let digits = control.value > 0xFFFF ? 8 : 4
                        let written =
                            (digits == 8 ? "\\U" : "\\u")
                            + String(repeating: "0", count: digits - hex.count) + hex
                        #expect(Array(escaped.utf8).firstRange(of: Array(written.utf8)) != nil)
                        #expect(!escaped.unicodeScalars.contains(control))
                    }
                }
            }
        }
    }

    @Test func escapesC1ControlsAsUnicodeEscapes() {
        #expect(TerminalText.escaped("no\u{9B}pe\u{85}") == #"no\u009bpe\u0085"#)
        #expect(TerminalText.needsEscaping("\u{80}") && !TerminalText.needsEscaping("\u{A0}"))
        #expect(TerminalText.escaped("a\\b\n", backslashes: false) == #"a\b\n"#)
    }

    @Test func escapesBidirectionalControlsAndBackslashes() {
        #expect(TerminalText.escaped("invoice\u{202E}fdp.bpmn") == #"invoice\u202efdp.bpmn"#)
        #expect(TerminalText.escaped("Step\u{2028}2\u{2029}") == #"Step\u20282\u2029"#)
        #expect(TerminalText.escaped("\u{2067}x\u{2069}\u{61C}") == #"\u2067x\u2069\u061c"#)
        #expect(TerminalText.escaped("API\u{200B}TOKEN\u{FEFF}") == #"API\u200bTOKEN\ufeff"#)
        #expect(TerminalText.escaped("A\u{E0041}B\u{3164}") == #"A\U000e0041B\u3164"#)
        let visible = "caf\u{E9} \u{2800}\u{A0}x\u{300}"
        #expect(TerminalText.escaped(visible) == visible)
        #expect(TerminalText.escaped(#"a\tb"#) == #"a\\tb"#)
        #expect(TerminalText.quoted(#"p\t.bpmn"#) == #""p\\t.bpmn""#)
        #expect(TerminalText.inQuotes("k\"\\\u{202E}") == #""k\"\\\u202e""#)
        #expect(
            TerminalText.escaped(bytes: [0xE2, 0x80, 0xAE, 0xFF], nonASCII: true)
                == #"\xe2\x80\xae\xff"#)
    }

    @Test func escapesControlsAndQuotesPathsThatHoldThem() {
        #expect(TerminalText.escaped("plain é") == "plain é")
        #expect(TerminalText.escaped("a\nb\u{1B}[31m\u{7F}") == #"a\nb\x1b[31m\x7f"#)
        #expect(TerminalText.quoted("p/a\"b\n.bpmn") == #""p/a\"b\n.bpmn""#)
        #expect(TerminalText.quoted("p/a\"b.bpmn") == "p/a\"b.bpmn")
    }
}
