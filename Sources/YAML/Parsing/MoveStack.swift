/// A growable stack whose top elements can be moved out into an exact-size `Array`.
///
/// The tree builder pushes every finished child here and, when its collection ends, moves
/// the collection's elements (the top `count - start`) into the collection's array: one
/// allocation of the right size per collection, no retain/release per element, and no
/// slack capacity left in the tree. (`Array(slice)` of a whole buffer shares it instead of
/// copying, which keeps growth slack alive in the finished tree.)
final class MoveStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` to the top into a new array, leaving `start` elements.
    func popArray(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "MoveStack.popArray: start out of range")
        let n = count - start
        let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let destination = buffer.baseAddress {
                destination.moveInitialize(from: base + start, count: n)
            }
            initialized = n
        }
        count = start
        return result
    }

    /// The element at `index` (below `count`), borrowed for a read.
    func withElement<R>(at index: Int, _ body: (borrowing Element) -> R) -> R {
        precondition(index >= 0 && index < count, "MoveStack: index out of range")
        return body(base[index])
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
