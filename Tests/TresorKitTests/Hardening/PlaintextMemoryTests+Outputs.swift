import Testing

@testable import TresorKit

/// The other ways out of the vault leave no plaintext behind: dotenv lines are built in
/// wiped arrays.
extension PlaintextMemoryTests {
    @Test func writingDotenvLines() throws {
        let canary = MemoryCanary()
        try expectWiped(canary) {
            let value = canary.value(prefix: "it's ")
            _ = DotEnv.line(try SecretName(Self.name), value)
        }
    }
}
