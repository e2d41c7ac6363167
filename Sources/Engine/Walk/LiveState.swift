import StackConfig

/// The state during an apply (Terraform's SyncState), with a coalescing writer: every change
/// marks the state dirty and makes sure a write is under way; when a write finishes, the
/// newest snapshot (if anything changed meanwhile) is written next. So state is written after
/// every completed resource, a 10,000-resource apply does not rewrite the file 10,000 times,
/// and a kill at any instant leaves the last complete write (atomic rename) on disk.
///
/// A large state costs a write of megabytes each time, so after each write the writer waits
/// `pauseFactor` times as long as that write took (at most `maxPause`) while changes gather:
/// the writer then takes at most a thirtieth of a core, and a kill loses at most the last
/// `maxPause` or so of records (Terraform persists state every 20 s during an apply; objects
/// made in that window carry their address and are adopted by the next apply). A small state's
/// writes take a fraction of a millisecond and so follow each change as before. The pause
/// holds also when nothing changed during the write: the first change after it waits for the
/// pause's end, instead of starting a write at once. `flush` ends a pause at once.
actor LiveState {
    /// The writer waits this many times as long as its last write took before the next.
    static let pauseFactor = 29
    static let maxPause = Duration.seconds(2)

    private var state: State
    private let store: any StateStore
    private var dirty = false
    private var writing = false
    private var writeError: (any Error)?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// The pause between two writes, if one is under way; `flush` cancels it.
    private var pause: Task<Void, Never>?
    private var flushing = false
    /// When the pause after the last write ends.
    private var pauseEnd: ContinuousClock.Instant?
    /// How many writes were made.
    private(set) var writes = 0

    init(state: State, store: any StateStore) {
        self.state = state
        self.store = store
    }

    var current: State { state }

    func attributes(of address: ResourceAddress) -> [String: Value]? { state.resources[address]?.attributes }

    func resource(_ address: ResourceAddress) -> ResourceState? { state.resources[address] }

    /// Changes the state and schedules a write.
    func update(_ change: (inout State) -> Void) {
        change(&state)
        dirty = true
        if !writing {
            writing = true
            Task { await self.drain() }
        }
    }

    private func nextSnapshot() -> State? {
        guard dirty else {
            writing = false
            let waiters = idleWaiters
            idleWaiters = []
            for w in waiters { w.resume() }
            return nil
        }
        dirty = false
        state.serial += 1
        writes += 1
        return state
    }

    private func drain() async {
        while true {
            if dirty, !flushing, let end = pauseEnd, end - ContinuousClock.now > .milliseconds(1) {
                let timer = Task { _ = try? await Task.sleep(until: end, clock: .continuous) }
                pause = timer
                await timer.value
                pause = nil
            }
            guard let snapshot = nextSnapshot() else { return }
            let start = ContinuousClock.now
            do {
                try await store.persist(snapshot)
            } catch {
                if writeError == nil { writeError = error }
            }
            let end = ContinuousClock.now
            pauseEnd = end + min((end - start) * Self.pauseFactor, Self.maxPause)
        }
    }

    /// Waits until every change so far is on disk; throws the first write error, if any.
    func flush() async throws -> State {
        if writing || dirty {
            flushing = true
            pause?.cancel()
            await withCheckedContinuation { idleWaiters.append($0) }
            flushing = false
        }
        if let e = writeError { throw e }
        return state
    }
}
