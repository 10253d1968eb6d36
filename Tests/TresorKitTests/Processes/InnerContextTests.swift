import Testing

@testable import TresorKit

@Suite struct InnerContextTests {
    private func resolve(_ text: String, isZeebe: Bool = false) -> [InnerContext] {
        resolve(text, reading: isZeebe ? .feelWhenMarked : .expressionLanguage)
    }

    private func resolve(_ text: String, reading: InputReading) -> [InnerContext] {
        let bytes = Array(text.utf8)
        let ranges = PlaceholderScanner.scan(bytes).placeholders.map(\.range)
        return InnerContext.resolve(ranges, in: bytes, reading: reading)
    }

    /// Zeebe reads a FEEL expression only where `=` is the first character; a header is
    /// never one (found by a twenty-eighth fresh tester: both were FEEL-escaped).
    @Test func feelOnlyWhereZeebeReadsIt() {
        #expect(
            resolve(#"= "{{secret:A}}""#, reading: .staticText) == [.safe(.plainText, path: nil)])
        #expect(resolve("={{secret:A}}", reading: .staticText) == [.safe(.plainText, path: nil)])
        #expect(resolve("\n= \"{{secret:A}}\"", isZeebe: true) == [.blankBeforeFEEL])
        #expect(
            resolve(" ={{secret:A}} {{secret:B}}", isZeebe: true) == [
                .blankBeforeFEEL, .blankBeforeFEEL,
            ])
        #expect(resolve(" {{secret:A}}", isZeebe: true) == [.safe(.plainText, path: nil)])
    }

