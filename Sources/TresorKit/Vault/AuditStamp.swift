import Foundation

/// When and by whom a secret was created or last changed: a UTC ISO-8601 time and the
/// user (the email of the author git would record, else the name, else `$USER`).
public struct AuditStamp: Sendable, Hashable {
    public var at: String
    public var by: String

    public init(at: String, by: String) {
        self.at = at
        self.by = by
    }

    /// A stamp for now, from the environment's clock and user; a control character in the
    /// user (a git email set with one) becomes `?`, so the stamp stays one line that
    /// `validate` accepts.
    public init(environment: TresorEnvironment) {
        self.at = Self.format(environment.now())
        var user = String.UnicodeScalarView()
        for scalar in environment.user().unicodeScalars {
            user.append(Self.isControl(scalar) ? "?" : scalar)
        }
        self.by = String(user)
    }

    /// True for C0, DEL and C1 (U+0080-U+009F, which some terminals take as escapes):
    /// what a one-line text of a secret file (a display name, a stamp's `by`) may not hold.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F) ~= scalar.value
    }

    /// `2026-12-04T16:00:00Z`: seconds precision, always UTC.
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!,
            parts.hour!, parts.minute!, parts.second!)
    }

    /// True when `text` has the form `YYYY-MM-DDTHH:MM:SSZ`.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        let pattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        return zip(bytes, pattern).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (0x30...0x39).contains(byte) : byte == expected
        }
    }
}
