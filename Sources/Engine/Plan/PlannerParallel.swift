import Dispatch
import Foundation

/// Order-preserving parallel map for the planner's independent per-resource steps, in chunks
/// so that small steps are not swamped by dispatch overhead; small inputs run inline.
enum PlannerParallel {
    static let chunk = 64

    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard items.count > chunk, cores > 1 else { return items.map(body) }
        let chunks = (items.count + chunk - 1) / chunk
        let slots = Slots<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * chunk)..<min(items.count, (c + 1) * chunk)
            slots.set(c, items[range].map(body))
        }
        return slots.values.flatMap { $0 }
    }

    /// One slot per chunk, each written once by one worker; the lock orders the writes with
    /// the final read.
    private final class Slots<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: R) {
            lock.withLock { storage[i] = value }
        }

        var values: [R] {
            lock.withLock { storage.compactMap { $0 } }
        }
    }
}
