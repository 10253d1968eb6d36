#if canImport(Glibc)
    import Glibc
#endif

/// Searches this test process's own writable memory for a byte pattern: every private
/// writable mapping in `/proc/self/maps` (the heap, anonymous mappings such as malloc's
/// thread arenas and thread stacks, libraries' data), read through `/proc/self/mem`.
///
/// The scan calls no malloc until it is done: malloc hands out the block freed last
/// first, so a scanner that allocated would write over the very blocks a test just freed.
/// Its buffers (the maps text, the table of regions, the read chunk, the hits) live in one
/// `mmap` of their own, skipped by the scan and unmapped after it. The pattern is given
/// XOR-masked and compared masked, so the scanner's own copy of it is never a hit.
// Limitation: a copy is found only if it holds the whole pattern in a row and is still
// there when the scan runs: a freed block malloc hands out again first, or a value spread
// over memory (one byte per edge, as in redact's trie), is not seen.
enum ProcessMemory {
    /// One place where the pattern was found.
    struct Hit: CustomStringConvertible {
        var address: UInt
        var region: String
        var description: String { "0x\(String(address, radix: 16)) in \(region)" }
    }

    static let chunkSize = 1 << 20
    static let mapsSize = 4 << 20
    static let maximumRegions = 1 << 16
    static let maximumHits = 1 << 10

    /// Every place where the bytes `masked[i] ^ mask[i]` occur in writable memory.
    static func find(masked: [UInt8], mask: [UInt8]) throws -> [Hit] {
        precondition(masked.count == mask.count && !masked.isEmpty)
        let words = maximumRegions * 3 + maximumHits * 2
        let total = chunkSize + mapsSize + words * MemoryLayout<UInt>.stride
        let base = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let base, base != MAP_FAILED else { throw ScanError("cannot map the buffers") }
        defer { munmap(base, total) }
        let own = UInt(bitPattern: base)..<(UInt(bitPattern: base) + UInt(total))
        var scan = Scan(base: base, own: own, masked: masked, mask: mask)
        try scan.readMaps()
        try scan.run()
        return scan.hits()
    }

    /// The state of one scan, all of it inside the scanner's own mapping.
    private struct Scan {
        let chunk: UnsafeMutablePointer<UInt8>
        let maps: UnsafeMutablePointer<UInt8>
        /// Per region: start, end, offset of its line in `maps`.
        let regions: UnsafeMutablePointer<UInt>
        /// Per hit: address, index of its region.
        let found: UnsafeMutablePointer<UInt>
        let own: Range<UInt>
        let masked: [UInt8]
        let mask: [UInt8]
        var mapsCount = 0
        var regionCount = 0
        var hitCount = 0

        init(base: UnsafeMutableRawPointer, own: Range<UInt>, masked: [UInt8], mask: [UInt8]) {
            chunk = base.assumingMemoryBound(to: UInt8.self)
            maps = chunk + chunkSize
            let table = UnsafeMutableRawPointer(maps + mapsSize)
            regions = table.assumingMemoryBound(to: UInt.self)
            found = regions + maximumRegions * 3
            self.own = own
            self.masked = masked
            self.mask = mask
        }

        /// Reads `/proc/self/maps` and keeps the `rw-p` lines' ranges.
        mutating func readMaps() throws {
            let descriptor = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ScanError("cannot open /proc/self/maps") }
            defer { close(descriptor) }
            while mapsCount < mapsSize {
                let count = read(descriptor, maps + mapsCount, mapsSize - mapsCount)
                guard count > 0 else { break }
                mapsCount += count
            }
            var line = 0
            while line < mapsCount, regionCount < maximumRegions {
                var end = line
                while end < mapsCount, maps[end] != 0x0A { end += 1 }
                parseLine(line..<end)
                line = end + 1
            }
        }

