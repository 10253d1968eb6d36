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

    /// A stamp for now, from the environment's clock and its user for `folder` (the
    /// vault's); a control character in the user (a git email set with one) becomes `?`,
    /// and a blank user `unknown`, so the stamp stays one line that `validate` accepts.
    public init(environment: TresorEnvironment, folder: String) {
        self.at = Self.format(environment.now())
        var user = String.UnicodeScalarView()
        for scalar in environment.user(folder).unicodeScalars {
            user.append(Self.isControl(scalar) ? "?" : scalar)
        }
        let by = String(user)
        self.by = by.contains(where: { !$0.isWhitespace }) ? by : "unknown"
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

    /// True when `text` has the form `YYYY-MM-DDTHH:MM:SSZ` and names a real time: a month
    /// 01-12, a day the month has (29 February in leap years), hours below 24, minutes
    /// below 60, seconds below 60 (or a leap second, 23:59:60). `2026-99-99T99:99:99Z`
    /// passed, and `report` could not read it (found by a seventh fresh tester).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        let pattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        let shaped = zip(bytes, pattern).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (0x30...0x39).contains(byte) : byte == expected
        }
        guard shaped else { return false }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let year = number(0..<4)
        let month = number(5..<7)
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(number(8..<10)) else {
            return false
        }
        // A leap second is 23:59:60 only (found by an eighth fresh tester).
        let (hour, minute, second) = (number(11..<13), number(14..<16), number(17..<19))
        return hour < 24 && minute < 60
            && (second < 60 || second == 60 && hour == 23 && minute == 59)
    }
}
