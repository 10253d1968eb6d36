/// The keys one JSON object has written so far, each with a value the reader keeps for it
/// (where it was first written), to find a key written twice.
///
/// A list while the object is small, a dictionary once it is not: most objects of a task
/// input have a handful of keys, and comparing a key with a few others costs less than
/// hashing it byte by byte, while an object of thousands of keys stays linear.
struct JSONObjectKeys<Value> {
    /// Past this many keys, they move into `many`.
    private static var listLimit: Int { 16 }

    private var few: [(key: [UInt8], value: Value)] = []
    private var many: [[UInt8]: Value]?

    init() {}

    /// The value kept for `key` when the object has written it before; otherwise nil, and
    /// `key` is kept with `value`.
    mutating func earlier(_ key: [UInt8], else value: Value) -> Value? {
        if many != nil {
            if let found = many![key] { return found }
            many![key] = value
            return nil
        }
        for entry in few where entry.key == key { return entry.value }
        if few.count < Self.listLimit {
            few.append((key, value))
        } else {
            var keys = [[UInt8]: Value](minimumCapacity: few.count * 2)
            for entry in few { keys[entry.key] = entry.value }
            keys[key] = value
            many = keys
            few = []
        }
        return nil
    }
}
