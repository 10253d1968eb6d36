extension XMLSkippableElements {
    /// Builds the runs of skippable elements from a document's elements as they start and
    /// end, in document order: from the light pass's tags, or from libxml2's parse (see
    /// `XMLWellFormedness`), which meet the same elements in a well-formed document.
    struct Runs {
        let kept: [Int]
        private(set) var skippable: [Run] = []
        /// For each run, how deep its elements are (the elements open around them) and the
        /// marks before its end (see ``marks(before:)``), to tell whether the next one can
        /// join it.
        private var runEnds: [(depth: Int, marks: Int)] = []
        /// The open elements: where each tag starts, where its name ends (for a reader that
        /// matches end tags itself), and the marks before it.
        private(set) var open: [(start: Int, nameEnd: Int, marks: Int)] = []
        /// How many kept offsets come before the last offset asked of ``marks(before:)``.
        private var passed = 0
        /// How many spared elements have started so far.
        private var sparedStarted = 0

        /// Runs of elements that hold none of `kept` (sorted offsets).
        init(keeping kept: [Int]) {
            self.kept = kept
            // Room for a usual file at once: each list grew step by step in every file.
            skippable.reserveCapacity(32)
            runEnds.reserveCapacity(32)
            open.reserveCapacity(32)
        }

        /// An element whose start tag begins at `start` (its `<`) has started; its name ends
        /// at `nameEnd`; a spared element is never stepped over.
        @inline(__always)
        mutating func started(at start: Int, nameEnd: Int, isSpared: Bool) {
            let marks = marks(before: start)
            if isSpared { sparedStarted += 1 }
            open.append((start, nameEnd, marks))
        }

        /// The innermost open element has ended, its end tag (or empty-element tag) just
        /// before `end`.
        @inline(__always)
        mutating func ended(at end: Int) {
            guard let element = open.popLast() else { return }
            close(element.start..<end, marks: element.marks)
        }

        /// Notes `element` (tag to end tag, `marks` before it) as skippable when it lies
        /// below the root and holds no mark: no kept offset, no spared element, itself
        /// included. It replaces the elements inside it noted before.
        private mutating func close(_ element: Range<Int>, marks: Int) {
            guard !open.isEmpty, self.marks(before: element.upperBound) == marks else { return }
            while let inner = skippable.last, inner.range.lowerBound >= element.lowerBound {
                skippable.removeLast()
                runEnds.removeLast()
            }
            // A run of the element's siblings (same depth, inside the same parent), with no
            // mark between its end and the element, takes the element in.
            if let previous = skippable.last, let end = runEnds.last,
                end.depth == open.count, previous.range.lowerBound > open[open.count - 1].start,
                end.marks == marks
            {
                skippable[skippable.count - 1] = Run(
                    range: previous.range.lowerBound..<element.upperBound,
                    elements: previous.elements + 1)
                return
            }
            skippable.append(Run(range: element, elements: 1))
            runEnds.append((open.count, marks))
        }

        /// What stops an element from being stepped over, counted up to `offset`: the kept
        /// offsets before it, and the spared elements started before it. Asked of offsets
        /// in increasing order (tags are met in document order), so the count only moves
        /// forward; an element holds a mark when the count after it differs from before it.
        private mutating func marks(before offset: Int) -> Int {
            while passed < kept.count, kept[passed] < offset { passed += 1 }
            return passed + sparedStarted
        }
    }
}
