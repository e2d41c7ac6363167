import Dispatch
import Foundation

/// Order-preserving parallel map for the loader's independent steps (parsing files, decoding
/// resources). Validation is CPU-bound and a big stack has thousands of independent pieces.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        if items.count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 { return items.map(body) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            slots.set(i, body(items[i]))
        }
        return slots.values
    }

    /// Splits `items` into about `2 × cores` contiguous chunks of at least `minimum` items.
    static func chunks<T>(_ items: [T], minimum: Int) -> [ArraySlice<T>] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let count = max(1, min(cores * 2, items.count / max(1, minimum)))
        let size = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: max(1, size)).map { items[$0..<min($0 + size, items.count)] }
    }

    /// One slot per index, each written once by one worker; the lock orders the writes with the
    /// final read.
    private final class Slots<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: R) {
            lock.lock()
            storage[i] = value
            lock.unlock()
        }

        var values: [R] {
            lock.lock()
            defer { lock.unlock() }
            return storage.map { $0! }
        }
    }
}
