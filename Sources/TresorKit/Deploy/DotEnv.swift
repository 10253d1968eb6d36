/// The dotenv format `tresor dotenv` writes: one `NAME='value'` line per secret, quoted so
/// that a POSIX shell reading it with `set -a; . FILE` gets every value byte for byte.
///
/// Inside single quotes a shell takes every byte literally, newlines, `$`, backslashes
/// and backquotes included; the one byte that cannot appear there, `'`, is written as
/// `'\''` (close, an escaped quote, reopen). Names are secret names, which are valid
/// variable names already.
public enum DotEnv {
    /// The line for `name` holding `value`, newline included.
    public static func line(_ name: SecretName, _ value: SecretBytes) -> [UInt8] {
        var out = Array(name.text.utf8) + Array("='".utf8)
        value.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == quote { out += Array("'\\''".utf8) } else { out.append(byte) }
            }
        }
        return out + Array("'\n".utf8)
    }

    private static let quote = UInt8(ascii: "'")
}
