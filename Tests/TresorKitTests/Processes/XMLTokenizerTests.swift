import Testing

@testable import TresorKit

@Suite struct XMLTokenizerTests {
    private func tokens(_ text: String) throws -> [XMLToken] {
        try XMLTokenizer.tokens(of: Array(text.utf8))
    }

    private func error(_ text: String) -> XMLSyntaxError? {
        do throws(XMLSyntaxError) {
            _ = try XMLTokenizer.tokens(of: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// The name-byte masks say what the XML name rules (restricted to bytes) say.
    @Test func nameByteMasksMatchTheRules() {
        for value in 0...255 {
            let byte = UInt8(value)
            let scalar = Character(Unicode.Scalar(byte))
            let start = scalar.isASCII ? scalar.isLetter || "_:".contains(scalar) : true
            let name = start || ("0"..."9").contains(scalar) || "-.".contains(scalar)
            #expect(XMLNameBytes.isStart(byte) == start, "byte \(value)")
            #expect(XMLNameBytes.isName(byte) == name, "byte \(value)")
            let kind =
                value == 0x3A ? XMLNameBytes.colon : name ? XMLNameBytes.name : XMLNameBytes.other
            #expect(XMLNameBytes.table[value] == kind, "byte \(value)")
        }
    }

    /// End tags are compared whole with the open element's name; every near match still
    /// ends as the byte-by-byte reading says.
    @Test(
        arguments: [
            ("<p:a></p:a>", nil), ("<p:a></p:a  >", nil), ("<p:a></p:ab>", "does not match"),
            ("<p:ab></p:a>", "does not match"), ("<a></a/>", "is not closed"),
            ("<a></a\n>", nil), ("<a></b>", "does not match"), ("<a></a", "is not closed"),
            ("<p:a></q:a>", "does not match"),
        ] as [(String, String?)])
    func endTagsMatchTheOpenElement(text: String, problem: String?) throws {
        let wrapped = #"<r xmlns:p="urn:p" xmlns:q="urn:q">"# + text + "</r>"
        if let problem {
            let found = try #require(error(wrapped))
            #expect(found.message.contains(problem), "\(found.message)")
            return
        }
        let tokens = try XMLTokenizer.tokens(of: Array(wrapped.utf8))
        let ends = tokens.compactMap { token -> XMLName? in
            if case .endTag(let name, _) = token { return name }
            return nil
        }
        let bytes = Array(wrapped.utf8)
        let opened = text.hasPrefix("<p:a>") ? "p:a" : "a"
        #expect(ends.map { $0.qualified(in: bytes) } == [opened, "r"])
        #expect(ends.first.map { $0.local(in: bytes) } == "a")
        #expect(ends.first.flatMap { $0.prefix(in: bytes) } == (opened == "a" ? nil : "p"))
    }

    @Test func splitsTagsTextAndSpans() throws {
        let text = #"<?xml version="1.0"?><a x='1 &amp; 2'><!--c--><b/>t&lt;<![CDATA[<d>]]></a>"#
        let bytes = Array(text.utf8)
        let all = try XMLTokenizer.tokens(of: bytes)
        #expect(all.count == 7)
        guard case .startTag(let a) = all[1], case .text(let t) = all[4],
            case .cdata(let c) = all[5], case .comment(let comment) = all[2]
        else {
            Issue.record("unexpected tokens \(all)")
            return
        }
        #expect(a.attributes[0].quote == UInt8(ascii: "'"))
        #expect(a.attributes[0].value(in: bytes).string == "1 & 2")
        #expect(String(decoding: bytes[a.attributes[0].valueSpan], as: UTF8.self) == "1 &amp; 2")
        #expect(t.value(in: bytes).string == "t<")
        #expect(c.value(in: bytes).string == "<d>")
        #expect(String(decoding: bytes[comment], as: UTF8.self) == "c")
    }

    @Test func mapsDecodedBytesBackToEntities() throws {
        let text = "<a>x&#123;&#x7B;secret:A&#125;&#125;</a>"
        let bytes = Array(text.utf8)
        guard case .text(let data) = try XMLTokenizer.tokens(of: bytes)[1] else {
            Issue.record("no text")
            return
        }
        let value = data.value(in: bytes)
        #expect(value.string == "x{{secret:A}}")
        let range = value.sourceRange(of: 1..<value.bytes.count)
        #expect(
            String(decoding: bytes[range], as: UTF8.self) == "&#123;&#x7B;secret:A&#125;&#125;")
        #expect(value.sourceRange(of: 3..<9) == 16..<22)
    }

    /// Leading zeros are allowed in any number, as XML and libxml2 allow them; eight
    /// digits after them at most (found by a fresh tester: `&#x000000041;` was refused).
    @Test func readsCharacterReferencesWithLeadingZeros() throws {
        let bytes = Array("<a v='&#x000000041;'>&#000000066;&#x0000000007B;</a>".utf8)
        let all = try XMLTokenizer.tokens(of: bytes)
        guard case .startTag(let tag) = all[0], case .text(let text) = all[1] else {
            Issue.record("unexpected tokens")
            return
        }
        #expect(tag.attributes[0].value(in: bytes).string == "A")
        #expect(text.value(in: bytes).string == "B{")
        for refused in [
            "&#;", "&#x;", "&#0;", "&#x000;", "&#123456789;", "&#x1F6000000;", "&#X41;",
        ] {
            #expect(throws: XMLSyntaxError.self, "\(refused)") {
                try XMLTokenizer.tokens(of: Array("<a>\(refused)</a>".utf8))
            }
        }
    }

    /// The declaration as libxml2 takes it: `version` first, 1.x, `standalone` yes or no,
    /// `xml` in lower case (found by a fresh tester: `usage` read files libxml2 refuses).
    @Test func readsTheDeclarationAsLibXML2Does() throws {
        for refused in [
            "<?xml?><a/>", "<?xml encoding='UTF-8'?><a/>", "<?xml version='2.0'?><a/>",
            "<?XML version='1.0'?><a/>", "<?xml version='1.0' standalone='maybe'?><a/>",
            "<?xml version='1.x'?><a/>", "<?xml version=1.0?><a/>", "<?xml version=''?><a/>",
            "<?xml version='1.0' standalone='no' encoding='UTF-8'?><a/>",
            "<?xml version='1.0' encoding='UTF-8' encoding='UTF-8'?><a/>",
            "<?xml version='1.0' standalone='no' standalone='no'?><a/>",
            "<?xml version='1.0' version='1.0'?><a/>", "<?xml version='1.0' foo='bar'?><a/>",
            "<a><?p:x y?></a>",
        ] {
            #expect(throws: XMLSyntaxError.self, "\(refused)") {
                try XMLTokenizer.tokens(of: Array(refused.utf8))
            }
            #expect(XMLWellFormedness.check(Array(refused.utf8)) != nil, "\(refused)")
        }
        for accepted in [
            "<?xml version=\"1.1\"?><a/>", "<?xml version = '1.0' standalone=\"no\"?><a/>",
            "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><a/>",
        ] {
            #expect(try XMLTokenizer.tokens(of: Array(accepted.utf8)).count == 2, "\(accepted)")
            #expect(XMLWellFormedness.check(Array(accepted.utf8)) == nil, "\(accepted)")
        }
    }

