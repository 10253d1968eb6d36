import Testing

@testable import TresorKit

@Suite struct JSONInputReaderTests {
    private func read(_ text: String, path: String = "billing/Task_Upload.json") -> (
        ProcessDocument, [UInt8]
    ) {
        let bytes = Array(text.utf8)
        return (JSONInputReader.read(bytes: bytes, path: path), bytes)
    }

    @Test func aByteOrderMarkIsNamedAsSuch() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"a": "{{secret:X_TOKEN}}"}"#.utf8)
        let document = JSONInputReader.read(bytes: bytes, path: "p/t.json")
        let finding = try #require(document.findings.first)
        #expect(finding.message.contains("byte order mark"))
        #expect(finding.hint?.contains("without a byte order mark") == true)
        #expect(finding.location == SourceLocation(path: "p/t.json", line: 1, column: 1))
    }

    /// A placeholder where a value goes is named, not "a key expected" (found by a
    /// twenty-eighth fresh tester).
    @Test(arguments: [
        (#"{"b": {{secret:X_TOKEN}}}"#, 7), (#"[1, {{secret:X_TOKEN}}]"#, 5),
        ("{{secret:X_TOKEN}}", 1),
    ])
    func aBarePlaceholderIsNamed(_ text: String, _ column: Int) throws {
        let (document, _) = read(text)
        let finding = try #require(document.findings.first)
        #expect(finding.message.contains("{{secret:X_TOKEN}} stands bare"), "\(finding)")
        #expect(finding.hint == "put it inside a JSON string: \"{{secret:X_TOKEN}}\"")
        #expect(finding.location.column == column)
    }

    /// UTF-16, with or without its mark, either byte order, is named as such (found by a
    /// fresh tester).
    @Test(arguments: [
        [UInt8](), [0xFF, 0xFE], [0xFE, 0xFF],
    ])
    func utf16IsNamedAsSuch(_ mark: [UInt8]) throws {
        let text = #"{"a": "{{secret:X_TOKEN}}"}"#
        let little: [UInt8] = text.utf8.flatMap { byte -> [UInt8] in [byte, 0] }
        let big: [UInt8] = text.utf8.flatMap { byte -> [UInt8] in [0, byte] }
        for body in mark == [0xFE, 0xFF] ? [big] : [little, big] {
            let document = JSONInputReader.read(bytes: mark + body, path: "p/t.json")
            let finding = try #require(document.findings.first)
            #expect(finding.message.contains("looks like UTF-16"), "\(finding)")
            #expect(finding.location == SourceLocation(path: "p/t.json", line: 1, column: 1))
        }
    }

    /// UTF-32 is named as such, not as UTF-16 (found by a second fresh tester).
    @Test func utf32IsNamedAsSuch() {
        let text = #"{"a": "{{secret:X_TOKEN}}"}"#
        let wide: [UInt8] = text.utf8.flatMap { byte -> [UInt8] in [byte, 0, 0, 0] }
        for bytes in [wide, [0xFF, 0xFE, 0, 0] + wide] {
            let document = JSONInputReader.read(bytes: bytes, path: "p/t.json")
            #expect(document.findings.first?.message.contains("looks like UTF-32") == true)
        }
    }

    @Test func xmlIsNamedAsSuch() throws {
        let (document, _) = read("\n  <?xml version=\"1.0\"?><definitions/>")
        let finding = try #require(document.findings.first)
        #expect(finding.message == "invalid JSON: this is XML, not JSON: it starts with '<'")
        #expect(finding.hint?.contains(".bpmn") == true)
        #expect(finding.location.line == 2 && finding.location.column == 3)
    }

    @Test func otherErrorsKeepTheGeneralHint() throws {
        let (document, _) = read(#"{"a": <}"#)
        let finding = try #require(document.findings.first)
        #expect(finding.hint?.contains("RFC 8259") == true)
    }

    @Test func aKeyWrittenTwiceInOneObjectIsAnError() throws {
        let (document, _) = read(
            """
            {"password": "{{secret:FTP_PASSWORD}}", "o": {"k": 1, "list": [{"k": 2}]},
             "pass\\u0077ord": "x", "o2": {"k": "{{secret:X_TOKEN}}", "k": "y"}}
            """)
        #expect(document.findings.count == 2)
        #expect(document.findings.allSatisfy { $0.rule == .json && $0.severity == .error })
        let first = try #require(document.findings.first)
        #expect(
            first.message
                == #"the key "password" appears twice in one object (first at line 1, column 2)"#)
        #expect(first.location.line == 2 && first.location.column == 2)
        #expect(document.findings.last?.message.contains(#""k""#) == true)
        #expect(!document.isRenderable)
    }

    /// JSON text held in a JSON string: the value would need escaping for both documents,
    /// and a value holding `"` broke out of the inner one (found by a fresh tester).
    @Test func aPlaceholderInJSONHeldInAStringIsRefused() throws {
        let (document, _) = read(
            #"""
            {"b": "{\"inner\": \"{{secret:ZVAL}}\"}", "l": " [\"{{secret:LVAL}}\"]",
             "q": "\"{{secret:QVAL}}\"", "plain": "{{secret:PLAIN}}",
             "spaced": " {{secret:SPACED}} x", "log": "[INFO] {{secret:INFO}}",
             "braces": "{ {{secret:BRACED}} }"}
            """#)
        // A placeholder bare in braces is refused too: a value `"a": 1, "b": 2` makes them
        // an object a lenient reader takes.
        #expect(document.references.map(\.name.text) == ["PLAIN", "SPACED", "INFO"])
        #expect(document.findings.map(\.rule) == Array(repeating: .unsafeContext, count: 4))
        #expect(
            document.findings.first?.message
                == "placeholder {{secret:ZVAL}} is in JSON text held in a string (b); its "
                + "value would have to be escaped once for each, and Tresor escapes it once")
        #expect(!document.isRenderable)
    }

    @Test func referencesInStringValues() throws {
        let (document, bytes) = read(
            """
            {"ftp": {"host": "h", "password": "{{secret:FTP_PASSWORD}}"},
             "headers": ["x", "Bearer \\u007b{secret:API_TOKEN}}"]}
            """)
        #expect(document.findings.isEmpty)
        #expect(document.processes == [ProcessIdentity(id: "billing")])
        let first = try #require(document.references.first)
        #expect(first.parameter == "ftp" && first.fieldPath == "ftp.password")
        #expect(first.context == EscapeContext(inner: .jsonString, outer: .none))
        #expect(first.task == TaskIdentity(id: "Task_Upload", kind: "task input"))
        #expect(first.process == ProcessIdentity(id: "billing"))
        #expect(
            String(decoding: bytes[first.sourceRange], as: UTF8.self) == "{{secret:FTP_PASSWORD}}")
        #expect(
            first.location == SourceLocation(path: "billing/Task_Upload.json", line: 1, column: 36)
        )
        let second = try #require(document.references.last)
        #expect(second.fieldPath == "headers[1]" && second.parameter == "headers")
        #expect(
            String(decoding: bytes[second.sourceRange], as: UTF8.self)
                == "\\u007b{secret:API_TOKEN}}")
    }

    /// A task input's members are its named inputs: one that holds a placeholder but is a
    /// string or an array is an error once, at its top-level value. Other JSON files, and
    /// task inputs without a placeholder, may be any value.
    @Test(arguments: [
        (#""Bearer {{secret:A}}""#, "a string"),
        ("\n  [\"{{secret:A}}\", {\"k\": \"{{secret:B}}\"}]", "an array"),
    ])
    func aTaskInputThatIsNotAnObjectIsAnError(text: String, kind: String) throws {
        let (document, _) = read(text)
        #expect(document.findings.count == 1)
        let finding = try #require(document.findings.first)
        #expect(finding.rule == .json && finding.severity == .error)
        #expect(
            finding.message
                == "a task input must be a JSON object of named inputs; this one is \(kind)")
        #expect(finding.hint?.contains(#"{"payload": ...}"#) == true)
        let line = text.hasPrefix("\n") ? 2 : 1
        #expect(finding.location.line == line && finding.location.column == (line == 2 ? 3 : 1))
        #expect(!document.isRenderable)
        #expect(read(text, path: "shared/deep/x.json").0.findings.isEmpty)
        #expect(read(#"["no placeholder"]"#).0.findings.isEmpty)
    }

    @Test func otherPathsHaveNoProcessOrTask() throws {
        let (document, _) = read(#"{"a": "{{secret:A}}"}"#, path: "shared/deep/x.json")
        #expect(document.processes.isEmpty)
        #expect(
            document.references.first?.process == nil && document.references.first?.task == nil)
        #expect(JSONInputReader.identity(of: "x.json").0 == nil)
    }

    /// `<process>/<task>.json` names a process and a task, the path read as bytes (a name
    /// may start with a combining mark); any other path names neither.
    @Test(
        arguments: [
            ("p/t.json", "p", "t"), ("order/Task 1.json", "order", "Task 1"),
            ("prozeß/prüfen.json", "prozeß", "prüfen"), ("p/\r\n.json", "p", "\r\n"),
            ("p/t.JSON", "p", "t"), ("p/.json", nil, nil), ("/t.json", nil, nil),
            ("a/b/t.json", nil, nil), ("ä/b/t.json", nil, nil), ("p/t.jsonx", nil, nil),
            ("p/json", nil, nil), ("p/é.json", "p", "é"), ("p/\u{301}t.json", "p", "\u{301}t"),
            ("\u{600}/t.json", "\u{600}", "t"), ("p/x.json\u{301}", nil, nil),
        ] as [(String, String?, String?)])
    func aTaskInputsPathNamesItsProcessAndTask(path: String, process: String?, task: String?) {
        let (named, taskNamed) = JSONInputReader.identity(of: path)
        #expect(named?.id == process)
        #expect(taskNamed?.id == task)
        #expect(taskNamed.map(\.kind) == task.map { _ in JSONInputReader.taskKind })
    }

    /// A key is named in a message with C escapes, as paths are (`\x1b`, not `\u{1B}`).
    @Test func aKeyWrittenTwiceIsNamedWithCEscapes() throws {
        let (document, _) = read(#"{"a\u001bb": 1, "a\u001bb": 2, "q\"": 3, "q\"": 4}"#)
        #expect(document.findings.count == 2)
        #expect(document.findings.first?.message.hasPrefix(#"the key "a\x1bb" appears"#) == true)
        #expect(document.findings.last?.message.hasPrefix(#"the key "q\"" appears"#) == true)
    }

    /// A key written twice is found in an object of a few keys and in one of thousands.
    @Test(arguments: [3, 40, 5_000])
    func aKeyWrittenTwiceIsFoundInObjectsOfAnySize(keys: Int) throws {
        var members = (0..<keys).map { #""k\#($0)": "{{secret:A}}""# }
        members.append(#""k\#(keys - 1)": 1"#)
        let (document, _) = read("{" + members.joined(separator: ",") + "}")
        let finding = try #require(document.findings.first)
        #expect(document.findings.count == 1)
        #expect(finding.message.hasPrefix(#"the key "k\#(keys - 1)" appears twice in one object"#))
        #expect(document.references.count == keys)
    }

    @Test func placeholderInAKeyIsUnsafe() {
        let (document, _) = read(#"{"{{secret:A}}": "v", "b": "{{ secret:B }}"}"#)
        #expect(document.references.isEmpty)
        #expect(document.findings.map(\.rule) == [.unsafeContext, .nearMiss])
    }

    @Test func invalidJSONIsAnErrorWithAPosition() {
        let (document, _) = read("{\n  \"a\": 1,\n}")
        #expect(document.findings.map(\.rule) == [.json])
        #expect(document.findings.first?.location.line == 3)
        let (deep, _) = read(String(repeating: "[", count: 100_000))
        #expect(deep.findings.map(\.rule) == [.json])
    }

    @Test func corpusJSONFilesRead() throws {
        for path in Corpus.files([".json"]) {
            let document = JSONInputReader.read(bytes: try Corpus.bytes(path), path: path)
            #expect(!document.findings.contains { $0.rule == .json }, "\(path)")
        }
    }
}
