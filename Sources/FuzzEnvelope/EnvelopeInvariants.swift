import FuzzSupport
import TresorKit

/// The envelope decoder on any text: it never crashes; what it accepts is canonical (its
/// text form is the input); opening with a key it was not sealed for always fails; and a
/// value sealed from the input opens back to the input.
enum EnvelopeInvariants {
    /// One key for the whole run: generating one per input would dominate the time.
    static let key = MasterKey.generate()

    static func check(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        if let value = try? SealedValue(text: text) {
            FuzzDriver.require(value.text == text, "accepted envelope is not canonical")
            FuzzDriver.require((try? SealedValue(text: value.text)) == value, "re-parse")
            let opened = try? value.open(name: "FUZZ_TOKEN", with: key)
            FuzzDriver.require(opened == nil, "a box not sealed for the key opened")
        }
        let secret = SecretBytes(input)
        guard let sealed = try? SealedValue.seal(secret, name: "FUZZ_TOKEN", to: key.publicKey),
            let parsed = try? SealedValue(text: sealed.text),
            let opened = try? parsed.open(name: "FUZZ_TOKEN", with: key)
        else { return FuzzDriver.require(false, "seal, parse and open failed") }
        FuzzDriver.require(opened == secret, "opened value differs")
        FuzzDriver.require((try? parsed.open(name: "FUZZ_OTHER", with: key)) == nil, "binding")
    }
}
