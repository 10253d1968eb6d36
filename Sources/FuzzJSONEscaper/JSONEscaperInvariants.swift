import Foundation
import FuzzSupport
import TresorKit

/// The JSON string escaper on any valid UTF-8 value: the escaped text, between quotes,
/// is a JSON string that a real parser reads back as exactly the input bytes.
enum JSONEscaperInvariants {
    static let context = EscapeContext(inner: .jsonString, outer: .none)

    static func check(_ input: UnsafeRawBufferPointer) {
        // JSON carries Unicode text only: invalid UTF-8 is not a value the vault stores.
        guard let text = String(validating: input, as: UTF8.self) else { return }
        // Fuzz inputs are not secrets: a plain copy of the escaped text is fine here.
        guard
            let escaped = try? ValueEscaper.escape(input, for: context)
                .withUnsafeBytes({ Array($0) })
        else {
            return FuzzDriver.require(false, "the JSON escaper refused valid UTF-8")
        }
        let document = Data([0x22] + escaped + [0x22])
        let parsed = try? JSONSerialization.jsonObject(with: document, options: .fragmentsAllowed)
        guard let string = parsed as? String else {
            return FuzzDriver.require(false, "escaped value is not a JSON string")
        }
        FuzzDriver.require(Array(string.utf8) == Array(text.utf8), "round trip differs")
        FuzzDriver.require(!escaped.contains(0x2F) || input.contains(0x2F), "escaped slash")
    }
}
