/// Candidates ordered by (key, index), kept sorted as keys change, so binpack finds the
/// least-remaining candidate that can still hold a task by binary search instead of a scan.
struct SortedIndex: Sendable {
    private(set) var keys: [Int]
    private(set) var order: [Int32]
    private var position: [Int32]

    init(keys: [Int]) {
        self.keys = keys
        let order = (0..<keys.count).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        self.order = order.map { Int32($0) }
        var position = [Int32](repeating: 0, count: keys.count)
        for (slot, candidate) in order.enumerated() { position[candidate] = Int32(slot) }
        self.position = position
    }

    var count: Int { order.count }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] != keys[b] ? keys[a] < keys[b] : a < b
    }

    /// First slot whose key is at least `minimum`.
    func lowerBound(_ minimum: Int) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            if keys[Int(order[mid])] < minimum { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func candidate(at slot: Int) -> Int { Int(order[slot]) }

    /// Changes one key and moves the candidate to its new place (a short shift when keys change a little).
    mutating func update(_ candidate: Int, to key: Int) {
        guard keys[candidate] != key else { return }
        keys[candidate] = key
        var slot = Int(position[candidate])
        while slot > 0, less(candidate, Int(order[slot - 1])) {
            order[slot] = order[slot - 1]
            position[Int(order[slot])] = Int32(slot)
            slot -= 1
        }
        while slot < order.count - 1, less(Int(order[slot + 1]), candidate) {
            order[slot] = order[slot + 1]
            position[Int(order[slot])] = Int32(slot)
            slot += 1
        }
        order[slot] = Int32(candidate)
        position[candidate] = Int32(slot)
    }
}
