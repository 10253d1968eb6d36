/// How far apart two short words are, for telling a misspelt keyword (`sercet`, `secet`)
/// from a word of its own.
enum EditDistance {
    /// True when `a` and `b` differ by at most one edit: a byte changed, added or removed,
    /// or two neighbouring bytes swapped.
    static func isWithinOne(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard abs(a.count - b.count) <= 1 else { return false }
        var first = 0
        while first < min(a.count, b.count), a[first] == b[first] { first += 1 }
        // One is the other with a byte more at its end.
        if first == min(a.count, b.count) { return true }
        let (restA, restB) = (a[(first + 1)...], b[(first + 1)...])
        if a.count == b.count {
            // Changed, or swapped with the next byte.
            if restA.elementsEqual(restB) { return true }
            return first + 1 < a.count && a[first] == b[first + 1] && a[first + 1] == b[first]
                && a[(first + 2)...].elementsEqual(b[(first + 2)...])
        }
        // One byte more in the longer word, at `first`.
        return a.count > b.count
            ? restA.elementsEqual(b[first...]) : a[first...].elementsEqual(restB)
    }
}
