/// The forms to mask as a byte trie: from any position, one walk finds the longest form
/// that starts there. The first byte is looked up in a flat table, since most positions
/// of a log start no form at all; below it, each node's children are a linked list.
///
/// The trie spells out every form of every value, so its nodes and table live in
/// ``WipedArray``s, wiped when the trie goes away.
final class PatternTrie {
    /// One node: its first child and next sibling (0 for none), the byte that leads to
    /// it, and whether a form ends here.
    struct Node: BitwiseCopyable {
        var child: Int32
        var sibling: Int32
        var byte: UInt8
        var terminal: Bool
    }

    /// Node 0 stands for the root and is never a child.
    private let nodes = WipedArray<Node>(capacity: 1024)
    /// The root's children by first byte: node index, or 0 for none.
    private let root = WipedArray<Int32>(capacity: 256)
    /// The length of the longest form.
    private(set) var longest = 0

    init() {
        nodes.append(Node(child: 0, sibling: 0, byte: 0, terminal: false))
        root.append(contentsOf: repeatElement(0, count: 256))
    }

    var isEmpty: Bool { longest == 0 }

    /// Adds `pattern`; an empty pattern, or one already there, changes nothing.
    func insert(_ pattern: UnsafeRawBufferPointer) {
        guard let first = pattern.first else { return }
        longest = max(longest, pattern.count)
        var node = Int(root[Int(first)])
        if node == 0 {
            node = addNode(byte: first, sibling: 0)
            root[Int(first)] = Int32(node)
        }
        for byte in pattern.dropFirst() {
            node = child(of: node, byte) ?? addChild(of: node, byte)
        }
        nodes[node].terminal = true
    }

    /// Adds the bytes of `pattern`.
    func insert(_ pattern: WipedArray<UInt8>) {
        pattern.withUnsafeBytes { insert($0) }
    }

    private func child(of node: Int, _ byte: UInt8) -> Int? {
        var next = Int(nodes[node].child)
        while next != 0 {
            if nodes[next].byte == byte { return next }
            next = Int(nodes[next].sibling)
        }
        return nil
    }

    private func addChild(of node: Int, _ byte: UInt8) -> Int {
        let added = addNode(byte: byte, sibling: nodes[node].child)
        nodes[node].child = Int32(added)
        return added
    }

    private func addNode(byte: UInt8, sibling: Int32) -> Int {
        nodes.append(Node(child: 0, sibling: sibling, byte: byte, terminal: false))
        return nodes.count - 1
    }

    /// Lends `body` a matcher over the nodes as they are now; do not keep it.
    func withMatcher<R>(_ body: (Matcher) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            root.withUnsafeBufferPointer { root in body(Matcher(nodes: nodes, root: root)) }
        }
    }

    /// Reads the trie through pointers, for the inner loop of the redactor.
    struct Matcher {
        let nodes: UnsafeBufferPointer<Node>
        let root: UnsafeBufferPointer<Int32>

        /// The length of the longest form that starts at `start` and ends before `end`,
        /// or 0.
        func longestMatch(in bytes: UnsafeRawBufferPointer, at start: Int, end: Int) -> Int {
            var node = Int(root[Int(bytes[start])])
            guard node != 0 else { return 0 }
            var best = nodes[node].terminal ? 1 : 0
            var index = start + 1
            while index < end, let next = child(of: node, bytes[index]) {
                node = next
                index += 1
                if nodes[node].terminal { best = index - start }
            }
            return best
        }

        private func child(of node: Int, _ byte: UInt8) -> Int? {
            var next = Int(nodes[node].child)
            while next != 0 {
                if nodes[next].byte == byte { return next }
                next = Int(nodes[next].sibling)
            }
            return nil
        }
    }
}
