/// The names seen so far in one tag, for refusing a repeated attribute: a short array for
/// the usual handful of attributes (no hashing), a set once there are many, so a hostile
/// tag with thousands of attributes stays linear.
struct SeenNames<Name: Hashable> {
    private var few: [Name] = []
    private var many: Set<Name> = []

    /// Adds `name`; false when it was seen before.
    mutating func insert(_ name: Name) -> Bool {
        guard few.count >= 16 else {
            if few.contains(name) { return false }
            few.append(name)
            return true
        }
        if many.isEmpty { many = Set(few) }
        return many.insert(name).inserted
    }
}
