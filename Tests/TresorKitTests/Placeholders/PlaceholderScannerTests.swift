import Testing

@testable import TresorKit

/// Scans `text` as UTF-8 bytes.
func scan(_ text: String) -> PlaceholderScan {
    PlaceholderScanner.scan(Array(text.utf8))
}

@Suite struct PlaceholderScannerTests {
    @Test func findsOnePlaceholder() throws {
        let result = scan("Bearer {{secret:API_TOKEN}}")
        let name = try SecretName("API_TOKEN")
        #expect(result.nearMisses.isEmpty)
        #expect(result.placeholders == [Placeholder(name: name, range: 7..<27)])
    }

    @Test func findsAdjacentPlaceholdersWithoutGreed() {
        let result = scan("{{secret:A}}{{secret:B}}x{{secret:C_1}}")
        #expect(result.placeholders.map(\.name.text) == ["A", "B", "C_1"])
        #expect(result.placeholders.map(\.range) == [0..<12, 12..<24, 25..<39])
        #expect(result.nearMisses.isEmpty)
    }

    @Test func outerBracesStayText() {
        let result = scan("{{{secret:A}}}")
        #expect(result.placeholders.map(\.range) == [1..<13])
        #expect(result.nearMisses.isEmpty)
    }

    @Test func rangesAreBytesAndCRLFStaysTwoBytes() {
        let result = scan("é\r\n{{secret:A}}")
        #expect(result.placeholders.map(\.range) == [4..<16])
    }

    @Test(arguments: [
        "", "no braces", "{{var:x}}", "{{ .Values.x }}", "{{secretary}}", "{{secretName}}",
        "=secrets.API_KEY", "secrets.X", "{}", "{{", "}}{{secret", "{{secret", "{{secrets",
        "{secretary:x}", "{{ secret }}", "{{secret = X}}", "{{secret \n}}", "{{secrets  ",
        // Other templates' variables: a loose form needs a valid name right after it.
        "{{secret_key}}", "{{secret-key}}", "{{secrets_manager}}", "{{secure:X}}",
        "{{ secret X }}", "{{secret X }}", "{{secret -X}}", "{{sercet:X", "{{decret:X}}",
        "{secret-X}",
        // Found by a fortieth fresh tester: environment-style names, Jinja filters,
        // Handlebars paths, and words near `secret` before another separator.
        "{{SECRET_KEY}}", "{{SECRET_ACCESS_KEY}}", "{{SECRETS_DIR}}", "{{SECRET-KEY}}",
        "{{SECRET KEY}}", "{{secret|B64}}", "{{secret/API}}", "{{secrete_MODE}}",
        "{{secreto_API}}",
    ])
    func leavesOtherTextAlone(_ text: String) {
        #expect(scan(text).isEmpty)
    }

