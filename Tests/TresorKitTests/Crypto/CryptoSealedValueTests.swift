import Testing

@testable import TresorKit

@Suite struct CryptoSealedValueTests {
    static let values: [[UInt8]] = [
        [], [0x41], Array("fake line one\r\nfake line two\n".utf8), Array("fake 🔑 ключ".utf8),
        (0..<4096).map { UInt8($0 % 251) },
    ]

    @Test(arguments: values)
    func sealThenOpenGivesTheValueBack(_ value: [UInt8]) throws {
        let key = MasterKey.generate()
        let sealed = try SealedValue.seal(
            SecretBytes(value), name: "FTP_PASSWORD", to: key.publicKey)
        let parsed = try SealedValue(text: sealed.text)
        #expect(parsed == sealed)
        #expect(parsed.recipients == [key.keyID])
        #expect(parsed.isSealed(to: key.keyID))
        #expect(sealed.text.hasPrefix("tresor:v1:\(key.keyID.text):"))
        #expect(try parsed.open(name: "FTP_PASSWORD", with: key).copyBytes() == value)
    }

    @Test func sealingTwiceGivesDifferentText() throws {
        let key = MasterKey.generate().publicKey
        let value = SecretBytes(Array("fake-value".utf8))
        let first = try SealedValue.seal(value, name: "API_TOKEN", to: key)
        let second = try SealedValue.seal(value, name: "API_TOKEN", to: key)
        #expect(first.text != second.text)
    }

    @Test func valueMovedToAnotherNameIsRefused() throws {
        let key = MasterKey.generate()
        let sealed = try Self.seal("fake-value", name: "A_PASSWORD", key: key)
        #expect(throws: CryptoError.cannotOpen(name: "B_PASSWORD")) {
            try sealed.open(name: "B_PASSWORD", with: key)
        }
    }

    @Test func valueSealedForAnotherKeyIsNamedAsSuch() throws {
        let mine = MasterKey.generate()
        let theirs = MasterKey.generate()
        let sealed = try Self.seal("fake-value", name: "DB_PASSWORD", key: theirs)
        #expect(!sealed.isSealed(to: mine.keyID))
        #expect(throws: CryptoError.notSealedToKey(expected: mine.keyID, found: [theirs.keyID])) {
            try sealed.open(name: "DB_PASSWORD", with: mine)
        }
    }

    @Test func wrongKeyAndCorruptedBoxGiveTheSameError() throws {
        let mine = MasterKey.generate()
        let theirs = MasterKey.generate()
        // Sealed for another key but labelled with mine: only the box can tell.
        let foreign = try Self.seal("fake-value", name: "DB_PASSWORD", key: theirs).text
            .replacingOccurrences(of: theirs.keyID.text, with: mine.keyID.text)
        let wrongKey = try Self.failure(foreign, key: mine)

        let text = try Self.seal("fake-value", name: "DB_PASSWORD", key: mine).text
        var bytes = Array(text.utf8)
        let position = text.utf8.count - 10
        bytes[position] =
            bytes[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let corrupted = try Self.failure(String(decoding: bytes, as: UTF8.self), key: mine)

        #expect(wrongKey == .cannotOpen(name: "DB_PASSWORD"))
        #expect(corrupted == wrongKey)
        #expect(corrupted.message == wrongKey.message)
        #expect(corrupted.message.contains("DB_PASSWORD"))
        #expect(corrupted.exitCode == .key)
    }

    @Test func openPicksItsOwnBoxAmongSeveral() throws {
        let mine = MasterKey.generate()
        let other = try Self.seal("fake-other", name: "X_TOKEN", key: MasterKey.generate())
        let own = try Self.seal("fake-mine", name: "X_TOKEN", key: mine)
        let both = other.text + ";" + own.text.dropFirst("tresor:v1:".count)
        let parsed = try SealedValue(text: both)
        #expect(parsed.recipients == other.recipients + own.recipients)
        #expect(parsed.text == both)
        #expect(
            try parsed.open(name: "X_TOKEN", with: mine).copyBytes() == Array("fake-mine".utf8))
    }

    static func seal(_ value: String, name: String, key: MasterKey) throws -> SealedValue {
        try SealedValue.seal(SecretBytes(Array(value.utf8)), name: name, to: key.publicKey)
    }

    /// The error opening `text` with `key` throws; records an issue if it opens.
    static func failure(_ text: String, key: MasterKey) throws -> CryptoError {
        do {
            _ = try SealedValue(text: text).open(name: "DB_PASSWORD", with: key)
        } catch {
            return error
        }
        Issue.record("opened a value that should not open")
        return .malformedPublicKey
    }
}
