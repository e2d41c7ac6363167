import Engine
import Foundation

/// A plan basis being refreshed in the background, which says whether the refresh is over
/// (a command then has no reason to plan against persisted state in the meantime).
struct Refreshing: Sendable {
    private let task: Task<PlanBasis, Never>
    private let done: DoneFlag

    init(engine: Engine, basis: PlanBasis, options: PlanOptions) {
        let done = DoneFlag()
        self.done = done
        task = Task {
            let refreshed = await engine.refreshing(basis, options: options)
            done.set()
            return refreshed
        }
    }

    /// True once the refreshed basis is ready.
    var isDone: Bool { done.value }

    /// The refreshed basis (its refresh failure, if any, inside it).
    func basis() async -> PlanBasis { await task.value }

    /// A flag set once, read from any thread.
    private final class DoneFlag: @unchecked Sendable {
        // Guarded by `lock`.
        private var flag = false
        private let lock = NSLock()

        func set() { lock.withLock { flag = true } }
        var value: Bool { lock.withLock { flag } }
    }
}
