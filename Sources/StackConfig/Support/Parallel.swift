import Dispatch
import Foundation

/// Order-preserving parallel maps for CPU-bound independent steps: the loader's (parsing files,
/// decoding resources, rules) and the engine's planner (`package`, so the one implementation
/// serves both modules).
package enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        if items.count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 { return items.map(body) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            slots.set(i, body(items[i]))
        }
        return slots.values
    }

    /// Splits `items` into about `8 × cores` contiguous chunks of at least `minimum` items.
    /// Many more chunks than cores, because items differ in cost (a task definition decodes
    /// several times slower than a cluster): the workers take chunks as they finish, so
    /// they end together instead of one waiting on the other's heavy stretch.
    static func chunks<T>(_ items: [T], minimum: Int) -> [ArraySlice<T>] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let count = max(1, min(cores * 8, items.count / max(1, minimum)))
        let size = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: max(1, size)).map { items[$0..<min($0 + size, items.count)] }
    }

    /// Maps `items` on all cores in contiguous chunks (see `chunks`), each chunk with its own
    /// `State` (diagnostics, a decoder), and returns the results in item order with every
    /// chunk's final state. Results are moved straight into one buffer by the workers, so
    /// nothing is copied (or retained) when the chunks are joined.
    package static func mapChunks<T: Sendable, R, State>(
        _ items: [T], minimum: Int, state: @Sendable () -> State, _ body: @Sendable (T, inout State) -> R
    ) -> ([R], [State]) {
        let count = items.count
        guard count > 0 else { return ([], []) }
        let chunkCount = ProcessInfo.processInfo.activeProcessorCount < 2 ? 1 : chunks(items, minimum: minimum).count
        let size = (count + chunkCount - 1) / chunkCount
        let ranges = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        let output = Output<R>(capacity: count)
        let states = Slots<State>(count: ranges.count)
        @Sendable func run(_ c: Int) {
            var local = state()
            for i in ranges[c] { output.initialize(i, to: body(items[i], &local)) }
            states.set(c, local)
        }
        if ranges.count == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: ranges.count) { run($0) }
        }
        return (output.take(count), states.values)
    }

    /// `mapChunks` without per-chunk state: chunks of at least `minimum` items, inline when
    /// there are fewer.
    package static func map<T: Sendable, R>(_ items: [T], minimum: Int, _ body: @Sendable (T) -> R) -> [R] {
        mapChunks(items, minimum: minimum, state: {}) { item, _ in body(item) }.0
    }

    /// Uninitialized storage that workers fill at disjoint indices; `take` moves it all into
    /// an array once they are done (`concurrentPerform` returning orders their writes first).
    private final class Output<R>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<R>

        init(capacity: Int) { base = .allocate(capacity: capacity) }

        func initialize(_ i: Int, to value: consuming R) { (base + i).initialize(to: value) }

        /// Moves the `count` results out; call once, after every index was initialized.
        func take(_ count: Int) -> [R] {
            [R](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let destination = buffer.baseAddress { destination.moveInitialize(from: base, count: count) }
                initialized = count
            }
        }

        deinit { base.deallocate() }
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
