/// The forms to mask as a byte trie: from any position, one walk finds the longest form
/// that starts there. The first byte is looked up in a flat table, since most positions
/// of a log start no form at all.
struct PatternTrie {
    /// Children of each node but the root, by byte.
    private var edges: [[UInt8: Int32]] = [[:]]
    /// The root's children: node index, or 0 for none.
    private var root = [Int32](repeating: 0, count: 256)
    /// True for nodes where a form ends.
    private var terminal: [Bool] = [false]
    /// The length of the longest form.
    private(set) var longest = 0

    init(_ patterns: [[UInt8]]) {
        for pattern in patterns where !pattern.isEmpty { insert(pattern) }
    }

    var isEmpty: Bool { longest == 0 }

    private mutating func insert(_ pattern: [UInt8]) {
        longest = max(longest, pattern.count)
        var node = Int(root[Int(pattern[0])])
        if node == 0 {
            node = addNode()
            root[Int(pattern[0])] = Int32(node)
        }
        for byte in pattern.dropFirst() {
            if let next = edges[node][byte] {
                node = Int(next)
            } else {
                let next = addNode()
                edges[node][byte] = Int32(next)
                node = next
            }
        }
        terminal[node] = true
    }

    private mutating func addNode() -> Int {
        edges.append([:])
        terminal.append(false)
        return edges.count - 1
    }

    /// The length of the longest form that starts at `start` and ends before `end`, or 0.
    func longestMatch(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Int {
        var node = Int(root[Int(bytes[start])])
        guard node != 0 else { return 0 }
        var best = terminal[node] ? 1 : 0
        var index = start + 1
        while index < end, let next = edges[node][bytes[index]] {
            node = Int(next)
            index += 1
            if terminal[node] { best = index - start }
        }
        return best
    }
}
