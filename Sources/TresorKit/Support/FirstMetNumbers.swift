/// Keys numbered as they are first met, for a check that asks of every name of a file
/// whether it came before: looked through one by one while they are few (a file has a
/// handful; hashing one cost more than the whole check), by their bytes in a dictionary
/// once they are many, so a key costs the same whatever came before it (one task of
/// 80,000 inputs, each compared with every earlier one, took 19.5 s; found by a tester).
struct FirstMetNumbers<Key: FirstMetKey> {
    /// How many keys are looked through one by one before they are hashed.
    static var listedAtMost: Int { 32 }

    private var listed: [Key] = []
    private var hashed: [BytesKey: Int]?

    /// The number of `key` and whether it was new: a new one is numbered next.
    mutating func number(of key: Key) -> (number: Int, isNew: Bool) {
        if hashed == nil, listed.count > Self.listedAtMost {
            var table: [BytesKey: Int] = [:]
            table.reserveCapacity(listed.count * 2)
            for (index, known) in listed.enumerated() { table[known.bytesKey] = index }
            hashed = table
        }
        if hashed != nil {
            let bytes = key.bytesKey
            if let number = hashed![bytes] { return (number, false) }
            hashed![bytes] = listed.count
        } else if let number = listed.firstIndex(where: { $0.isSame(as: key) }) {
            return (number, false)
        }
        listed.append(key)
        return (listed.count - 1, true)
    }
}

/// A key of ``FirstMetNumbers``: two keys are the same exactly when their bytes are.
protocol FirstMetKey {
    /// True when `other` has the same bytes; quick for the few keys looked through.
    func isSame(as other: Self) -> Bool
    /// The bytes, for the dictionary the keys go into once they are many.
    var bytesKey: BytesKey { get }
}
