/// The checks behind ``SecretType/problem(with:)``, over the value's bytes where they lie:
/// a string made of a value would be a copy in memory no one can wipe.
extension SecretType {
    static func portProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let digits = bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard digits, (1...5).contains(bytes.count) else {
            return "a port must be a number from 1 to 65535"
        }
        // `080` is 80 to some readers and octal (or nothing) to others (found by an
        // eighteenth fresh tester).
        if bytes.count > 1, bytes.first == UInt8(ascii: "0") {
            return "a port must be written without leading zeros (80, not 080)"
        }
        let number = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1...65535).contains(number) ? nil : "a port must be a number from 1 to 65535"
    }

    static func urlProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard URLShape.isValid(bytes) else {
            return "a url must parse as scheme://host/..., for example https://api.example.com"
        }
        // As the port type holds (`https://h:99999` passed; found by fresh testers).
        if let port = URLShape.port(bytes), !(1...65535).contains(port) {
            return "a url's port must be a number from 1 to 65535"
        }
        return nil
    }

    /// PEM: `-----BEGIN LABEL-----`, then the last `-----END LABEL-----` with the same,
    /// non-empty label.
    // Limitation: the body between them is not checked to be base64, and text before the
    // first BEGIN line or after the last END line is accepted (OpenSSL writes "Bag
    // Attributes" and `-text` dumps there) (README, Known limitations).
    static func certificateProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        let problem =
            "a certificate must be PEM text: -----BEGIN LABEL----- ... -----END LABEL-----"
        let dashes = Array("-----".utf8)
        guard let begin = find(Array("-----BEGIN ".utf8), in: bytes),
            let beginEnd = find(dashes, in: bytes, from: begin.upperBound),
            let end = find(Array("-----END ".utf8), in: bytes, last: true),
            begin.upperBound <= end.lowerBound,
            let endEnd = find(dashes, in: bytes, from: end.upperBound)
        else { return problem }
        let opening = bytes[begin.upperBound..<beginEnd.lowerBound]
        let closing = bytes[end.upperBound..<endEnd.lowerBound]
        return opening.elementsEqual(closing) && !opening.isEmpty ? nil : problem
    }

    /// The first (or last) place of `pattern` in `bytes` at or after `start`.
    private static func find(
        _ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int = 0,
        last: Bool = false
    ) -> Range<Int>? {
        guard bytes.count - pattern.count >= start else { return nil }
        let starts = start...(bytes.count - pattern.count)
        let matches = { (index: Int) in
            bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        let found = last ? starts.reversed().first(where: matches) : starts.first(where: matches)
        return found.map { $0..<($0 + pattern.count) }
    }
}

/// What the url type accepts: `scheme://[userinfo@]host[:port]` and anything after it, as
/// Foundation's `URLComponents` parses it (which percent-encodes what a path, query or
/// fragment may not hold, but refuses such bytes in the host), with a non-empty host.
enum URLShape {
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let afterScheme = schemeEnd(bytes), afterScheme + 2 <= bytes.count,
            bytes[afterScheme] == slash, bytes[afterScheme + 1] == slash
        else { return false }
        let start = afterScheme + 2
        let end = bytes[start...].firstIndex { $0 == slash || $0 == 0x3F || $0 == 0x23 }
        let authority = start..<(end ?? bytes.count)
        let host = bytes[authority].lastIndex(of: 0x40).map { $0 + 1 } ?? start
        return isHostAndPort(bytes, host..<authority.upperBound)
    }

    private static let slash = UInt8(ascii: "/")

    /// The offset after `scheme:`, where the scheme is a letter, then letters, digits,
    /// `+`, `-` or `.`.
    private static func schemeEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let first = bytes.first, isLetter(first) else { return nil }
        var index = 1
        while index < bytes.count,
            isLetter(bytes[index]) || isDigit(bytes[index])
                || bytes[index] == 0x2B || bytes[index] == 0x2D || bytes[index] == 0x2E
        {
            index += 1
        }
        return index < bytes.count && bytes[index] == 0x3A ? index + 1 : nil
    }

    /// `host` or `[literal]`, then nothing or `:` and digits (possibly none).
    private static func isHostAndPort(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool
    {
        guard !range.isEmpty else { return false }
        var hostEnd: Int
        if bytes[range.lowerBound] == 0x5B {
            guard let close = bytes[range].firstIndex(of: 0x5D), close > range.lowerBound + 1,
                !bytes[(range.lowerBound + 1)..<close].contains(0x5B)
            else { return false }
            hostEnd = close + 1
        } else {
            hostEnd = bytes[range].firstIndex(of: 0x3A) ?? range.upperBound
            guard hostEnd > range.lowerBound, isHost(bytes, range.lowerBound..<hostEnd) else {
                return false
            }
        }
        guard hostEnd < range.upperBound else { return true }
        return bytes[hostEnd] == 0x3A && bytes[(hostEnd + 1)..<range.upperBound].allSatisfy(isDigit)
    }

    /// The port of a url ``isValid(_:)`` accepts, when it names one (`:` and digits); a
    /// number too large for an `Int` is `Int.max`.
    static func port(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let afterScheme = schemeEnd(bytes) else { return nil }
        let start = afterScheme + 2
        let end = bytes[start...].firstIndex { $0 == slash || $0 == 0x3F || $0 == 0x23 }
        let authority = bytes[start..<(end ?? bytes.count)]
        let host = authority.lastIndex(of: 0x40).map { $0 + 1 } ?? start
        let afterLiteral = bytes[host..<authority.endIndex].lastIndex(of: 0x5D).map { $0 + 1 }
        guard
            let colon = bytes[(afterLiteral ?? host)..<authority.endIndex].firstIndex(of: 0x3A),
            colon + 1 < authority.endIndex
        else { return nil }
        var number = 0
        for digit in bytes[(colon + 1)..<authority.endIndex] {
            let (times, overflow) = number.multipliedReportingOverflow(by: 10)
            guard !overflow else { return Int.max }
            number = times + Int(digit - UInt8(ascii: "0"))
        }
        return number
    }

    /// Unreserved and sub-delimiter characters, valid `%XX` escapes, and non-ASCII bytes.
    private static func isHost(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x25 {
                guard index + 2 < range.upperBound, isHexDigit(bytes[index + 1]),
                    isHexDigit(bytes[index + 2])
                else { return false }
                index += 3
                continue
            }
            guard byte >= 0x80 || isLetter(byte) || isDigit(byte) || hostSymbols.contains(byte)
            else { return false }
            index += 1
        }
        return true
    }

    /// `- . _ ~` and `! $ & ' ( ) * + , ; =`.
    private static let hostSymbols = Set("-._~!$&'()*+,;=".utf8)

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