    @Test(arguments: [
        ("{{ secret:FTP_PASSWORD }}", NearMiss.Kind.whiteSpace, "{{secret:FTP_PASSWORD}}"),
        ("{{secret:A\r\n}}", .whiteSpace, "{{secret:A}}"),
        ("{{\tsecret:A}}", .whiteSpace, "{{secret:A}}"),
        ("{{ secret : X }}", .whiteSpace, "{{secret:X}}"),
        ("{{secret :A}}", .whiteSpace, "{{secret:A}}"),
        ("{{secret\r\n:A}}", .whiteSpace, "{{secret:A}}"),
        ("{{secret .A}}", .whiteSpace, "{{secret:A}}"),
        ("{{ secrets .A}}", .camundaForm, "{{secret:A}}"),
        ("{ secret : A}", .singleBrace, "{{secret:A}}"),
        ("{{Secret:A}}", .keyword, "{{secret:A}}"),
        ("{{SECRET:A}}", .keyword, "{{secret:A}}"),
        ("{{secrets:A}}", .keyword, "{{secret:A}}"),
        ("{{secrets.A}}", .camundaForm, "{{secret:A}}"),
        ("{{ SECRETS.A }}", .camundaForm, "{{secret:A}}"),
        ("{{secret.A}}", .separator, "{{secret:A}}"),
        ("{secret:A}", .singleBrace, "{{secret:A}}"),
        ("{ secrets.A}", .singleBrace, "{{secret:A}}"),
        ("{{secret:A", .unclosed, "{{secret:A}}"),
        ("{{secret:A}", .unclosed, "{{secret:A}}"),
        // Loose forms before a valid name (found by a thirty-ninth fresh tester: each was
        // left in silently and deployed as it was).
        ("{{secret-A}}", .separator, "{{secret:A}}"),
        ("{{secret_FTP_PASSWORD}}", .separator, "{{secret:FTP_PASSWORD}}"),
        ("{{secret;A}}", .separator, "{{secret:A}}"),
        ("{{secret=A}}", .separator, "{{secret:A}}"),
        ("{{secret\u{FF1A}A}}", .separator, "{{secret:A}}"),
        ("{{secret A}}", .separator, "{{secret:A}}"),
        ("{{sercet:A}}", .keyword, "{{secret:A}}"),
        ("{{secet:A}}", .keyword, "{{secret:A}}"),
        ("{{secrte:A}}", .keyword, "{{secret:A}}"),
        ("{{SECRETX:A}}", .keyword, "{{secret:A}}"),
        ("{{Sercet.A}}", .keyword, "{{secret:A}}"),
        ("{{ sercet:A }}", .keyword, "{{secret:A}}"),
        ("{{sercet:A }}", .keyword, "{{secret:A}}"),
        ("{{s3cret:A}}", .keyword, "{{secret:A}}"),
        ("{{secre7:A}}", .keyword, "{{secret:A}}"),
        ("{{secret+A}}", .separator, "{{secret:A}}"),
        ("{{secret'A}}", .separator, "{{secret:A}}"),
        ("{{secret$A}}", .separator, "{{secret:A}}"),
        ("{{secret`A}}", .separator, "{{secret:A}}"),
    ])
    func classifiesNearMisses(_ text: String, _ kind: NearMiss.Kind, _ suggestion: String) {
        let result = scan(text)
        #expect(result.placeholders.isEmpty)
        #expect(result.nearMisses.map(\.kind) == [kind])
        #expect(result.nearMisses.first?.suggestion == suggestion)
    }

    @Test(arguments: [
        "{{secret:ftp_password}}", "{{secret:FTP-PASSWORD}}", "{{secret:}}",
        "{{secret:" + String(repeating: "A", count: 65) + "}}", "{{secret:A B}}",
        "{{ secrets.ftp }}", "{{secret:Ä}}",
    ])
    func namesBreakingTheRulesGetNoSuggestion(_ text: String) {
        let result = scan(text)
        #expect(result.placeholders.isEmpty)
        #expect(result.nearMisses.map(\.kind) == [.invalidName])
        #expect(result.nearMisses.first?.suggestion == nil)
        #expect(result.nearMisses.first?.range == 0..<text.utf8.count)
    }

    /// A reserved name is of the right form: the finding says it is reserved rather than
    /// pointing at the name pattern it matches (found by a fresh tester).
    @Test(arguments: ["{{secret:VAULT}}", "{{secret:PATH}}", "{{ secret:LD_PRELOAD }}"])
    func reservedNamesAreSaidToBeReserved(_ text: String) {
        let result = scan(text)
        #expect(result.placeholders.isEmpty)
        #expect(result.nearMisses.map(\.kind) == [.reservedName])
        #expect(result.nearMisses.first?.suggestion == nil)
        let finding = PlaceholderFindings.nearMiss(
            result.nearMisses[0], at: SourceLocation(path: "p.json", line: 1, column: 1))
        #expect(finding.hint?.contains("rename the secret") == true)
        #expect(finding.hint?.contains("^[A-Z]") == false)
    }

    @Test func lowercaseNameIsNotUpperCasedInSuggestion() {
        let result = scan("{secret:ftp}")
        #expect(result.nearMisses.map(\.kind) == [.singleBrace])
        #expect(result.nearMisses.first?.suggestion == nil)
    }

