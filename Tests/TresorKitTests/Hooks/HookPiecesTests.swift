import Testing

@testable import TresorKit

/// Conflict markers, vault comments, editor patterns, git output parsing.
@Suite struct HookPiecesTests {
    @Test func conflictMarkersAtLineStartOnly() {
        #expect(TextScans.conflictMarkerLine(Array("a\n<<<<<<< HEAD\nb\n".utf8)) == 2)
        #expect(TextScans.conflictMarkerLine(Array("a\n=======\r\n".utf8)) == 2)
        #expect(TextScans.conflictMarkerLine(Array("x: \"<<<<<<< no\"\n========\n".utf8)) == nil)
    }

    @Test func commentsOtherThanTheHeaderAreFound() {
        let text = """
            # header one
            name: A # trailing
            display_name: "a # not a comment"
            type: 'it''s # also not'
            # a note
            value: x#y
              # indented
            """
        let lines = TextScans.foreignCommentLines(Array(text.utf8), allowed: ["# header one"])
        #expect(lines == [2, 5, 7])
    }

    @Test func editorPatternsMatchEmailOrNameInAnyCase() {
        let carol = GitIdentity(name: "Carol", email: "Carol@Ops.Example.com")
        #expect(EditorList(["*@ops.example.com"]).allows(carol))
        #expect(EditorList(["carol"]).allows(carol))
        #expect(!EditorList(["*@dev.example.com", "bob"]).allows(carol))
        #expect(EditorList([]).allows(carol))
        // A name set to someone's email is no such email (found by a seventh fresh tester).
        let mallory = GitIdentity(name: "carol@ops.example.com", email: "mallory@example.com")
        #expect(!EditorList(["carol@ops.example.com", "*@ops.example.com"]).allows(mallory))
        #expect(!mallory.isNamed(by: "carol@ops.example.com"))
        #expect(mallory.isNamed(by: "MALLORY@example.com"))
        #expect(carol.isNamed(by: "Carol"))
        // An email without `@` matches itself (found by an eighth fresh tester).
        let bot = GitIdentity(name: "Deploy Bot", email: "deploy-bot-1")
        #expect(bot.isNamed(by: "deploy-bot-1"))
        #expect(EditorList(["deploy-bot-*"]).allows(bot))
        // No email: the name is what `create` stamps (found by a ninth fresh tester).
        #expect(GitIdentity(name: "bob@x.org", email: "").isNamed(by: "bob@x.org"))
    }

    /// Only a plain shell's `#!` line counts for `--append`'s call: options that keep the
    /// shell from running it do not (found by an eighth fresh tester).
    @Test(arguments: [
        ("#!/bin/sh", true), ("#!/usr/bin/env bash", true), ("#!/bin/bash -e", true),
        ("#!/bin/sh -eu", true), ("#!/bin/dash -e -x", false), ("#!/bin/sh -n", false),
        ("#!/usr/bin/env bash -e", false), ("#!bash", false),
        ("#!/usr/bin/env -S sh -c true", false), ("#!/usr/bin/python3", false),
        ("#!/bin/sh -c true", false), ("#!", false), ("#!/usr/bin/env", false),
        ("#!/bin/sh -", false),
    ])
    func plainShellLines(_ line: String, _ plain: Bool) {
        #expect(HookInstaller.isPlainShellLine(line[...]) == plain, "\(line)")
    }

    @Test func identsParse() {
        let ident = GitIdentity(ident: "Alice Smith <alice@example.com> 1700000000 +0100")
        #expect(ident == GitIdentity(name: "Alice Smith", email: "alice@example.com"))
        #expect(GitIdentity(ident: "no email") == nil)
    }

    @Test func rawDiffRecordsParse() throws {
        let zero = String(repeating: "0", count: 40)
        let a = String(repeating: "a", count: 40)
        let b = String(repeating: "b", count: 40)
        let raw =
            ":100644 100644 \(a) \(b) M\u{0}vault/A.yaml\u{0}"
            + ":000000 100644 \(zero) \(b) A\u{0}new file\u{0}"
            + ":100644 000000 \(a) \(zero) D\u{0}gone\u{0}"
            + ":160000 160000 \(a) \(b) M\u{0}sub\u{0}"
        let changes = try GitChange.parse(Array(raw.utf8))
        #expect(changes.map(\.path) == ["vault/A.yaml", "new file", "gone", "sub"])
        #expect(changes.map(\.status) == [.modified, .added, .deleted, .modified])
        #expect(changes.map(\.newBlob) == [b, b, nil, nil])
        #expect(changes[1].oldBlob == nil)
        #expect(throws: GitError.self) { try GitChange.parse(Array(":bad\u{0}".utf8)) }
    }

    @Test func batchOutputParsesContentsAndMissingObjects() throws {
        let output = Array("1111 blob 3\nabc\n:x missing\n2222 blob 0\n\n".utf8)
        let read = try GitObjectReader.parse(output, names: ["a", ":x", "b"])
        #expect(read["a"] == Array("abc".utf8))
        #expect(read[":x"] == nil)
        #expect(read["b"] == [])
        #expect(throws: GitError.self) {
            try GitObjectReader.parse(Array("1 blob 9\nab".utf8), names: ["a"])
        }
    }

    /// The commits a clean merge brings in, as git names them to its pre-merge-commit hook:
    /// `GITHEAD_` and a full commit id (SHA-1 or SHA-256) in lower-case hex; nothing else.
    @Test func mergedHeadsAreTheFullIdsOfGitsVariables() {
        let (sha1, sha256) = (String(repeating: "a", count: 40), String(repeating: "b", count: 64))
        let variables = [
            "GITHEAD_" + sha256: "third", "GITHEAD_" + sha1: "other",
            "GITHEAD_main": "not an id", "GITHEAD_" + sha1.uppercased(): "upper case",
            "GITHEAD_" + sha1.dropLast(): "short", "PATH": "/usr/bin",
        ]
        #expect(GitSnapshot.mergedHeads(in: variables) == [sha1, sha256])
        #expect(GitSnapshot.mergedHeads(in: ["PATH": "/usr/bin"]).isEmpty)
    }

    /// The hint for an `audit-author` finding names the stamp to write, unless the author
    /// holds a control character no stamp may hold (found by a thirty-eighth fresh tester).
    @Test func stampHintAsksForAnAuthorAStampCanName() {
        let plain = VaultChanges.stampHint(GitIdentity(name: "A", email: "a@example.com"))
        #expect(plain.hasSuffix("set updated.by to a@example.com"))
        let tab = VaultChanges.stampHint(GitIdentity(name: "A", email: "fake\tuser@example.com"))
        #expect(tab.contains("control character") && !tab.contains("fake"))
    }
}