        /// `start-end perms ...`: keeps lines whose permissions are `rw-p`.
        private mutating func parseLine(_ line: Range<Int>) {
            var index = line.lowerBound
            let start = hex(&index, line.upperBound)
            index += 1
            let end = hex(&index, line.upperBound)
            index += 1
            guard index + 4 <= line.upperBound, maps[index] == 0x72, maps[index + 1] == 0x77,
                maps[index + 2] == 0x2D, maps[index + 3] == 0x70, start < end
            else { return }
            regions[regionCount * 3] = start
            regions[regionCount * 3 + 1] = end
            regions[regionCount * 3 + 2] = UInt(line.lowerBound)
            regionCount += 1
        }

        private func hex(_ index: inout Int, _ limit: Int) -> UInt {
            var value: UInt = 0
            while index < limit {
                let byte = maps[index]
                let digit: UInt
                switch byte {
                case 0x30...0x39: digit = UInt(byte - 0x30)
                case 0x61...0x66: digit = UInt(byte - 0x61 + 10)
                default: return value
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func run() throws {
            let memory = open("/proc/self/mem", O_RDONLY | O_CLOEXEC)
            guard memory >= 0 else { throw ScanError("cannot open /proc/self/mem") }
            defer { close(memory) }
            for region in 0..<regionCount {
                let range = regions[region * 3]..<regions[region * 3 + 1]
                guard !range.overlaps(own) else { continue }
                scan(range, region: region, memory: memory)
                memset(chunk, 0, chunkSize)
            }
        }

        /// Reads one region chunk by chunk, overlapping by the pattern's length less one, so
        /// a hit across a chunk boundary is found.
        private mutating func scan(_ range: Range<UInt>, region: Int, memory: Int32) {
            var start = range.lowerBound
            while start < range.upperBound {
                let wanted = min(UInt(chunkSize), range.upperBound - start)
                let count = pread(
                    memory, chunk, Int(wanted), off_t(Int64(bitPattern: UInt64(start))))
                // A region unmapped since the maps were read (a parallel test) reads as an
                // error: skip the rest of it.
                guard count > 0 else { break }
                match(count, at: start, region: region)
                guard count == Int(wanted), start + wanted < range.upperBound else { break }
                start += wanted - UInt(masked.count - 1)
            }
        }

        /// Records where the pattern starts in the chunk. The first byte is found with
        /// `memchr`; only the rest is compared masked.
        private mutating func match(_ count: Int, at address: UInt, region: Int) {
            let first = masked[0] ^ mask[0]
            var offset = 0
            while offset + masked.count <= count, hitCount < maximumHits,
                let found = memchr(chunk + offset, Int32(first), count - offset - masked.count + 1)
            {
                let position = chunk.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if isMatch(at: position) {
                    self.found[hitCount * 2] = address + UInt(position)
                    self.found[hitCount * 2 + 1] = UInt(region)
                    hitCount += 1
                }
                offset = position + 1
            }
        }

        private func isMatch(at position: Int) -> Bool {
            for index in 1..<masked.count
            where chunk[position + index] ^ mask[index] != masked[index] {
                return false
            }
            return true
        }

        /// The hits, with the name of their region (`[heap]`, `[anonymous]`, a path).
        func hits() -> [Hit] {
            (0..<hitCount).map { hit in
                let region = Int(found[hit * 2 + 1])
                var index = Int(regions[region * 3 + 2])
                var fields = 0
                while index < mapsCount, maps[index] != 0x0A, fields < 5 {
                    if maps[index] == 0x20, index + 1 < mapsCount, maps[index + 1] != 0x20 {
                        fields += 1
                    }
                    index += 1
                }
                var end = index
                while end < mapsCount, maps[end] != 0x0A { end += 1 }
                let name = String(
                    decoding: UnsafeBufferPointer(start: maps + index, count: end - index),
                    as: UTF8.self)
                return Hit(address: found[hit * 2], region: name.isEmpty ? "[anonymous]" : name)
            }
        }
    }

    struct ScanError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
