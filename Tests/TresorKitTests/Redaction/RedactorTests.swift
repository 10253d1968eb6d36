import Foundation
import Testing

@testable import TresorKit

/// `Redactor`: every encoded form, chunk boundaries, the minimum length.
@Suite struct RedactorTests {
    static let value = "fake/pässword \"x\" & y+z"
    static let secret = SecretBytes(Array(value.utf8))

    func redacted(_ text: String, _ values: [SecretBytes] = [secret]) -> String {
        String(decoding: Redactor.redact(Array(text.utf8), values: values).plainCopy, as: UTF8.self)
    }

    @Test func theValueAndItsJSONFormsAreMasked() throws {
        #expect(redacted("a \(Self.value) b") == "a *** b")
        let minimal = try JSONSerialization.data(
            withJSONObject: ["k": Self.value], options: .withoutEscapingSlashes)
        let escaped = try JSONSerialization.data(withJSONObject: ["k": Self.value])
        #expect(String(decoding: escaped, as: UTF8.self).contains("\\/"))
        let php = "{\"k\": \"fake\\/p\\u00e4ssword \\\"x\\\" & y+z\"}"
        let python = php.replacingOccurrences(of: "\\/", with: "/")
        // Java and .NET write upper-case hex, some with `\/` as well.
        let upperEscaped = php.replacingOccurrences(of: "u00e4", with: "u00E4")
        let upper = upperEscaped.replacingOccurrences(of: "\\/", with: "/")
        for text in [
            String(decoding: minimal, as: UTF8.self), String(decoding: escaped, as: UTF8.self),
            php, python, upperEscaped, upper,
        ] {
            #expect(
                redacted(text) == "{\"k\":\"***\"}" || redacted(text) == "{\"k\": \"***\"}",
                "\(text)")
        }
    }

    /// A deploy's task input holds a FEEL or JSON string as a JSON string: the value is
    /// escaped twice there (found unmasked by a third fresh tester).
    @Test func aDeployedInputsDoubleEscapedFormIsMasked() {
        let value = #"fake-crm-key-"2222""#
        let secret = SecretBytes(Array(value.utf8))
        // FEEL `"` -> `\"`, then JSON `\` -> `\\` and `"` -> `\"`.
        let twice = #"fake-crm-key-\\\"2222\\\""#
        let input = #"{"h": "={\"X-Api-Key\": \"\#(twice)\"}"}"#
        #expect(redacted(input, [secret]) == #"{"h": "={\"X-Api-Key\": \"***\"}"}"#)
    }

    /// Go's and .NET's default JSON writers escape the HTML-sensitive characters, and
    /// .NET every non-ASCII one, in hex; JavaScript's URL encoding keeps `'()*!`; a value
    /// with white space at its ends reaches the engine trimmed (a forty-fifth fresh tester
    /// found each printed in clear).
    @Test func goDotNetJavaScriptAndTrimmedFormsAreMasked() {
        let value = "fake-it's<a&b>é (x)*!"
        let secret = SecretBytes(Array(value.utf8))
        let go = #"fake-it's\u003ca\u0026b\u003eé (x)*!"#
        let dotNet = #"fake-it\u0027s\u003Ca\u0026b\u003E\u00E9 (x)*!"#
        let javaScript = "fake-it's%3Ca%26b%3E%C3%A9%20(x)*!"
        for form in [go, dotNet, javaScript] {
            #expect(redacted("v=\"\(form)\";", [secret]) == "v=\"***\";", "\(form)")
        }
        let padded = SecretBytes(Array("  fake-padded-pass\n".utf8))
        #expect(redacted(#"{"password": "fake-padded-pass"}"#, [padded]) == #"{"password": "***"}"#)
        #expect(redacted("login fake-padded-pass failed", [padded]) == "login *** failed")
    }

    /// A forty-sixth fresh tester's leaks: DEL as Python and .NET escape it, Gson's `=`,
    /// a tab in an XML writer's attribute, an indented line of a multi-line value, and
    /// two overlapping values (the second's tail was printed).
    @Test func delGsonAttributeTabsIndentedLinesAndOverlapsAreMasked() {
        let del = SecretBytes(Array("fake-del\u{7F}pass-value".utf8))
        for form in [#"fake-del\u007fpass-value"#, #"fake-del\u007Fpass-value"#] {
            #expect(redacted("{\"p\": \"\(form)\"}", [del]) == #"{"p": "***"}"#, "\(form)")
        }
        let base64 = SecretBytes(Array("ZmFrZS1hcGkta2V5LW5vdC1yZWFs==".utf8))
        #expect(
            redacted(#"{"k":"ZmFrZS1hcGkta2V5LW5vdC1yZWFs\u003d\u003d"}"#, [base64])
                == #"{"k":"***"}"#)
        let tab = SecretBytes(Array("fake\ttab\tpass".utf8))
        for form in ["fake&#x9;tab&#x9;pass", "fake&#09;tab&#09;pass"] {
            #expect(redacted("<l p=\"\(form)\"/>", [tab]) == "<l p=\"***\"/>", "\(form)")
        }
        let lines = SecretBytes(Array("fake-top-line\n   fake-middle-line   \nfake-end-line".utf8))
        #expect(redacted("a fake-middle-line b", [lines]) == "a *** b")
        let first = SecretBytes(Array("fake-ovl-AAAA".utf8))
        let second = SecretBytes(Array("AAAA-fake-ovl-BBBB".utf8))
        #expect(redacted("x fake-ovl-AAAA-fake-ovl-BBBB y", [first, second]) == "x *** y")
    }

    /// A value that starts with a line break holds no line of a log back: its forms that
    /// start with the break are left out, and its trimmed form masks it (a forty-sixth
    /// fresh tester found every line waiting for the next).
    @Test func aValueStartingWithALineBreakHoldsNoLineBack() {
        var redactor = Redactor(values: [SecretBytes(Array("\nfake-newline-start".utf8))])
        let out = redactor.feed(Array("line one\n".utf8)).plainCopy
        #expect(String(decoding: out, as: UTF8.self) == "line one\n")
        let rest =
            redactor.feed(Array("x\nfake-newline-start\n".utf8)).plainCopy
            + redactor.finish().plainCopy
        #expect(String(decoding: rest, as: UTF8.self) == "x\n***\n")
    }

    /// A master key is masked whatever `--min-length` says: it was let through above 48
    /// (a forty-sixth fresh tester).
    @Test func keysAreMaskedWhateverTheMinimumLength() {
        let key = SecretBytes(Array("TRESOR-SECRET-KEY-1FAKEFAKEFAKE".utf8))
        let redactor = Redactor(values: [], keys: [key], minimumLength: 1000)
        var copy = redactor
        let out =
            copy.feed(Array("k=TRESOR-SECRET-KEY-1FAKEFAKEFAKE;".utf8)).plainCopy
            + copy.finish().plainCopy
        #expect(String(decoding: out, as: UTF8.self) == "k=***;")
    }

    /// Java's URLEncoder and URLSearchParams, and `&#9;` as quoteattr writes it; a value
    /// whose rest after leading breaks, or whose trimmed form, is too short is named (a
    /// forty-seventh fresh tester).
    @Test func formEncodingQuoteattrAndShortFormsAreHandled() {
        let form = SecretBytes(Array("P@ss*word!".utf8))
        #expect(redacted("client_secret=P%40ss*word%21&x=1", [form]) == "client_secret=***&x=1")
        let tab = SecretBytes(Array("fake>\tpass-77".utf8))
        #expect(redacted(#"<a k="fake&gt;&#9;pass-77"/>"#, [tab]) == #"<a k="***"/>"#)
        let broken = Redactor.shortForms(
            of: SecretBytes(Array("\nfake1".utf8)), minimumLength: 6)
        #expect(broken.rawUnmasked)
        let padded = Redactor.shortForms(
            of: SecretBytes(Array("  fak1x  ".utf8)), minimumLength: 6)
        #expect(!padded.rawUnmasked && padded.untrimmed)
        let lines = Redactor.shortForms(
            of: SecretBytes(Array("ab12\ncd34\nef56".utf8)), minimumLength: 6)
        #expect(lines.shortLines)
        // A white-space line is not masked: it masked every run of spaces (a fifty-first).
        let spaced = SecretBytes(Array("fake-line-one-123\n            \nfake-line-two-456".utf8))
        #expect(redacted("                indented", [spaced]) == "                indented")
        #expect(redacted("x fake-line-one-123 y", [spaced]) == "x *** y")
        // Blank and white-space lines, CRLF ones too, hold nothing to mask.
        for blank in ["fake-one-123\r\n\r\nfake-two-456", "fake-one-123\n   \nfake-two-456"] {
            let forms = Redactor.shortForms(of: SecretBytes(Array(blank.utf8)), minimumLength: 6)
            #expect(!forms.shortLines, "\(blank.debugDescription)")
        }
        let plain = Redactor.shortForms(of: Self.secret, minimumLength: 6)
        #expect(!plain.rawUnmasked && !plain.untrimmed && !plain.shortLines)
        // Non-ASCII as character references (ElementTree's ASCII output, Java's
        // Transformer, libxml2), and PHP's and .NET's form encodings (a forty-ninth).
        let accented = SecretBytes(Array("fake pass~*!(x)'é".utf8))
        for form in [
            #"<a v="fake pass~*!(x)'&#233;" />"#, "<a>fake pass~*!(x)'&#xE9;</a>",
            "q=fake+pass%7E%2A%21%28x%29%27%C3%A9&", "q=fake+pass%7E*!(x)%27%C3%A9&",
            // .NET's HttpUtility (lower case), html.escape with ASCII output, lower-case hex
            // references (a fiftieth fresh tester).
            "q=fake+pass%7e*!(x)%27%c3%a9&", "<a>fake pass~*!(x)&#x27;&#233;</a>",
            "<a>fake pass~*!(x)'&#xe9;</a>",
        ] {
            #expect(!redacted(form, [accented]).contains("fake"), "\(form)")
        }
    }

    @Test func urlEncodedFormsAreMasked() {
        let upper = Self.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(upper.contains("%C3%A4"))
        #expect(redacted("https://h/?p=\(upper)&q=1") == "https://h/?p=***&q=1")
        #expect(redacted("p=\(upper.lowercased())") == "p=***")
        let form = upper.replacingOccurrences(of: "%20", with: "+")
        #expect(redacted("p=\(form)") == "p=***")
    }

    @Test(arguments: ["", "u", "us", "user:", "ab:cd:"])
    func base64IsMaskedAtEveryAlignment(_ prefix: String) {
        let encoded = Data((prefix + Self.value + "!").utf8).base64EncodedString()
        let output = redacted("Authorization: Basic \(encoded)")
        #expect(output.contains("***"))
        // At most one base64 character on either side of the mask carries bits of the value.
        let leftover = output.replacingOccurrences(of: "Authorization: Basic ", with: "")
            .components(separatedBy: "***")
        let tail = leftover.last ?? ""
        #expect(tail.count <= 4, "\(output)")
        let urlSafe = encoded.replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        #expect(redacted(urlSafe).contains("***"))
    }

    @Test func linesOfAMultiLineValueAreMaskedOnTheirOwn() {
        let pem = SecretBytes(Array("-----BEGIN KEY-----\r\nfakeLINEone\nab\nfakeLINEtwo\n".utf8))
        let log = "got fakeLINEtwo then fakeLINEone and ab"
        #expect(redacted(log, [pem]) == "got *** then *** and ab")
        #expect(redacted("x\\nfakeLINEtwo\\n", [pem]) == "x\\n***\\n")
    }

    @Test func valuesBelowTheMinimumAreNotMasked() {
        let short = SecretBytes(Array("true1".utf8))
        #expect(redacted("true1 true1", [short]) == "true1 true1")
        let six = SecretBytes(Array("true12".utf8))
        #expect(redacted("true12", [six]) == "***")
    }

    @Test func theLongestFormWinsAndOverlapsAreAllMasked() {
        let one = SecretBytes(Array("fake-abcdef".utf8))
        let two = SecretBytes(Array("fake-abcdef-longer".utf8))
        #expect(redacted("x fake-abcdef-longer fake-abcdef y", [one, two]) == "x *** *** y")
    }

    @Test func everyChunkingGivesTheSameOutputAsOneRead() {
        let text =
            "start \(Self.value) mid " + Data(("user:" + Self.value).utf8).base64EncodedString()
            + " \(Self.value)\(Self.value) end \(Self.value)"
        let whole = Redactor.redact(Array(text.utf8), values: [Self.secret]).plainCopy
        let bytes = Array(text.utf8)
        for split in 0...bytes.count {
            var redactor = Redactor(values: [Self.secret])
            let out =
                redactor.feed(bytes[..<split]).plainCopy + redactor.feed(bytes[split...]).plainCopy
                + redactor.finish().plainCopy
            #expect(out == whole, "split at \(split)")
        }
        var byByte = Redactor(values: [Self.secret])
        var out: [UInt8] = []
        for byte in bytes { out += byByte.feed([byte]).plainCopy }
        out += byByte.finish().plainCopy
        #expect(out == whole)
        #expect(!String(decoding: whole, as: UTF8.self).contains(Self.value))
    }

    /// Output that starts no form is written at once; only a tail that spells the start of
    /// one waits for more (found by a thirty-fifth fresh tester: "started" was held up
    /// until the command printed more or ended).
    @Test func onlyATailThatMayStartAFormIsHeldBack() {
        var redactor = Redactor(values: [Self.secret])
        #expect(redactor.feed(Array("started\n".utf8)).plainCopy == Array("started\n".utf8))
        let prefix = String(Self.value.prefix(4))
        #expect(redactor.feed(Array("next \(prefix)".utf8)).plainCopy == Array("next ".utf8))
        let rest = String(Self.value.dropFirst(4))
        #expect(redactor.feed(Array("\(rest) done\n".utf8)).plainCopy == Array("*** done\n".utf8))
        #expect(redactor.finish().plainCopy.isEmpty)
    }

    /// HTML and XML writers escape both quotes, each its own way (found by a thirty-sixth
    /// fresh tester: these forms were not masked).
    @Test func markupEscapedFormsAreMasked() {
        let value = SecretBytes(Array(#"fake-x<&>"y' z"#.utf8))
        for form in [
            "fake-x&lt;&amp;&gt;&quot;y&apos; z", "fake-x&lt;&amp;&gt;&#34;y&#39; z",
            "fake-x&lt;&amp;&gt;&quot;y&#039; z", "fake-x&lt;&amp;&gt;&quot;y&#x27; z",
        ] {
            #expect(redacted("a \(form) b", [value]) == "a *** b", "\(form)")
        }
    }

    @Test func randomValuesNeverSurviveRandomChunking() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 _-/+=\"\\&%\nü😀".unicodeScalars)
        for _ in 0..<200 {
            let length = Int.random(in: 6...40, using: &generator)
            let value = String(
                String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement()! }))
            let secret = SecretBytes(Array(value.utf8))
            let text = Array(("<<" + value + ">> " + value + "..").utf8)
            var redactor = Redactor(values: [secret])
            var out: [UInt8] = []
            var start = 0
            while start < text.count {
                let end = min(text.count, start + Int.random(in: 1...9, using: &generator))
                out += redactor.feed(text[start..<end]).plainCopy
                start = end
            }
            out += redactor.finish().plainCopy
            // Leading line breaks stay (they hold no secret; masking them held up every
            // line of a log), unless what follows is too short to mask on its own.
            let breaks = String(value.prefix { $0 == "\n" })
            let rest = value.utf8.count - breaks.utf8.count
            let masked = rest >= Redactor.defaultMinimumLength ? breaks + "***" : value
            #expect(
                String(decoding: out, as: UTF8.self) == "<<\(masked)>> \(masked)..",
                "\(value.debugDescription)")
        }
    }
}
