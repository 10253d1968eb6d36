/// The forms to mask as a byte trie: from any position, one walk finds the longest form
/// that starts there. The first byte is looked up in a flat table, since most positions
/// of a log start no form at all; below it, the edges are an open-addressing hash table
/// keyed by node and byte.
///
/// The trie spells out every form of every value, so its tables live in ``WipedArray``s,
/// wiped when the trie goes away (and, as they grow, the old tables are wiped too).
final class PatternTrie {
    /// An edge from `parent` along `byte` to `child`; a `child` of 0 marks a free slot.
    struct Edge: BitwiseCopyable {
        var parent: Int32
        var child: Int32
        var byte: UInt8
    }

    /// The root's children by first byte: node index, or 0 for none (node 0 is the root).
    private let root = WipedArray<Int32>(capacity: 256)
    private var edges = WipedArray<Edge>()
    /// Per node: true when a form ends there.
    private let terminal = WipedArray<Bool>(capacity: 1024)
    /// The length of the longest form.
    private(set) var longest = 0

    init() {
        root.append(contentsOf: repeatElement(0, count: 256))
        terminal.append(false)
        edges = Self.table(slots: 1024)
    }

    var isEmpty: Bool { longest == 0 }

    /// Adds `pattern`; an empty pattern, or one already there, changes nothing.
    func insert(_ pattern: UnsafeRawBufferPointer) {
        guard let first = pattern.first else { return }
        longest = max(longest, pattern.count)
        var node = Int(root[Int(first)])
        if node == 0 {
            node = terminal.count
            terminal.append(false)
            root[Int(first)] = Int32(node)
        }
        // Follow the part of the pattern the trie has already.
        var index = 1
        edges.withUnsafeBufferPointer { table in
            while index < pattern.count,
                let next = Matcher.child(of: node, pattern[index], in: table)
            {
                node = next
                index += 1
            }
        }
        // The rest is new: one node per byte, each the child of the one before.
        let added = pattern.count - index
        if added > 0 {
            // Keep the table at most half full, so probes stay short.
            while (terminal.count + added) * 2 >= edges.count { grow() }
            let firstAdded = terminal.count
            terminal.append(contentsOf: repeatElement(false, count: added))
            edges.withUnsafeMutableBufferPointer { slots in
                for offset in 0..<added {
                    let child = firstAdded + offset
                    let edge = Edge(
                        parent: Int32(node), child: Int32(child), byte: pattern[index + offset])
                    Self.place(edge, in: slots)
                    node = child
                }
            }
        }
        terminal[node] = true
    }

    /// Adds the bytes of `pattern`.
    func insert(_ pattern: WipedArray<UInt8>) {
        pattern.withUnsafeBytes { insert($0) }
    }

    /// Moves every edge into a table twice the size; the old one is wiped when let go.
    private func grow() {
        let larger = Self.table(slots: edges.count * 2)
        edges.withUnsafeBufferPointer { old in
            larger.withUnsafeMutableBufferPointer { slots in
                for edge in old where edge.child != 0 { Self.place(edge, in: slots) }
            }
        }
        edges = larger
    }

    private static func table(slots: Int) -> WipedArray<Edge> {
        WipedArray(repeatElement(Edge(parent: 0, child: 0, byte: 0), count: slots))
    }

    private static func place(_ edge: Edge, in slots: UnsafeMutableBufferPointer<Edge>) {
        var slot = Matcher.slot(of: Int(edge.parent), edge.byte, count: slots.count)
        while slots[slot].child != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = edge
    }

    /// Lends `body` a matcher over the tables as they are now; do not keep it.
    func withMatcher<R>(_ body: (Matcher) -> R) -> R {
        root.withUnsafeBufferPointer { root in
            edges.withUnsafeBufferPointer { edges in
                terminal.withUnsafeBufferPointer { terminal in
                    body(Matcher(root: root, edges: edges, terminal: terminal))
                }
            }
        }
    }

    /// Reads the trie through pointers, for the inner loop of the redactor.
    struct Matcher {
        let root: UnsafeBufferPointer<Int32>
        let edges: UnsafeBufferPointer<Edge>
        let terminal: UnsafeBufferPointer<Bool>

        /// The length of the longest form that starts at `start` and ends before `end`, or
        /// 0; and whether the walk met `end` still inside the trie (`isOpen`), so that a
        /// longer form could start at `start` and end in bytes not read yet.
        func longestMatch(
            in bytes: UnsafeRawBufferPointer, at start: Int, end: Int
        ) -> (length: Int, isOpen: Bool) {
            var node = Int(root[Int(bytes[start])])
            guard node != 0 else { return (0, false) }
            var best = terminal[node] ? 1 : 0
            var index = start + 1
            while index < end {
                guard let next = Self.child(of: node, bytes[index], in: edges) else {
                    return (best, false)
                }
                node = next
                index += 1
                if terminal[node] { best = index - start }
            }
            return (best, true)
        }

        /// The child of `node` along `byte` in `edges`, a table whose size is a power of 2.
        static func child(
            of node: Int, _ byte: UInt8, in edges: UnsafeBufferPointer<Edge>
        ) -> Int? {
            var slot = self.slot(of: node, byte, count: edges.count)
            while edges[slot].child != 0 {
                if Int(edges[slot].parent) == node, edges[slot].byte == byte {
                    return Int(edges[slot].child)
                }
                slot = (slot + 1) & (edges.count - 1)
            }
            return nil
        }

        static func slot(of node: Int, _ byte: UInt8, count: Int) -> Int {
            let key = UInt64(node) << 8 | UInt64(byte)
            return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 17) & (count - 1)
        }
    }
}
