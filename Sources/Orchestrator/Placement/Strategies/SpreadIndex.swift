/// Candidates bucketed by how many tasks of one group they run, each bucket a bitset in
/// candidate (id) order, so spread finds the least-loaded candidate with the smallest id
/// without scanning all candidates.
struct SpreadIndex: Sendable {
    private var buckets: [Int: Bitset] = [:]
    /// Counts that have a non-empty bucket, ascending.
    private(set) var counts: [Int] = []
    private let size: Int

    init(counts perCandidate: [Int]) {
        size = perCandidate.count
        for (candidate, count) in perCandidate.enumerated() { insert(candidate, count) }
    }

    /// An index over some of `size` candidates (those for which `include` holds).
    init(counts perCandidate: [Int], including include: (Int) -> Bool) {
        size = perCandidate.count
        for (candidate, count) in perCandidate.enumerated() where include(candidate) { insert(candidate, count) }
    }

    func bucket(_ count: Int) -> Bitset? { buckets[count] }

    mutating func move(_ candidate: Int, from old: Int, to new: Int) {
        guard old != new else { return }
        buckets[old]?.remove(candidate)
        if buckets[old]?.isEmpty == true {
            buckets[old] = nil
            if let slot = counts.firstIndex(of: old) { counts.remove(at: slot) }
        }
        insert(candidate, new)
    }

    private mutating func insert(_ candidate: Int, _ count: Int) {
        if buckets[count] == nil {
            buckets[count] = Bitset(size: size)
            var low = 0
            var high = counts.count
            while low < high {
                let mid = (low + high) / 2
                if counts[mid] < count { low = mid + 1 } else { high = mid }
            }
            counts.insert(count, at: low)
        }
        buckets[count]?.insert(candidate)
    }
}

/// Fixed-size set of small integers.
struct Bitset: Sendable {
    private var words: [UInt64]
    private(set) var population = 0

    init(size: Int) { words = [UInt64](repeating: 0, count: (size + 63) / 64) }

    var isEmpty: Bool { population == 0 }

    mutating func insert(_ value: Int) {
        let mask: UInt64 = 1 << UInt64(value & 63)
        if words[value >> 6] & mask == 0 {
            words[value >> 6] |= mask
            population += 1
        }
    }

    mutating func remove(_ value: Int) {
        let mask: UInt64 = 1 << UInt64(value & 63)
        if words[value >> 6] & mask != 0 {
            words[value >> 6] &= ~mask
            population -= 1
        }
    }

    /// Smallest member that is at least `start`, if any.
    func next(from start: Int) -> Int? {
        var wordIndex = start >> 6
        guard wordIndex < words.count else { return nil }
        var word = words[wordIndex] & (~0 << UInt64(start & 63))
        while true {
            if word != 0 { return wordIndex << 6 + word.trailingZeroBitCount }
            wordIndex += 1
            guard wordIndex < words.count else { return nil }
            word = words[wordIndex]
        }
    }
}