    /// Characters beyond ASCII in names follow XML's name rules, as libxml2 reads them
    /// (found by a fresh tester).
    @Test func checksNameCharactersBeyondASCII() throws {
        for refused in [
            "<a\u{FFFE}/>", "<a b\u{2000}='1'/>", "<a\u{37E}/>", "<a\u{D7}/>",
            "<a\u{F0000}/>", "<\u{300}a/>", "<p\u{FFFF}:a xmlns:p\u{FFFF}='urn:a'/>",
        ] {
            #expect(throws: XMLSyntaxError.self, "\(refused)") {
                try XMLTokenizer.tokens(of: Array(refused.utf8))
            }
            #expect(XMLWellFormedness.check(Array(refused.utf8)) != nil, "\(refused)")
        }
        for accepted in ["<é/>", "<a\u{B7}\u{300}b/>", "<\u{4E2D}\u{6587}/>", "<a\u{10000}/>"] {
            #expect(try XMLTokenizer.tokens(of: Array(accepted.utf8)).count == 1, "\(accepted)")
            #expect(XMLWellFormedness.check(Array(accepted.utf8)) == nil, "\(accepted)")
        }
    }

    /// U+FFFE and U+FFFF are no XML characters anywhere; their neighbours are (found by a
    /// fresh tester: `usage` listed a placeholder beside one).
    @Test func refusesTheTwoNonCharacters() throws {
        for refused in ["<a>x\u{FFFE}</a>", "<a v='\u{FFFF}'/>", "<a><!-- \u{FFFE} --></a>"] {
            #expect(throws: XMLSyntaxError.self, "\(refused)") {
                try XMLTokenizer.tokens(of: Array(refused.utf8))
            }
        }
        let fine = "<a v='\u{FFFD}\u{EFFF}'>\u{FEFF}\u{FFFD}é</a>"
        #expect(try XMLTokenizer.tokens(of: Array(fine.utf8)).count == 3)
    }

    @Test func normalisesLineEndsAndAttributeWhiteSpace() throws {
        let bytes = Array("<a v=\"1\r\n2\t3\">x\r\ny\ry</a>".utf8)
        let all = try XMLTokenizer.tokens(of: bytes)
        guard case .startTag(let tag) = all[0], case .text(let text) = all[1] else {
            Issue.record("unexpected tokens")
            return
        }
        #expect(tag.attributes[0].value(in: bytes).string == "1 2 3")
        #expect(text.value(in: bytes).string == "x\ny\ny")
    }

    @Test func refusesDoctypeAsItsOwnRule() {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        #expect(error(bomb)?.rule == .xmlDoctype)
    }

    @Test(arguments: [
        "<a><b></a>", "<a>", "", "<a></a><b/>", "text<a/>", "<a>&unknown;</a>", "<a x='1' x='2'/>",
        "<a x=1/>", "<a><!-- a -- b --></a>", "<a>]]></a>", "<a:b:c/>", "<a>\u{1}</a>",
        "<a/><?xml version='1.0'?>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a x='<'/>",
        "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", "<![CDATA[x]]><a/>", "<a></b>",
    ])
    func refusesMalformedDocuments(_ text: String) {
        #expect(error(text)?.rule == .xml)
    }

    /// The declaration's encoding is read from its bytes: UTF-8 in any case, with blanks
    /// around `=`, passes; any other is named in the error; a value without quotes is
    /// malformed.
    @Test func readsTheEncodingOfTheDeclaration() {
        for accepted in [
            "<?xml version='1.0' encoding='UTF-8'?><a/>",
            "<?xml version=\"1.0\" encoding = \"utf8\"?><a/>",
            "<?xml version='1.0'?><a/>",
            "<?xml version='1.0' encoding='Utf-8' standalone='yes'?><a/>",
        ] {
            #expect(error(accepted) == nil, "\(accepted)")
        }
        let latin = error("<?xml version='1.0' encoding=\"ISO-8859-1\"?><a/>")
        #expect(latin?.message.contains("encoding iso-8859-1 is not supported") == true)
        #expect(latin?.offset == 0)
        #expect(latin?.message.contains("declare encoding=\"UTF-8\"") == true)
        let empty = error("<?xml version='1.0' encoding=''?><a/>")
        #expect(
            empty?.message.contains("encoding is empty") == true, "\(String(describing: empty))")
        let bare = error("<?xml version='1.0' encoding=UTF-8?><a/>")
        #expect(bare?.message.contains("malformed encoding") == true)
        // A combining mark after the closing quote makes the quote another character.
        let marked = error("<?xml version=\"1.0\" encoding=\"UTF-8\"\u{301}?><a/>")
        #expect(marked?.message.contains("malformed encoding") == true)
        // The name comes from the file: a control character in it is shown escaped.
        let forged = error("<?xml version='1.0' encoding='x\rtresor: all good\n'?><a/>")
        #expect(forged?.message.hasPrefix(#"encoding x\rtresor: all good\n is not"#) == true)
    }

    /// Lines break at LF, CR LF and a lone CR, as XML reads them.
    @Test func linesBreakAtEveryKindOfLineEnd() {
        let lines = LineIndex(Array("a\rb\r\nc\nd\re".utf8))
        #expect(lines.position(of: 0) == (1, 1))
        #expect(lines.position(of: 2) == (2, 1))
        #expect(lines.position(of: 3) == (2, 2))
        #expect(lines.position(of: 5) == (3, 1))
        #expect(lines.position(of: 7) == (4, 1))
        #expect(lines.position(of: 9) == (5, 1))
    }

    @Test func reportsWhereTheProblemIs() {
        let problem = error("<a>\n  <b>&nbsp;</b></a>")
        #expect(problem?.offset == 9)
        let lines = LineIndex(Array("<a>\n  <b>&nbsp;</b></a>".utf8))
        #expect(
            problem?.finding(path: "p.bpmn", lines: lines).location.description == "p.bpmn:2:6")
    }
}
