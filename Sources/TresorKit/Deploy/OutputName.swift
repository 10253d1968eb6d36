/// Turns ids and parameter names taken from process files into one safe path component.
///
/// Ids come from files anyone with commit rights can write: `..`, `/` or a NUL must never
/// steer a write outside the output folder. Bytes outside `[A-Za-z0-9_.-]` are written as
/// `%XX`, and so is a leading `.`, so the mapping is one to one, a component is never
/// empty, `.`, `..` or hidden, and the original text is kept in the manifest.
public enum OutputName {
    /// `text` as one path component; `validate` reports one too long for a file name
    /// (``findings(in:)``).
    public static func component(_ text: String) -> String {
        guard !text.isEmpty else { return "%" }
        var out = ""
        for (offset, byte) in text.utf8.enumerated() {
            if isPlain(byte) && !(offset == 0 && byte == UInt8(ascii: ".")) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte)
            }
        }
        return out
    }

    static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
            UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
