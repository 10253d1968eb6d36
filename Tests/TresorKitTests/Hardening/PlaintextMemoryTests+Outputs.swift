import Testing

@testable import TresorKit

/// The other ways out of the vault leave no plaintext behind: dotenv lines are built in
/// wiped arrays, and redact keeps its forms, its input and its output in them.
extension PlaintextMemoryTests {
    @Test func writingDotenvLines() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let value = canary.value(prefix: "it's ")
            _ = DotEnv.line(try SecretName(Self.name), value)
        }
    }

    @Test func redactingALog() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let value = canary.value(prefix: "p/ä ", suffix: "\nsecond line of it")
            let log = canary.value(prefix: "GET /?token=", suffix: " 200\nnext line\n")
            var redactor = Redactor(values: [value])
            log.withUnsafeBytes { bytes in
                _ = redactor.feed(bytes[..<20])
                _ = redactor.feed(bytes[20...])
            }
            _ = redactor.finish()
        }
    }
}