    /// A text that is an XML document: its text and attribute values are escaped for XML,
    /// its markup is refused (found by a thirty-fourth fresh tester: a SOAP envelope got
    /// values written raw).
    @Test func anXMLPayloadsTextAttributesAndMarkup() {
        let text = """
            <?xml version="1.0"?><!DOCTYPE e [<!ENTITY x "{{secret:A}}">]>
            <e a="{{secret:B}}" b='x {{secret:C}}'>t {{secret:D}}<!-- {{secret:E}} -->
            <![CDATA[{{secret:F}}]]><{{secret:G}}/><?pi {{secret:H}}?>{{secret:I}}</e>
            """
        #expect(
            resolve(text) == [
                .xmlMarkup("a declaration"), .safe(.xmlPayloadAttribute, path: nil),
                .safe(.xmlPayloadAttribute, path: nil), .safe(.xmlPayloadText, path: nil),
                .xmlMarkup("a comment"), .xmlMarkup("a CDATA section"), .xmlMarkup("a tag"),
                .xmlMarkup("a processing instruction"), .safe(.xmlPayloadText, path: nil),
            ])
        // Not XML: a comparison, a heart, a placeholder alone.
        for plain in ["<= 5 {{secret:A}}", "<3 {{secret:A}}", " {{secret:A}} <b>"] {
            #expect(resolve(plain) == [.safe(.plainText, path: nil)], "\(plain)")
        }
        // An expression inside the payload is still one.
        #expect(resolve("<e>${x.y({{secret:A}})}</e>") == [.insideExpression])
    }

    @Test func feelStringLiteralVersusBareCode() {
        #expect(
            resolve(#"= "Bearer {{secret:A}}""#, isZeebe: true) == [.safe(.feelString, path: nil)])
        #expect(resolve("={{secret:A}}", isZeebe: true) == [.bareFEEL])
        #expect(resolve(#"= "a\"" + {{secret:A}} + "b""#, isZeebe: true) == [.bareFEEL])
        #expect(resolve(#"= // "x"  {{secret:A}}"#, isZeebe: true) == [.bareFEEL])
        #expect(resolve(#"=  "{{secret:A}}"  "#, isZeebe: false) == [.safe(.plainText, path: nil)])
    }

    /// A payload that writes a key twice in one object (at any depth, whatever escape
    /// spells it) makes every placeholder in it unsafe; the same key in two objects is fine.
    @Test func embeddedJSONWithARepeatedKey() {
        #expect(
            resolve(#"{"password": "{{secret:A}}", "password": "x"}"#)
                == [.repeatedJSONKey("password")])
        #expect(
            resolve(#"{"o": {"k": "{{secret:A}}", "\u006b": 1}, "b": "{{secret:B}}"}"#)
                == [.repeatedJSONKey("k"), .repeatedJSONKey("k")])
        #expect(
            resolve(#"{"k": "{{secret:A}}", "o": {"k": 1}, "l": [{"k": 2}, {"k": 3}]}"#)
                == [.safe(.jsonString, path: JSONPath([.key("k")]))])
    }

    @Test func embeddedJSONValueKeyAndBare() {
        let text =
            #" {"auth": {"password": "{{secret:A}}"}, "{{secret:B}}": 1, "n": {{secret:C}}}"#
        #expect(
            resolve(text) == [
                .safe(.jsonString, path: JSONPath([.key("auth"), .key("password")])),
                .jsonKey(JSONPath([.key("{{secret:B}}")])),
                .bareJSON(JSONPath([.key("n")])),
            ])
        #expect(resolve("{{secret:A}}") == [.safe(.plainText, path: nil)])
        #expect(resolve(" {{secret:A}} and {\"x\": 1}") == [.safe(.plainText, path: nil)])
        #expect(
            resolve(#"[1, {"token": "x{{secret:A}}"}]"#)
                == [.safe(.jsonString, path: JSONPath([.index(1), .key("token")]))])
        #expect(resolve(#"{"a": {{secret:A}}"#).map(\.isMalformedJSON) == [true])
        #expect(resolve(#"{"p": "{{secret:A}}", }"#).map(\.isMalformedJSON) == [true])
        // The finding says why (a nesting too deep got only "not valid JSON"; found by a
        // fresh tester).
        let deep = String(repeating: "[", count: 600) + #""{{secret:A}}""#
        #expect(resolve(deep).map(\.reason) == ["nesting deeper than 512 levels"])
    }

    /// A JSON string whose text opens as a document is nested JSON, valid or not: lenient
    /// readers take a lone surrogate, a trailing comma or text after the document, and a
    /// value escaped once added keys there (found by a thirty-ninth fresh tester).
    @Test func textThatOpensAsADocumentIsNestedJSONValidOrNot() {
        let nested = InnerContext.nestedJSON(JSONPath([.key("body")]))
        let inner = [
            #"{\"u\": \"{{secret:A}}\"}"#, #"{\"n\": \"\\ud83d\", \"u\": \"{{secret:A}}\"}"#,
            #"{\"u\": \"{{secret:A}}\"} x"#, #"{\"u\": \"{{secret:A}}\",}"#,
            #"[\"{{secret:A}}\"] /* c */"#, #"{'u': '{{secret:A}}'}"#,
            #"\ufeff{\"u\": \"{{secret:A}}\"}"#, #" [ 1, \"{{secret:A}}\" "#,
            // Found by a fortieth fresh tester: what JSON5, Jackson's options and Python
            // read besides JSON, and a placeholder standing bare in braces.
            #"[NaN, \"{{secret:A}}\"]"#, #"{/*c*/\"k\": \"{{secret:A}}\"}"#,
            #"{k: \"{{secret:A}}\"}"#, "{ {{secret:A}} }", "[WIP {{secret:A}}",
            // Found by a forty-first fresh tester: a comment before the document or with a
            // bracket in it, and a no-break space first.
            #"/* } */ {\"a\": \"{{secret:A}}\"}"#, #"{ /* } */ \"a\": \"{{secret:A}}\"}"#,
            #"{ // }\n \"a\": \"{{secret:A}}\"}"#, #"\u00a0{\"a\": \"{{secret:A}}\"}"#,
        ]
        for text in inner {
            #expect(resolve(#"{"body": ""# + text + #""}"#) == [nested], "\(text)")
        }
        // Text that only starts with a bracket is a string like any other.
        // Text after the document a reader reads, as log lines, Markdown and templates
        // write it (found by a fortieth fresh tester: these were refused).
        let plain = [
            "[INFO] {{secret:A}}", "{name} {{secret:A}}", "[x]", "[test] upload {{secret:A}}",
            "[2024-05-01 10:00] {{secret:A}}", "[1/3] {{secret:A}}", "[ ] todo {{secret:A}}",
            "[text](https://x.test) {{secret:A}}", "{} logged in with {{secret:A}}",
            "//cdn.example.com/x {{secret:A}}", "[INFO] /* x */ {{secret:A}}",
        ]
        for text in plain {
            let outcome = resolve(#"{"body": ""# + text + #" {{secret:B}}"}"#)
            #expect(
                outcome.allSatisfy { $0 == .safe(.jsonString, path: JSONPath([.key("body")])) },
                "\(text)")
        }
        // A byte order mark before a whole input's JSON: refused as JSON it is not.
        #expect(resolve("\u{FEFF}{\"a\": \"{{secret:A}}\"}").map(\.isMalformedJSON) == [true])
    }

    /// JSON in an XML payload's text or attribute would need both escapings: refused. A
    /// byte order mark before the payload does not hide it (found by a thirty-ninth fresh
    /// tester).
    @Test func jsonInAnXMLPayloadIsRefusedAndAByteOrderMarkHidesNoPayload() {
        for text in [
            #"<r><b>{"u": "{{secret:A}}"}</b></r>"#, #"<r a='{"u": "{{secret:A}}"}'/>"#,
            #"<r a="{&quot;u&quot;: &quot;{{secret:A}}&quot;}"/>"#,
            #"<r><!-- c --> [ "{{secret:A}}" ]</r>"#,
            // Found by a fortieth fresh tester: a reference for the brace, a comment or a
            // CDATA section inside the text.
            #"<r>&#123;"u": "{{secret:A}}"}</r>"#, #"<r v='&#x5B;"{{secret:A}}"]'/>"#,
            #"<r>{"u": <!-- c -->"{{secret:A}}"}</r>"#,
            #"<r><![CDATA[{"u": "]]>{{secret:A}}"}</r>"#,
        ] {
            #expect(resolve(text) == [.jsonInXMLPayload], "\(text)")
        }
        #expect(
            resolve("<r><b>{{secret:A}}</b> {x} [y]</r>") == [.safe(.xmlPayloadText, path: nil)])
        for text in ["<s>[test] {{secret:A}}</s>", #"<a s="[1] {{secret:A}}"/>"#] {
            #expect(resolve(text).allSatisfy { $0 != .jsonInXMLPayload }, "\(text)")
        }
        #expect(resolve("\u{FEFF} <r>{{secret:A}}</r>") == [.safe(.xmlPayloadText, path: nil)])
    }

    @Test func placeholdersInsideCamundaExpressionsAreRefused() {
        #expect(resolve(#"${"{{secret:A}}".trim()}"#) == [.insideExpression])
        #expect(resolve(#"#{x} {{secret:A}} ${'}'}"#) == [.safe(.plainText, path: nil)])
        #expect(resolve(#"${ {"a": "{{secret:A}}"} }"#) == [.insideExpression])
        #expect(resolve(#"${"{{secret:A}}"}"#, isZeebe: true) == [.safe(.plainText, path: nil)])
    }

    @Test func findsLegacyBareReferences() {
        let found = LegacySecretReference.find(
            in: Array("=secrets.MY_TOKEN + x.secrets.NO {{secrets.B}}".utf8))
        #expect(found.map(\.name) == ["MY_TOKEN"])
        #expect(found.first?.range == 1..<17)
    }
}

extension InnerContext {
    fileprivate var isMalformedJSON: Bool { reason != nil }

    /// The reason of a `.malformedJSON`.
    fileprivate var reason: String? {
        if case .malformedJSON(let reason) = self { return reason }
        return nil
    }
}
