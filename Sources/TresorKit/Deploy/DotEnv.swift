/// The dotenv format `tresor dotenv` writes: one `NAME='value'` line per secret, quoted so
/// that a POSIX shell reading it with `set -a; . FILE` gets every value byte for byte.
///
/// Inside single quotes a shell takes every byte literally, newlines, `$`, backslashes
/// and backquotes included; the one byte that cannot appear there, `'`, is written as
/// `'\''` (close, an escaped quote, reopen). Names are secret names, which are valid
/// variable names already.
public enum DotEnv {
    /// The line for `name` holding `value`, newline included, in a ``WipedArray``.
    public static func line(_ name: SecretName, _ value: SecretBytes) -> WipedArray<UInt8> {
        let out = WipedArray<UInt8>(capacity: name.text.utf8.count + value.count + 4)
        out.append(contentsOf: name.text.utf8)
        out.append("='")
        value.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == quote { out.append("'\\''") } else { out.append(byte) }
            }
        }
        out.append("'\n")
        return out
    }

    private static let quote = UInt8(ascii: "'")
}
