import Foundation

/// When and by whom a secret was created or last changed: a UTC ISO-8601 time and the
/// user (the email of the author git would record, else the name, else `$USER`).
public struct AuditStamp: Sendable, Hashable {
    public var at: String
    public var by: String

    // Limitation: control characters in `by` pass the checks; every command escapes them
    // when it prints them (README, Known limitations).
    public init(at: String, by: String) {
        self.at = at
        self.by = by
    }

    /// A stamp for now, from the environment's clock and user.
    public init(environment: TresorEnvironment) {
        self.at = Self.format(environment.now())
        self.by = environment.user()
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
