import Foundation
import Testing

@testable import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Plaintext buffers are wiped after use: each test runs one real path of the library with
/// a fresh canary value, lets everything it made go, then scans this process's writable
/// memory for the canary. A buffer that held the value (or a form of it) and was freed
/// without being wiped is still there to find.
///
/// Serialized so that one scan does not read another test's work half done; other suites
/// use other values, so they cannot be hits.
@Suite(.serialized) struct PlaintextMemoryTests {
    static let name = "CANARY_VALUE"

    @Test func theScanFindsAnUnwipedCopy() throws {
        let canary = MemoryCanary()
        let copy = canary.value().copyBytes()
        #expect(try !canary.hits().isEmpty)
        withExtendedLifetime(copy) {}
    }

    /// A wiped array that grew byte by byte, dropped bytes from its front and was cleared
    /// leaves nothing behind, where an ordinary array would leave a copy at each growth.
    @Test func aWipedArrayThatGrewAndShrank() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let value = canary.value(prefix: "prefix ")
            let bytes = WipedArray<UInt8>()
            value.withUnsafeBytes { raw in
                for byte in raw { bytes.append(byte) }
                bytes.removeFirst(7)
                bytes.append(contentsOf: raw)
                bytes.removeAll()
                bytes.append(contentsOf: raw)
            }
        }
    }

    /// The value rules read the value (UTF-8, a URL, PEM) before it is sealed; sealing
    /// and writing the secret file follow. The check runs again last, as nothing after it
    /// then reuses, and so overwrites, what it may have left.
    @Test(arguments: [SecretType.token, .url, .certificate])
    func checkingAndSealingAValue(_ type: SecretType) throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let temporary = try TemporaryVault()
            let name = try SecretName(Self.name)
            let value =
                switch type {
                case .url: canary.value(prefix: "https://", suffix: ".example.com/path?q=1")
                case .certificate:
                    canary.value(prefix: "-----BEGIN KEY-----\n", suffix: "\n-----END KEY-----")
                default: canary.value()
                }
            _ = try temporary.vault.create(
                name, displayName: "C", type: type, value: value,
                environment: temporary.environment)
            _ = try SecretValueRules.check(value, name: name, type: type, warnLength: 1 << 20)
        }
    }

    /// `create` and `edit` read a value from `--value-file` or standard input (a pipe here)
    /// into wiped memory, then into the value's own.
    @Test func readingAValueFromAFileAndAPipe() throws {
        let canary = MemoryCanary()
        let path = NSTemporaryDirectory() + "tresor-value-\(UUID().uuidString)"
        defer { unlink(path) }
        try expectWiped(canary) {
            try canary.value(suffix: "\n").withUnsafeBytes { bytes throws(FileError) in
                try AtomicFile.write(bytes, to: path, mode: 0o600)
            }
            let fromFile = try FileReader.readWiped(path, limit: 1 << 20)
            _ = fromFile.withUnsafeBytes { SecretBytes($0) }
            var pipe: [Int32] = [0, 0]
            #expect(Glibc.pipe(&pipe) == 0)
            canary.value(suffix: "\n").withUnsafeBytes {
                _ = write(pipe[1], $0.baseAddress, $0.count)
            }
            close(pipe[1])
            defer { close(pipe[0]) }
            let fromPipe = try FileReader.readAllWiped(pipe[0], path: "pipe", limit: 1 << 20)
            _ = fromPipe.withUnsafeBytes { SecretBytes($0) }
        }
    }

    /// Runs `body`, which must let go of everything it made, then scans for `canary`.
    func expectWiped(
        _ canary: MemoryCanary, sourceLocation: Testing.SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) throws {
        try body()
        let hits = try canary.hits()
        #expect(
            hits.isEmpty,
            "the value was found in \(hits.count) places: \(hits.prefix(8))",
            sourceLocation: sourceLocation)
    }
}