    @Test func unclosedStopsAtNextBraceAndNameCharacters() {
        let result = scan("{{secret:A-b c {{secret:B}}")
        #expect(result.nearMisses.map(\.range) == [0..<12])
        #expect(result.nearMisses.first?.text == "{{secret:A-b")
        #expect(result.placeholders.map(\.range) == [15..<27])
    }

    @Test func closingFartherThan100BytesIsUnclosed() {
        let text = "{{secret:A" + String(repeating: " ", count: 100) + "}}"
        let result = scan(text)
        #expect(result.nearMisses.map(\.kind) == [.unclosed])
        #expect(result.nearMisses.map(\.range) == [0..<10])
    }

    @Test func singleBraceNextToDoubleClosing() {
        let result = scan("{secret:A}} and {{secret:B}}")
        #expect(result.nearMisses.map(\.range) == [0..<10])
        #expect(result.placeholders.map(\.name.text) == ["B"])
    }

    @Test func nearMissTextIsCappedAndEscaped() {
        let result = scan("{{secret:\u{1}" + String(repeating: "x", count: 85) + "}}")
        let text = result.nearMisses.first?.text ?? ""
        // As terminal text escapes it, so a message printed through it shows it once.
        #expect(text.hasPrefix(#"{{secret:\x01xx"#))
        #expect(text.hasSuffix("..."))
        #expect(text.utf8.count <= 80)
    }

    /// A look-alike outside ASCII is written out, as a name is ASCII: shown as it is,
    /// `{{secret:DB_PАSS}}` with a Cyrillic А looked valid (found by a fresh tester).
    @Test func nearMissTextWritesOutLookAlikes() {
        for (character, written) in [
            ("\u{410}", #"\u0410"#), ("\u{212A}", #"\u212a"#), ("\u{E000}", #"\ue000"#),
            ("\u{2800}", #"\u2800"#), ("\u{1D400}", #"\U0001d400"#),
        ] {
            let result = scan("{{secret:DB_P\(character)SS}}")
            #expect(result.nearMisses.first?.text == "{{secret:DB_P\(written)SS}}", "\(written)")
        }
        // A literal backslash is written `\\`, so `\u0410` typed out is told apart.
        let typed = scan(#"{{secret:DB_P\u0410SS}}"#)
        #expect(typed.nearMisses.first?.text == #"{{secret:DB_P\\u0410SS}}"#)
    }

    @Test func mixedResultsAreInOrder() {
        let result = scan("{{ secret:A }} {{secret:B}} {secret:C} {{secret:D}}")
        #expect(result.placeholders.map(\.range.lowerBound) == [15, 39])
        #expect(result.nearMisses.map(\.range.lowerBound) == [0, 28])
    }

    @Test func mayContainPlaceholderNeedsABrace() {
        #expect(!PlaceholderScanner.mayContainPlaceholder(Array("secret:A}}".utf8)))
        #expect(PlaceholderScanner.mayContainPlaceholder(Array("{".utf8)))
        #expect(PlaceholderScanner.mayContainPlaceholder("a{b".utf8))
    }

    @Test func nonContiguousCollectionsScanTheSame() {
        let text = "x {{secret:A}} {secret:B}"
        #expect(PlaceholderScanner.scan(text.utf8) == scan(text))
        #expect(PlaceholderScanner.scan(text.utf8.lazy.map { $0 }) == scan(text))
    }

    @Test func editDistanceOfOneIsAChangeAnInsertADeleteOrASwap() {
        let word = Array("secret".utf8)
        for near in ["secret", "sacret", "secrets", "secre", "ecret", "sceret", "secrte"] {
            #expect(EditDistance.isWithinOne(Array(near.utf8), word), "\(near)")
        }
        for far in ["secure", "sercte", "sec", "secretsx", "tesrec", "second"] {
            #expect(!EditDistance.isWithinOne(Array(far.utf8), word), "\(far)")
        }
    }
}
